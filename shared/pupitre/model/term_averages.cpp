#include "pupitre/model/term_averages.h"

#include "pupitre/model/final_marks.h"
#include "pupitre/model/students.h"

namespace pupitre::model {

std::optional<double> StudentReport::termAverage(const std::string& termId) const
{
  const auto it = terms.find(termId);
  return it == terms.end() ? std::nullopt : it->second.final;
}

std::optional<double> combineTerms(const std::vector<Term>& terms,
                                   const std::map<std::string, double>& termAverages,
                                   FinalMode mode)
{
  double weighted = 0;
  double weights = 0;
  for (const auto& t : terms) {
    const auto it = termAverages.find(t.id);
    if (it == termAverages.end()) {
      continue;
    }
    const double weight = mode == FinalMode::Weighted ? t.weight : 1.0;
    if (weight > 0) {
      weighted += it->second * weight;
      weights += weight;
    }
  }
  if (weights <= 0) {
    return std::nullopt;
  }
  return weighted / weights;
}

ClassReport computeReport(const std::vector<std::string>& studentIds,
                          const std::vector<Category>& categories,
                          const std::vector<Assessment>& assessments,
                          const std::vector<Mark>& marks, const std::vector<Term>& terms,
                          FinalMode mode, const std::map<std::string, double>& teacherFinals,
                          double outOf)
{
  ClassReport report;
  report.terms = terms;
  report.finalMode = mode;
  std::map<std::string, std::vector<Assessment>> byTerm;
  for (const auto& a : assessments) {
    const std::string term = termOf(a, terms);
    report.termOfAssessment[a.id] = term;
    if (!term.empty()) {
      byTerm[term].push_back(a);
    }
  }
  const auto year = computeAverages(studentIds, categories, assessments, marks, outOf);
  std::map<std::string, std::vector<StudentAverages>> termAverages;
  for (const auto& t : terms) {
    termAverages[t.id] = computeAverages(studentIds, categories, byTerm[t.id], marks, outOf);
  }
  for (std::size_t i = 0; i < studentIds.size(); ++i) {
    StudentReport student;
    student.studentId = studentIds[i];
    student.year = year[i];
    std::map<std::string, double> averages;
    for (const auto& t : terms) {
      const StudentAverages& a = termAverages[t.id][i];
      if (a.final) {
        averages[t.id] = *a.final;
      }
      student.terms[t.id] = a;
    }
    student.computedFinal =
        averages.empty() ? student.year.final : combineTerms(terms, averages, mode);
    if (const auto it = teacherFinals.find(student.studentId); it != teacherFinals.end()) {
      student.teacherFinal = it->second;
    }
    report.students.push_back(std::move(student));
  }
  return report;
}

ClassReport classReport(store::Database& db, const std::string& classId, double outOf)
{
  std::vector<std::string> ids;
  for (const auto& s : Students(db).list(classId)) {
    ids.push_back(s.id);
  }
  return computeReport(ids, Categories(db).list(classId), Assessments(db).list(classId),
                       Marks(db).list(classId), Terms(db).list(classId),
                       Classes(db).get(classId).finalMode, FinalMarks(db).list(classId), outOf);
}

} // namespace pupitre::model
