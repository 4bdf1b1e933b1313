#include "pupitre/reports/attendance_labels.h"
#include "pupitre/reports/writers.h"
#include "pupitre/reports/xlsx_book.h"

#include "pupitre/error.h"

#include <algorithm>

namespace pupitre::reports {

void writeAttendanceXlsx(const AttendanceSummary& summary, const Language& language,
                         const std::string& path)
{
  XlsxBook book(path);
  lxw_worksheet* sheet = book.sheet(language.tr(PUPITRE_TR("Attendance")));
  const auto& f = book.formats();
  const std::string title = attendanceTitle(summary, language) + " · " + summary.period;
  book.setTitle(title);
  worksheet_write_string(sheet, 0, 0, title.c_str(), f.title);
  constexpr lxw_row_t kGroupRow = 2, kHeaderRow = 3, kFirst = 4;
  const auto names = stateNames(language);
  worksheet_write_blank(sheet, kGroupRow, 0, f.group);
  book.mergeOrWrite(sheet, kGroupRow, 1, 5, language.tr(PUPITRE_TR("Records")), f.group);
  book.mergeOrWrite(sheet, kGroupRow, 6, 9, language.tr(PUPITRE_TR("Share of the records")),
                    f.group);
  worksheet_write_string(sheet, kHeaderRow, 0, language.tr(PUPITRE_TR("Student")).c_str(),
                         f.header);
  for (lxw_col_t i = 0; i < 4; ++i) {
    worksheet_write_string(sheet, kHeaderRow, 1 + i, names[i].c_str(), f.header);
    worksheet_write_string(sheet, kHeaderRow, 6 + i, ("% " + names[i]).c_str(), f.header);
  }
  worksheet_write_string(sheet, kHeaderRow, 5, language.tr(PUPITRE_TR("Total")).c_str(),
                         f.averageHeader);
  std::size_t longest = 12;
  for (std::size_t r = 0; r < summary.rows.size(); ++r) {
    const auto& row = summary.rows[r];
    const auto line = static_cast<lxw_row_t>(kFirst + r);
    const std::string name = displayName(row.student);
    longest = std::max(longest, name.size());
    worksheet_write_string(sheet, line, 0, name.c_str(), f.name);
    const auto c = counts(row);
    const int total = row.records();
    for (lxw_col_t i = 0; i < 4; ++i) {
      worksheet_write_number(sheet, line, 1 + i, c[i], f.integer);
      if (total > 0) {
        worksheet_write_number(sheet, line, 6 + i, static_cast<double>(c[i]) / total, f.percent);
      } else {
        worksheet_write_blank(sheet, line, 6 + i, f.percent);
      }
    }
    worksheet_write_number(sheet, line, 5, total, f.integer);
  }
  worksheet_set_column(sheet, 0, 0, static_cast<double>(std::min<std::size_t>(longest, 40)) + 2,
                       nullptr);
  worksheet_set_column(sheet, 1, 9, 12, nullptr);
  worksheet_freeze_panes(sheet, kFirst, 1);
  book.close();
}

} // namespace pupitre::reports
