#include "pupitre/reports/output_file.h"
#include "pupitre/reports/writers.h"
#include "pupitre/reports/xlsx_book.h"

#include "pupitre/error.h"

namespace pupitre::reports {

void writeGradebookXlsx(const GradebookTable& table, const Language& language,
                        const std::string& path)
{
  XlsxBook book(path);
  lxw_worksheet* sheet = book.sheet(table.period);
  const auto& f = book.formats();
  const auto& c = table.schoolClass;
  std::string title = language.tr(PUPITRE_TR("Gradebook")) + " · " + c.name;
  for (const auto* part : {&c.subject, &c.year, &table.period}) {
    if (!part->empty()) {
      title += " · " + *part;
    }
  }
  book.setTitle(title);
  worksheet_write_string(sheet, 0, 0, title.c_str(), f.title);
  constexpr lxw_row_t kBandRow = 2, kCategoryRow = 3, kTitleRow = 4, kDetailRow = 5,
                      kFirstStudent = 6;
  worksheet_write_string(sheet, kTitleRow, 0, language.tr(PUPITRE_TR("Student")).c_str(), f.header);
  worksheet_write_blank(sheet, kBandRow, 0, f.group);
  worksheet_write_blank(sheet, kCategoryRow, 0, f.group);
  worksheet_write_blank(sheet, kDetailRow, 0, f.detail);
  // The grouped headers: one merged cell over each run of columns of the same term (the
  // averages: one over both rows), then of the same category within it.
  const auto runs = [&table](auto same, auto write) {
    std::size_t start = 0;
    for (std::size_t i = 1; i <= table.columns.size(); ++i) {
      if (i < table.columns.size() && same(table.columns[i], table.columns[start])) {
        continue;
      }
      write(table.columns[start], static_cast<lxw_col_t>(start + 1), static_cast<lxw_col_t>(i));
      start = i;
    }
  };
  if (!table.columns.empty()) {
    runs([](const Column& a, const Column& b) { return a.band == b.band; },
         [&](const Column& column, lxw_col_t first, lxw_col_t last) {
           if (column.kind != Column::Kind::Assessment) {
             worksheet_merge_range(sheet, kBandRow, first, kCategoryRow, last, column.band.c_str(),
                                   f.group);
           } else {
             book.mergeOrWrite(sheet, kBandRow, first, last, column.band, f.group);
           }
         });
    runs([](const Column& a,
            const Column& b) { return a.band == b.band && a.category == b.category; },
         [&](const Column& column, lxw_col_t first, lxw_col_t last) {
           if (column.kind == Column::Kind::Assessment) {
             book.mergeOrWrite(sheet, kCategoryRow, first, last, column.category, f.group);
           }
         });
  }
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i + 1);
    const auto& column = table.columns[i];
    const bool average = column.kind != Column::Kind::Assessment;
    worksheet_write_string(sheet, kTitleRow, col, column.title.c_str(),
                           average ? f.averageHeader : f.header);
    worksheet_write_string(sheet, kDetailRow, col, column.detail.c_str(), f.detail);
  }
  std::size_t longestName = 12;
  for (std::size_t s = 0; s < table.students.size(); ++s) {
    const auto row = static_cast<lxw_row_t>(kFirstStudent + s);
    const std::string name = displayName(table.students[s]);
    longestName = std::max(longestName, name.size());
    worksheet_write_string(sheet, row, 0, name.c_str(), f.name);
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const auto col = static_cast<lxw_col_t>(i + 1);
      const Cell& cell = table.cells[s][i];
      const bool average = table.columns[i].kind != Column::Kind::Assessment;
      switch (cell.kind) {
      case Cell::Kind::Number:
        worksheet_write_number(sheet, row, col, cell.number,
                               average ? book.averageFormat(cell.decimals) : f.mark);
        break;
      case Cell::Kind::Text:
        worksheet_write_string(sheet, row, col, cell.text.c_str(), f.symbol);
        break;
      case Cell::Kind::Excused:
      case Cell::Kind::Missing:
        worksheet_write_string(sheet, row, col, cellText(cell, language, false).c_str(), f.status);
        break;
      default:
        worksheet_write_blank(sheet, row, col,
                              average ? book.averageFormat(cell.decimals) : f.mark);
      }
    }
  }
  worksheet_set_column(sheet, 0, 0, static_cast<double>(std::min<std::size_t>(longestName, 40)) + 2,
                       nullptr);
  if (!table.columns.empty()) {
    worksheet_set_column(sheet, 1, static_cast<lxw_col_t>(table.columns.size()), 11, nullptr);
  }
  worksheet_set_row(sheet, kTitleRow, 30, nullptr);
  worksheet_freeze_panes(sheet, kFirstStudent, 1);
  book.close();
}

} // namespace pupitre::reports
