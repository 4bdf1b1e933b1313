#pragma once
// A student's report card, for a parent: the school and class, the averages of each category
// in each term and the whole year, the final mark, the marks themselves by term and category,
// the attendance totals and the teacher's comment. Averages come from the model
// (term_averages.h), rounded as the gradebook shows them.
#include "pupitre/model/attendance.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/model/terms.h"
#include "pupitre/reports/gradebook_table.h"
#include "pupitre/reports/language.h"
#include "pupitre/store/database.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::reports {

struct ReportCardRow
{
  std::string title;       // a category's name, or "Average"
  std::vector<Cell> terms; // one per term, then the whole year
};

struct ReportCardMark
{
  std::string period;   // the term's name ("" none)
  std::string category; // the category's name
  std::string assessment;
  std::string date; // as the language writes it
  Cell mark;
  std::string outOf; // "0–10"
};

struct ReportCard
{
  std::string school;
  model::SchoolClass schoolClass;
  model::Student student;
  std::vector<std::string> columns; // the terms' names, then "Whole year"
  std::vector<ReportCardRow> rows;  // the categories, then the average of each term
  Cell final;
  bool finalByTeacher = false;
  std::vector<ReportCardMark> marks;
  model::AttendanceTotals attendance;
  std::string comment;
  std::string commentPeriod; // the term's name of the comment, "" the whole year's
};

// What a report card prints besides the data: by default what is stored (the class's school
// name, the teacher's comments of the period: model/report_comments.h); the options given
// here override it for this report (pupitrectl report student --school, --comment).
struct ReportCardOptions
{
  std::optional<std::string> school;           // printed at the top; nullopt: the class's
  std::map<std::string, std::string> comments; // student id -> comment, instead of the stored
  std::string termId; // the period of the stored comments: a term of the class, "" the year
};

// The cards of `studentIds` (all the class's live students, in name order, when empty).
// NotFoundError for an unknown class or student; ValidationError for a student of another
// class.
std::vector<ReportCard> buildReportCards(store::Database& db, const std::string& classId,
                                         const std::vector<std::string>& studentIds,
                                         const ReportCardOptions& options,
                                         const Language& language);

} // namespace pupitre::reports
