#pragma once
// The attendance report's words and figures, shared by its XLSX and PDF writers.
#include "pupitre/error.h"
#include "pupitre/reports/attendance_summary.h"
#include "pupitre/reports/language.h"

#include <array>
#include <string>

namespace pupitre::reports {

inline std::string attendanceTitle(const AttendanceSummary& summary, const Language& language)
{
  return language.tr(PUPITRE_TR("Attendance")) + " · " + summary.schoolClass.name;
}

// The four states' names, in the order of the columns.
inline std::array<std::string, 4> stateNames(const Language& language)
{
  return {language.tr(PUPITRE_TR("Present")), language.tr(PUPITRE_TR("Absent")),
          language.tr(PUPITRE_TR("Late")), language.tr(PUPITRE_TR("Justified"))};
}

inline std::array<int, 4> counts(const AttendanceRow& row)
{
  return {row.totals.present, row.totals.absent, row.totals.late, row.totals.justified};
}

} // namespace pupitre::reports
