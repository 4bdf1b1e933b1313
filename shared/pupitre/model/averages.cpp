#include "pupitre/model/averages.h"

#include "pupitre/error.h"
#include "pupitre/model/students.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <variant>

namespace pupitre::model {
namespace {

struct Sum
{
  double weighted = 0;
  double weights = 0;
  void add(double value, double weight)
  {
    weighted += value * weight;
    weights += weight;
  }
};

} // namespace

std::string OutOfScaleMark::message() const
{
  const std::string shown = std::holds_alternative<std::string>(value)
                                ? "'" + store::toText(value) + "'"
                                : store::toText(value);
  return shown + " is outside this assessment's scale " + scale.rangeText() +
         "; change the mark or the scale.";
}

int StudentAverages::outOfScaleIn(const std::string& categoryId) const noexcept
{
  int count = 0;
  for (const auto& m : outOfScale) {
    count += m.categoryId == categoryId ? 1 : 0;
  }
  return count;
}

std::string StudentAverages::note() const
{
  std::string note;
  if (!outOfScale.empty()) {
    const auto n = outOfScale.size();
    note = "incomplete: " + std::to_string(n) + (n == 1 ? " mark" : " marks") + " out of range";
  }
  if (finalWithoutWeight) {
    note += (note.empty() ? "" : "; ") +
            std::string("no final average: every category with marks weighs 0");
  }
  return note;
}

double roundAverage(double value, double step)
{
  if (!(step > 0) || !std::isfinite(value)) {
    return value;
  }
  // A little slack so that 7.25 stored as 7.2499999 still rounds as the teacher expects.
  return std::floor(value / step + 0.5 + 1e-9) * step;
}

int averageDecimals(double step)
{
  if (!(step > 0)) {
    return 2;
  }
  double scaled = step;
  for (int decimals = 0; decimals < 4; ++decimals) {
    if (std::abs(scaled - std::round(scaled)) < 1e-9) {
      return decimals;
    }
    scaled *= 10;
  }
  return 4;
}

std::vector<StudentAverages> computeAverages(const std::vector<std::string>& studentIds,
                                             const std::vector<Category>& categories,
                                             const std::vector<Assessment>& assessments,
                                             const std::vector<Mark>& marks, double outOf)
{
  std::unordered_map<std::string, double> categoryWeight{{"", 1.0}};
  for (const auto& c : categories) {
    categoryWeight[c.id] = c.weight;
  }
  std::unordered_map<std::string, std::size_t> assessmentIndex;
  for (std::size_t i = 0; i < assessments.size(); ++i) {
    assessmentIndex[assessments[i].id] = i;
  }
  // student -> category -> sum
  std::unordered_map<std::string, std::map<std::string, Sum>> sums;
  std::unordered_map<std::string, std::vector<OutOfScaleMark>> leftOut;
  for (const auto& mark : marks) {
    const auto it = assessmentIndex.find(mark.assessmentId);
    if (it == assessmentIndex.end() || mark.status == MarkStatus::Excused) {
      continue;
    }
    const Assessment& a = assessments[it->second];
    if (a.weight <= 0) {
      continue;
    }
    const std::string category = categoryWeight.count(a.categoryId) ? a.categoryId : "";
    double value = 0;
    if (mark.status == MarkStatus::Missing) {
      value = 0;
    } else if (store::isNull(mark.value)) {
      continue;
    } else if (!a.scale.fits(mark.value)) {
      // Merged from two devices (a new scale here, a mark typed on the old one there), or a
      // scale that has not fully arrived: it does not count, and the averages say so.
      leftOut[mark.studentId].push_back({mark.studentId, a.id, category, mark.value, a.scale});
      continue;
    } else {
      value = a.scale.normalized(mark.value) * outOf;
    }
    sums[mark.studentId][category].add(value, a.weight);
  }

  std::vector<StudentAverages> result;
  result.reserve(studentIds.size());
  for (const auto& studentId : studentIds) {
    StudentAverages averages;
    averages.studentId = studentId;
    Sum final;
    for (const auto& [category, sum] : sums[studentId]) {
      if (sum.weights <= 0) {
        continue;
      }
      const double mean = sum.weighted / sum.weights;
      averages.byCategory[category] = mean;
      const double weight = categoryWeight[category];
      if (weight > 0) {
        final.add(mean, weight);
      }
    }
    if (final.weights > 0) {
      averages.final = final.weighted / final.weights;
    } else {
      averages.finalWithoutWeight = !averages.byCategory.empty();
    }
    if (auto found = leftOut.find(studentId); found != leftOut.end()) {
      averages.outOfScale = std::move(found->second);
      // In the gradebook's column order, whatever order the marks were read in.
      std::sort(averages.outOfScale.begin(), averages.outOfScale.end(),
                [&assessmentIndex](const OutOfScaleMark& x, const OutOfScaleMark& y) {
                  return assessmentIndex.at(x.assessmentId) < assessmentIndex.at(y.assessmentId);
                });
    }
    result.push_back(std::move(averages));
  }
  return result;
}

std::vector<StudentAverages> classAverages(store::Database& db, const std::string& classId,
                                           double outOf)
{
  std::vector<std::string> ids;
  for (const auto& s : Students(db).list(classId)) {
    ids.push_back(s.id);
  }
  return computeAverages(ids, Categories(db).list(classId), Assessments(db).list(classId),
                         Marks(db).list(classId), outOf);
}

} // namespace pupitre::model
