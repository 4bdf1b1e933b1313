#include "pupitre/model/averages.h"

#include "pupitre/error.h"
#include "pupitre/model/students.h"

#include <unordered_map>

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

std::vector<StudentAverages> computeAverages(const std::vector<std::string>& studentIds,
                                             const std::vector<Category>& categories,
                                             const std::vector<Assessment>& assessments,
                                             const std::vector<Mark>& marks, double outOf)
{
  std::unordered_map<std::string, double> categoryWeight{{"", 1.0}};
  for (const auto& c : categories) {
    categoryWeight[c.id] = c.weight;
  }
  std::unordered_map<std::string, const Assessment*> assessmentById;
  for (const auto& a : assessments) {
    assessmentById[a.id] = &a;
  }
  // student -> category -> sum
  std::unordered_map<std::string, std::map<std::string, Sum>> sums;
  for (const auto& mark : marks) {
    const auto it = assessmentById.find(mark.assessmentId);
    if (it == assessmentById.end() || mark.status == MarkStatus::Excused) {
      continue;
    }
    const Assessment& a = *it->second;
    if (a.weight <= 0) {
      continue;
    }
    double value = 0;
    if (mark.status == MarkStatus::Missing) {
      value = 0;
    } else if (store::isNull(mark.value)) {
      continue;
    } else {
      try {
        value = a.scale.normalized(mark.value) * outOf;
      } catch (const ValidationError&) {
        continue; // a value that no longer fits (half-synchronised scale): leave it out
      }
    }
    const std::string category = categoryWeight.count(a.categoryId) ? a.categoryId : "";
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
