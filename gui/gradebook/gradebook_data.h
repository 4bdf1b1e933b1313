#pragma once
// What the gradebook shows for one class, read in one go (on the worker) and laid out for a
// virtual grid: students as rows (then the class average); first the final average and one
// average column per category (frozen next to the names), then the visible assessments
// grouped by category. Toolkit-neutral.
#include "pupitre/model/assessments.h"
#include "pupitre/model/averages.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/store/database.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pupitre::gui {

struct GradebookColumn
{
  enum class Kind { Assessment, CategoryAverage, FinalAverage };
  Kind kind = Kind::Assessment;
  int assessment = -1;    // index in GradebookData::assessments (Kind::Assessment)
  std::string categoryId; // the group ("" = uncategorised)
};

enum class StudentOrder { ByName, ByAverage };

struct GradebookData
{
  std::string classId;
  std::vector<model::Student> students;
  std::vector<model::Category> categories;
  std::vector<model::Assessment> assessments;    // live ones, hidden included, by position
  std::vector<std::optional<model::Mark>> marks; // students.size() x assessments.size()
  std::vector<model::StudentAverages> averages;  // same order as students
  std::vector<GradebookColumn> columns;          // what the grid shows
  std::vector<int> rows;                         // student indexes in display order
  StudentOrder order = StudentOrder::ByName;
  double rounding = 0.1; // averages are shown rounded to a multiple of this (Settings, Grading)

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

  // Rebuilds `columns` from the assessments and categories: the averages first.
  void layoutColumns();
  // Recomputes every student's averages from the marks held here.
  void computeAllAverages();
  // Re-reads one mark and recomputes its student's averages (after an edit on this device).
  void refreshMark(store::Database& db, const std::string& studentId,
                   const std::string& assessmentId);
  void sortRows(StudentOrder order);
  // How many columns at the left are averages (the final one and the categories').
  int averageColumns() const;
};

// Reads everything the gradebook of `classId` shows, laid out and sorted by name.
GradebookData loadGradebook(store::Database& db, const std::string& classId);

} // namespace pupitre::gui
