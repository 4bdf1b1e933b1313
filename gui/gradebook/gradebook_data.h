#pragma once
// What the gradebook shows for one class, read in one go (on the worker) and laid out for a
// virtual grid: students as rows (then the class average); first the final average (the
// final mark in the year view, which the teacher may override), each term's average (year
// view) and one average column per category, frozen next to the names; then the visible
// assessments grouped by term and category. Toolkit-neutral. With terms, the grid shows the
// whole year or one term (its columns only).
#include "pupitre/model/assessments.h"
#include "pupitre/model/averages.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/model/term_averages.h"
#include "pupitre/store/database.h"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pupitre::gui {

struct GradebookColumn
{
  enum class Kind { Assessment, CategoryAverage, TermAverage, FinalAverage };
  Kind kind = Kind::Assessment;
  int assessment = -1;    // index in GradebookData::assessments (Kind::Assessment)
  std::string categoryId; // the group ("" = uncategorised)
  std::string termId;     // the assessment's term, or the term averaged ("" = none)
};

enum class StudentOrder { ByName, ByAverage };

struct GradebookData
{
  std::string classId;
  std::vector<model::Student> students;
  std::vector<model::Category> categories;
  std::vector<model::Assessment> assessments;    // live ones, hidden included, by position
  std::vector<std::optional<model::Mark>> marks; // students.size() x assessments.size()
  std::vector<model::StudentAverages> averages;  // of the period shown; same order as students
  std::vector<GradebookColumn> columns;          // what the grid shows
  std::vector<int> rows;                         // student indexes in display order
  StudentOrder order = StudentOrder::ByName;
  double rounding = 0.1; // averages are shown rounded to a multiple of this (Settings, Grading)

  // Terms (term_averages.h): what the whole year and each term show.
  std::vector<model::Term> terms; // the class's terms, in order
  model::FinalMode finalMode = model::FinalMode::Mean;
  std::map<std::string, double> teacherFinals;         // student id -> the teacher's own final
  std::vector<model::StudentReport> reports;           // per student: term averages, final
  std::map<std::string, std::string> termOfAssessment; // assessment id -> term id ("" none)
  std::string period;                                  // the term shown, "" for the whole year

  const std::optional<model::Mark>& mark(int student, int assessment) const
  {
    return marks[static_cast<std::size_t>(student) * assessments.size() +
                 static_cast<std::size_t>(assessment)];
  }
  std::optional<model::Mark>& mark(int student, int assessment)
  {
    return marks[static_cast<std::size_t>(student) * assessments.size() +
                 static_cast<std::size_t>(assessment)];
  }
  int studentIndex(const std::string& studentId) const;
  int assessmentIndex(const std::string& assessmentId) const;
  // The name of a category id ("" or unknown: "Uncategorised" as the caller words it).
  const model::Category* category(const std::string& categoryId) const;
  // The term of that id, nullptr when there is none.
  const model::Term* term(const std::string& termId) const;
  // True when the whole year is shown (no term chosen, or the chosen one is gone).
  bool yearView() const noexcept { return period.empty(); }
  // Shows one term ("" = the whole year): recomputes the averages and the columns.
  void showPeriod(const std::string& termId);
  // The final mark of a student (the teacher's own when set) in the year view, or the
  // average of the term shown.
  std::optional<double> finalOf(int student) const;

  // Rebuilds `columns` from the assessments and categories: the averages first.
  void layoutColumns();
  // Recomputes every student's averages from the marks held here.
  void computeAllAverages();
  // Re-reads one mark and recomputes its student's averages (after an edit on this device).
  void refreshMark(store::Database& db, const std::string& studentId,
                   const std::string& assessmentId);
  // Re-reads the teacher's own finals after one was set or cleared on this device.
  void refreshFinal(store::Database& db, const std::string& studentId);
  void sortRows(StudentOrder order);
  // How many columns at the left are averages (the final one and the categories').
  int averageColumns() const;
};

// Reads everything the gradebook of `classId` shows, laid out and sorted by name, for the
// term `period` ("" = the whole year).
GradebookData loadGradebook(store::Database& db, const std::string& classId,
                            const std::string& period = {});

} // namespace pupitre::gui
