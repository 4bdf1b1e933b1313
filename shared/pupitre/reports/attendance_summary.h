#pragma once
// A class's attendance over a date range or a term: per student, how many records of each
// state (attendance.h) and what share of the records each is.
#include "pupitre/model/attendance.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/reports/language.h"
#include "pupitre/store/database.h"

#include <string>
#include <vector>

namespace pupitre::reports {

struct AttendanceRow
{
  model::Student student;
  model::AttendanceTotals totals;
  int records() const noexcept
  {
    return totals.present + totals.absent + totals.late + totals.justified;
  }
};

struct AttendanceSummary
{
  model::SchoolClass schoolClass;
  std::string from, to;            // YYYY-MM-DD; empty: open
  std::string period;              // "2026-09-01 – 2026-12-22" or the term's name with its dates
  std::vector<AttendanceRow> rows; // every live student of the class, in name order
};

// From `from` to `to` (YYYY-MM-DD, both included; either may be empty), or the term `termId`
// when given. ValidationError for a date that is not one, or `from` after `to`.
AttendanceSummary buildAttendanceSummary(store::Database& db, const std::string& classId,
                                         const std::string& from, const std::string& to,
                                         const std::string& termId, const Language& language);

// "12.5%": a share of `total` as a report writes it (empty when total is 0).
std::string percentText(int count, int total, const Language& language);

} // namespace pupitre::reports
