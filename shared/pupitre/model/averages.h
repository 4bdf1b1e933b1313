#pragma once
// Averages are computed, never stored (docs/data-model.md, "Averages"):
//  - each mark is placed on a common scale 0..outOf by where it sits in its assessment's range;
//  - a category's mean weights its marks by their assessment's weight;
//  - the final mark weights the category means by the category weights, over the categories
//    in which the student has at least one counted mark;
//  - excused marks and cells without a mark do not count; a missing mark counts as the
//    lowest mark of the scale; assessments of weight 0 do not count;
//  - assessments without a (live) category form one "uncategorised" group of weight 1.
#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/marks.h"
#include "pupitre/store/database.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

struct StudentAverages
{
  std::string studentId;
  std::map<std::string, double> byCategory; // category id ("" = uncategorised) -> mean
  std::optional<double> final;
};

// One entry per student id in `studentIds`, in that order.
std::vector<StudentAverages> computeAverages(const std::vector<std::string>& studentIds,
                                             const std::vector<Category>& categories,
                                             const std::vector<Assessment>& assessments,
                                             const std::vector<Mark>& marks, double outOf = 10);

// The same for the live students of a class, read from the database.
std::vector<StudentAverages> classAverages(store::Database& db, const std::string& classId,
                                           double outOf = 10);

} // namespace pupitre::model
