#pragma once
// A class's gradebook as a report shows it, the same columns as the app's gradebook
// (gui/gradebook/gradebook_data.h): the final average (the final mark for the whole year, the
// term's average for one term), each term's average (whole year), one average per category,
// then the visible assessments grouped by term and category. Averages come from the model
// (term_averages.h), rounded as Settings → Grading says ("grading.rounding", default 0.1).
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"
#include "pupitre/reports/language.h"
#include "pupitre/store/database.h"

#include <string>
#include <vector>

namespace pupitre::reports {

struct Cell
{
  enum class Kind { Empty, Number, Text, Excused, Missing };
  Kind kind = Kind::Empty;
  double number = 0;
  int decimals = 0;        // how a number is shown
  std::string text;        // a scale's symbol
  bool incomplete = false; // an average that leaves out marks outside their scale
};

struct Column
{
  enum class Kind { Final, TermAverage, CategoryAverage, Assessment };
  Kind kind = Kind::Assessment;
  std::string title;    // "Final", "1st term", "Exams", "Test 1"
  std::string band;     // the upper grouped header: "Averages", or the assessment's term
  std::string category; // the lower one: the assessment's category ("" for averages)
  std::string group;    // both in one: "Averages", or "1st term · Exams"
  std::string detail;   // an assessment's date and scale ("2026-10-02 · 0–10")
};

struct GradebookTable
{
  model::SchoolClass schoolClass;
  std::string period; // "Whole year" or the term's name
  double rounding = 0.1;
  std::vector<Column> columns;
  std::vector<model::Student> students; // in name order
  std::vector<std::vector<Cell>> cells; // students.size() x columns.size()
};

// The rounding step of the averages on this device (Settings → Grading), 0.1 by default.
double averagesRounding(store::Database& db);

// The gradebook of `classId` for one term (`termId`), or the whole year (empty). NotFoundError
// for an unknown class; ValidationError for a term of another class.
GradebookTable buildGradebook(store::Database& db, const std::string& classId,
                              const std::string& termId, const Language& language);

// The term `termId` of the class `classId`, or ValidationError saying how to list its terms.
model::Term requireClassTerm(store::Database& db, const std::string& classId,
                             const std::string& termId);

// "Family, Given" (or the one that is set).
std::string displayName(const model::Student& student);

} // namespace pupitre::reports
