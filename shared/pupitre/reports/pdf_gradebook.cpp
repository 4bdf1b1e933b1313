#include "pupitre/reports/pdf_canvas.h"
#include "pupitre/reports/writers.h"

#include "pupitre/error.h"

#include <algorithm>

namespace pupitre::reports {
namespace {

constexpr double kMargin = 28;
constexpr double kRowHeight = 13;
constexpr double kBandHeight = 12;
constexpr double kGroupHeight = 18;
constexpr double kTitleHeight = 84;
constexpr double kAverageWidth = 32;
constexpr double kMarkWidth = 27;
constexpr double kMaxNameWidth = 170;

struct Chunk
{
  std::size_t first = 0, last = 0; // [first, last)
};

std::string pdfCellText(const Cell& cell, const Language& language)
{
  switch (cell.kind) {
  case Cell::Kind::Number:
    return language.number(cell.number, cell.decimals) + (cell.incomplete ? "*" : "");
  case Cell::Kind::Text:
    return cell.text;
  case Cell::Kind::Excused:
    return language.tr(PUPITRE_TR("exc."));
  case Cell::Kind::Missing:
    return language.tr(PUPITRE_TR("miss."));
  default:
    return {};
  }
}

} // namespace

void writeGradebookPdf(const GradebookTable& table, const Language& language,
                       const std::string& path)
{
  const auto& c = table.schoolClass;
  std::string title = language.tr(PUPITRE_TR("Gradebook")) + " · " + c.name;
  std::string subtitle;
  for (const auto* part : {&c.subject, &c.year, &table.period}) {
    if (!part->empty()) {
      subtitle += (subtitle.empty() ? "" : " · ") + *part;
    }
  }
  PdfCanvas pdf(path, PdfCanvas::Orientation::Landscape, title + " · " + subtitle);
  const TextStyle titleStyle{.size = 13, .bold = true};
  const TextStyle subtitleStyle{.size = 9, .grey = 0.3};
  const TextStyle nameStyle{.size = 8};
  const TextStyle cellStyle{.size = 8, .align = TextStyle::Align::Centre};
  const TextStyle averageStyle{.size = 8, .bold = true, .align = TextStyle::Align::Centre};
  const TextStyle statusStyle{
      .size = 6.2, .italic = true, .align = TextStyle::Align::Centre, .grey = 0.4};
  const TextStyle groupStyle{.size = 7, .bold = true, .align = TextStyle::Align::Centre};
  const TextStyle categoryStyle{
      .size = 6.5, .bold = true, .align = TextStyle::Align::Centre, .maxLines = 2};
  const TextStyle headerStyle{.size = 7.5, .bold = false, .maxLines = 2};
  const TextStyle footStyle{.size = 7, .grey = 0.35};

  double nameWidth = pdf.measure(language.tr(PUPITRE_TR("Student")), nameStyle);
  for (const auto& s : table.students) {
    nameWidth = std::max(nameWidth, pdf.measure(displayName(s), nameStyle));
  }
  nameWidth = std::min(nameWidth + 8, kMaxNameWidth);
  const auto widthOf = [](const Column& column) {
    return column.kind == Column::Kind::Assessment ? kMarkWidth : kAverageWidth;
  };

  // The columns that fit beside the names on one page, chunk after chunk; then the rows.
  const double across = pdf.width() - 2 * kMargin - nameWidth;
  const auto chunksOf = [&](double capacity) {
    std::vector<Chunk> chunks;
    for (std::size_t i = 0; i < table.columns.size();) {
      Chunk chunk{i, i};
      double used = 0;
      while (chunk.last < table.columns.size() &&
             (used + widthOf(table.columns[chunk.last]) <= capacity || chunk.last == i)) {
        used += widthOf(table.columns[chunk.last]);
        ++chunk.last;
      }
      chunks.push_back(chunk);
      i = chunk.last;
    }
    return chunks;
  };
  std::vector<Chunk> columnChunks = chunksOf(across);
  if (columnChunks.size() > 1) {
    // As many pages across, each about as full: no last page with two columns.
    double total = 0;
    for (const auto& column : table.columns) {
      total += widthOf(column);
    }
    const auto even = chunksOf(
        std::min(across, total / static_cast<double>(columnChunks.size()) + kAverageWidth));
    if (even.size() == columnChunks.size()) {
      columnChunks = even;
    }
  }
  if (columnChunks.empty()) {
    columnChunks.push_back({0, 0});
  }
  const double top = kMargin + pdf.lineHeight(titleStyle) + pdf.lineHeight(subtitleStyle) + 8;
  const double tableTop = top + kBandHeight + kGroupHeight + kTitleHeight;
  const double footer = 2 * pdf.lineHeight(footStyle) + 6;
  const auto rowsFit = std::max<std::size_t>(
      1, static_cast<std::size_t>((pdf.height() - kMargin - footer - tableTop) / kRowHeight));
  // As many pages down, each about as full.
  const std::size_t pagesDown =
      std::max<std::size_t>(1, (table.students.size() + rowsFit - 1) / rowsFit);
  const std::size_t rowsPerPage = (table.students.size() + pagesDown - 1) / pagesDown;
  std::vector<Chunk> rowChunks;
  for (std::size_t i = 0; i < table.students.size(); i += std::max<std::size_t>(rowsPerPage, 1)) {
    rowChunks.push_back({i, std::min(i + rowsPerPage, table.students.size())});
  }
  if (rowChunks.empty()) {
    rowChunks.push_back({0, 0});
  }
  const std::size_t pages = rowChunks.size() * columnChunks.size();
  const std::string legend =
      language.tr(PUPITRE_TR("exc.: excused, does not count · miss.: missing, counts as the lowest "
                             "mark · *: the average leaves out a mark outside its scale"));

  std::size_t page = 0;
  for (const auto& rows : rowChunks) {
    for (const auto& cols : columnChunks) {
      if (page > 0) {
        pdf.nextPage();
      }
      ++page;
      double y = kMargin;
      y += pdf.text(kMargin, y, pdf.width() - 2 * kMargin, title, titleStyle);
      pdf.text(kMargin, y, pdf.width() - 2 * kMargin, subtitle, subtitleStyle);
      // Header: the groups, then the column titles written upwards.
      double x = kMargin + nameWidth;
      pdf.fill(kMargin, top, nameWidth, kBandHeight + kGroupHeight + kTitleHeight, 0.93);
      pdf.text(kMargin + 3,
               top + kBandHeight + kGroupHeight + kTitleHeight - pdf.lineHeight(nameStyle) - 2,
               nameWidth - 6, language.tr(PUPITRE_TR("Student")),
               TextStyle{.size = 8, .bold = true});
      // Runs of columns with the same band (term), then the same category under it; the
      // averages' band takes both rows.
      const auto runs = [&](auto same, auto draw) {
        double rx = kMargin + nameWidth;
        for (std::size_t i = cols.first; i < cols.last;) {
          std::size_t end = i;
          double w = 0;
          while (end < cols.last && same(table.columns[end], table.columns[i])) {
            w += widthOf(table.columns[end]);
            ++end;
          }
          draw(table.columns[i], rx, w);
          rx += w;
          i = end;
        }
      };
      runs([](const Column& a, const Column& b) { return a.band == b.band; },
           [&](const Column& column, double rx, double w) {
             const bool both = column.kind != Column::Kind::Assessment;
             const double h = both ? kBandHeight + kGroupHeight : kBandHeight;
             pdf.fill(rx, top, w, h, 0.82);
             pdf.frame(rx, top, w, h);
             pdf.text(rx + 1, top + (h - pdf.lineHeight(groupStyle)) / 2, w - 2, column.band,
                      groupStyle);
           });
      runs([](const Column& a,
              const Column& b) { return a.band == b.band && a.category == b.category; },
           [&](const Column& column, double rx, double w) {
             if (column.kind != Column::Kind::Assessment) {
               return;
             }
             pdf.fill(rx, top + kBandHeight, w, kGroupHeight, 0.9);
             pdf.frame(rx, top + kBandHeight, w, kGroupHeight);
             pdf.text(rx + 1, top + kBandHeight + 2, w - 2, column.category, categoryStyle);
           });
      x = kMargin + nameWidth;
      for (std::size_t i = cols.first; i < cols.last; ++i) {
        const double w = widthOf(table.columns[i]);
        const bool average = table.columns[i].kind != Column::Kind::Assessment;
        pdf.fill(x, top + kBandHeight + kGroupHeight, w, kTitleHeight, average ? 0.88 : 0.95);
        pdf.frame(x, top + kBandHeight + kGroupHeight, w, kTitleHeight);
        TextStyle style = headerStyle;
        style.bold = average;
        pdf.textUp(x + 1, tableTop - 3, kTitleHeight - 6, w - 2, table.columns[i].title, style);
        x += w;
      }
      // The students' rows.
      y = tableTop;
      for (std::size_t s = rows.first; s < rows.last; ++s) {
        if ((s - rows.first) % 2 == 1) {
          pdf.fill(kMargin, y, x - kMargin, kRowHeight, 0.96);
        }
        pdf.text(kMargin + 3, y + 2, nameWidth - 6, displayName(table.students[s]), nameStyle);
        double cx = kMargin + nameWidth;
        for (std::size_t i = cols.first; i < cols.last; ++i) {
          const double w = widthOf(table.columns[i]);
          const Cell& cell = table.cells[s][i];
          const bool average = table.columns[i].kind != Column::Kind::Assessment;
          if (average) {
            pdf.fill(cx, y, w, kRowHeight, (s - rows.first) % 2 ? 0.90 : 0.93);
          }
          const bool status = cell.kind == Cell::Kind::Excused || cell.kind == Cell::Kind::Missing;
          pdf.text(cx + 1, y + (status ? 2.5 : 2), w - 2, pdfCellText(cell, language),
                   status    ? statusStyle
                   : average ? averageStyle
                             : cellStyle);
          cx += w;
        }
        pdf.line(kMargin, y + kRowHeight, cx, y + kRowHeight, 0.3, 0.75);
        y += kRowHeight;
      }
      double lx = kMargin + nameWidth;
      pdf.line(lx, tableTop, lx, y, 0.3, 0.75);
      for (std::size_t i = cols.first; i < cols.last; ++i) {
        lx += widthOf(table.columns[i]);
        pdf.line(lx, tableTop, lx, y, 0.3, 0.75);
      }
      pdf.frame(kMargin, tableTop, x - kMargin, y - tableTop, 0.5, 0.5);
      const double fy = pdf.height() - kMargin - footer + 4;
      pdf.text(kMargin, fy, pdf.width() - 2 * kMargin, legend, footStyle);
      pdf.text(
          kMargin, fy + pdf.lineHeight(footStyle), pdf.width() - 2 * kMargin,
          language.tr(PUPITRE_TR("Page %1 of %2"), {std::to_string(page), std::to_string(pages)}),
          TextStyle{.size = 7, .align = TextStyle::Align::Right, .grey = 0.35});
    }
  }
  pdf.finish();
}

} // namespace pupitre::reports
