#include "pupitre/reports/pdf_canvas.h"
#include "pupitre/reports/writers.h"
#include "pupitre/reports/xlsx_book.h"

#include "pupitre/error.h"

#include <algorithm>
#include <array>

namespace pupitre::reports {
namespace {

std::string attendanceTitle(const AttendanceSummary& summary, const Language& language)
{
  return language.tr(PUPITRE_TR("Attendance")) + " · " + summary.schoolClass.name;
}

// The four states' names, in the order of the columns.
std::array<std::string, 4> stateNames(const Language& language)
{
  return {language.tr(PUPITRE_TR("Present")), language.tr(PUPITRE_TR("Absent")),
          language.tr(PUPITRE_TR("Late")), language.tr(PUPITRE_TR("Justified"))};
}

std::array<int, 4> counts(const AttendanceRow& row)
{
  return {row.totals.present, row.totals.absent, row.totals.late, row.totals.justified};
}

} // namespace

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

void writeAttendancePdf(const AttendanceSummary& summary, const Language& language,
                        const std::string& path)
{
  constexpr double kMargin = 36;
  const std::string title = attendanceTitle(summary, language);
  PdfCanvas pdf(path, PdfCanvas::Orientation::Portrait, title + " · " + summary.period);
  const double width = pdf.width() - 2 * kMargin;
  const TextStyle cell{.size = 9, .align = TextStyle::Align::Centre};
  const TextStyle header{.size = 7.5, .align = TextStyle::Align::Centre, .maxLines = 3};
  const double row = pdf.lineHeight(cell) + 5;
  const double nameWidth = width * 0.22;
  const double columnWidth = (width - nameWidth) / 9;
  const auto names = stateNames(language);
  std::vector<std::string> headers(names.begin(), names.end());
  headers.push_back(language.tr(PUPITRE_TR("Total")));
  for (const auto& n : names) {
    headers.push_back("%\n" + n);
  }
  std::size_t next = 0;
  int page = 0;
  do {
    if (page++ > 0) {
      pdf.nextPage();
    }
    double y = kMargin;
    y += pdf.text(kMargin, y, width, title, TextStyle{.size = 14, .bold = true});
    std::string subtitle;
    for (const auto* part : {&summary.schoolClass.subject, &summary.schoolClass.year}) {
      if (!part->empty()) {
        subtitle += *part + " · ";
      }
    }
    subtitle += summary.period;
    y += pdf.text(kMargin, y, width, subtitle, TextStyle{.size = 9.5, .grey = 0.3}) + 10;
    const double headerHeight = 3 * pdf.lineHeight(header) + 6;
    pdf.fill(kMargin, y, width, headerHeight, 0.88);
    pdf.text(kMargin + 4, y + 3, nameWidth - 8, language.tr(PUPITRE_TR("Student")),
             TextStyle{.size = 8.5, .bold = true});
    for (std::size_t i = 0; i < headers.size(); ++i) {
      pdf.text(kMargin + nameWidth + columnWidth * static_cast<double>(i) + 1, y + 3,
               columnWidth - 2, headers[i], header);
    }
    y += headerHeight;
    while (next < summary.rows.size() && y + row < pdf.height() - kMargin - row) {
      const auto& r = summary.rows[next];
      if (next % 2 == 1) {
        pdf.fill(kMargin, y, width, row, 0.95);
      }
      pdf.text(kMargin + 4, y + 2.5, nameWidth - 8, displayName(r.student), TextStyle{.size = 9});
      const auto c = counts(r);
      const int total = r.records();
      std::vector<std::string> texts;
      for (const int n : c) {
        texts.push_back(std::to_string(n));
      }
      texts.push_back(std::to_string(total));
      for (const int n : c) {
        texts.push_back(percentText(n, total, language));
      }
      for (std::size_t i = 0; i < texts.size(); ++i) {
        TextStyle st = cell;
        st.bold = i == 4;
        pdf.text(kMargin + nameWidth + columnWidth * static_cast<double>(i) + 1, y + 2.5,
                 columnWidth - 2, texts[i], st);
      }
      y += row;
      pdf.line(kMargin, y, kMargin + width, y, 0.3, 0.75);
      ++next;
    }
  } while (next < summary.rows.size());
  pdf.finish();
}

} // namespace pupitre::reports
