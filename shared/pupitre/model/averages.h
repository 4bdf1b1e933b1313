#pragma once
// Averages are computed, never stored (docs/data-model.md, "Averages"):
//  - each mark is placed on a common scale 0..outOf by where it sits in its assessment's range;
//  - a category's mean weights its marks by their assessment's weight;
//  - the final mark weights the category means by the category weights, over the categories
//    in which the student has at least one counted mark;
//  - excused marks and cells without a mark do not count; a missing mark counts as the
//    lowest mark of the scale; assessments of weight 0 do not count;
//  - assessments without a (live) category form one "uncategorised" group of weight 1;
//  - a mark that does not fit its assessment's scale (two devices merged a new scale and a
//    mark typed on the old one) does not count, and is reported: the averages it belongs to
//    are flagged incomplete, never left blank or wrong without a word.
#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/marks.h"
#include "pupitre/store/database.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

// A mark left out of the averages because its value does not fit its assessment's scale.
struct OutOfScaleMark
{
  std::string studentId;
  std::string assessmentId;
  std::string categoryId; // the group it would count in ("" = uncategorised)
  store::Value value;
  Scale scale; // the assessment's scale, which the value does not fit

  // "15 is outside this assessment's scale 0–10; change the mark or the scale."
  std::string message() const;
};

struct StudentAverages
{
  std::string studentId;
  std::map<std::string, double> byCategory; // category id ("" = uncategorised) -> mean
  std::optional<double> final;
  // Marks that would count but do not fit their scale: the averages above leave them out.
  std::vector<OutOfScaleMark> outOfScale;
  // The student has counted marks, but only in categories of weight 0: no final average.
  bool finalWithoutWeight = false;

  // True when no mark that should count was left out.
  bool complete() const noexcept { return outOfScale.empty(); }
  // How many marks of the group `categoryId` were left out.
  int outOfScaleIn(const std::string& categoryId) const noexcept;
  // What the CLI and logs say next to the average: "incomplete: 1 mark out of range",
  // "no final average: every category with marks weighs 0", or "" when there is nothing to say.
  std::string note() const;
};

// One entry per student id in `studentIds`, in that order.
std::vector<StudentAverages> computeAverages(const std::vector<std::string>& studentIds,
                                             const std::vector<Category>& categories,
                                             const std::vector<Assessment>& assessments,
                                             const std::vector<Mark>& marks, double outOf = 10);

// An average as the teacher reads it: rounded to the nearest multiple of `step` (Settings →
// Grading, "Round averages to": 0.01, 0.1, 0.25, 0.5 or 1; halves round up). Computations and
// sorting keep the exact value; only what is shown is rounded.
double roundAverage(double value, double step);
// How many decimals an average rounded to `step` is shown with: the fewest that write every
// multiple of it (0.01 and 0.25: 2; 0.1 and 0.5: 1; 1: 0). At most 4.
int averageDecimals(double step);

// The same for the live students of a class, read from the database.
std::vector<StudentAverages> classAverages(store::Database& db, const std::string& classId,
                                           double outOf = 10);

} // namespace pupitre::model
