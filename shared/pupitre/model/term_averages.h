#pragma once
// Averages per term and the final mark (docs/data-model.md, "Terms and the final mark"):
//  - a term's average is the ordinary average (averages.h) over the assessments of that term;
//  - the whole year's average is over every assessment, those in no term included;
//  - the computed final is the mean of the student's term averages (terms in which the
//    student has one), or their mean weighted by the terms' weights when the class says
//    "weighted"; a student with no term average (a class without terms, or undated
//    assessments only) gets the whole year's average;
//  - the teacher's own final (final_marks.h) overrides the computed one.
#include "pupitre/model/averages.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/terms.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::model {

struct StudentReport
{
  std::string studentId;
  StudentAverages year;                         // over every assessment
  std::map<std::string, StudentAverages> terms; // term id -> averages over its assessments
  std::optional<double> computedFinal;
  std::optional<double> teacherFinal; // the override, when the teacher gave one

  // The final mark shown: the teacher's value when there is one, else the computed one.
  std::optional<double> final() const { return teacherFinal ? teacherFinal : computedFinal; }
  bool overridden() const noexcept { return teacherFinal.has_value(); }
  // The student's average in one term (nullopt when no counted mark in it).
  std::optional<double> termAverage(const std::string& termId) const;
};

struct ClassReport
{
  std::vector<Term> terms; // the class's live terms, in order
  FinalMode finalMode = FinalMode::Mean;
  std::map<std::string, std::string> termOfAssessment; // assessment id -> term id ("" none)
  std::vector<StudentReport> students;                 // in the order of the student ids
};

// The final computed from one student's term averages (term id -> average).
std::optional<double> combineTerms(const std::vector<Term>& terms,
                                   const std::map<std::string, double>& termAverages,
                                   FinalMode mode);

// The report from data already read (the gradebook's snapshot).
ClassReport computeReport(const std::vector<std::string>& studentIds,
                          const std::vector<Category>& categories,
                          const std::vector<Assessment>& assessments,
                          const std::vector<Mark>& marks, const std::vector<Term>& terms,
                          FinalMode mode, const std::map<std::string, double>& teacherFinals,
                          double outOf = 10);

// The same for the live students of a class, read from the database.
ClassReport classReport(store::Database& db, const std::string& classId, double outOf = 10);

} // namespace pupitre::model
