#include "pupitre/reports/pdf_canvas.h"
#include "pupitre/reports/writers.h"

#include "pupitre/error.h"

#include <algorithm>

namespace pupitre::reports {
namespace {

constexpr double kMargin = 42;
constexpr double kRow = 15;

std::string cardCellText(const Cell& cell, const Language& language)
{
  switch (cell.kind) {
  case Cell::Kind::Number:
    return language.number(cell.number, cell.decimals);
  case Cell::Kind::Text:
    return cell.text;
  case Cell::Kind::Excused:
    return language.tr(PUPITRE_TR("excused"));
  case Cell::Kind::Missing:
    return language.tr(PUPITRE_TR("missing"));
  default:
    return "–";
  }
}

void drawCard(PdfCanvas& pdf, const ReportCard& card, const Language& language)
{
  const double width = pdf.width() - 2 * kMargin;
  const TextStyle small{.size = 9, .grey = 0.35};
  const TextStyle body{.size = 10};
  const TextStyle bold{.size = 10, .bold = true};
  const TextStyle heading{.size = 11.5, .bold = true};
  double y = kMargin;
  if (!card.school.empty()) {
    y += pdf.text(kMargin, y, width, card.school, TextStyle{.size = 11, .bold = true, .grey = 0.3});
  }
  y += pdf.text(kMargin, y, width, language.tr(PUPITRE_TR("Report card")),
                TextStyle{.size = 18, .bold = true});
  y += 4;
  y += pdf.text(kMargin, y, width, displayName(card.student), TextStyle{.size = 15, .bold = true});
  std::string classLine = card.schoolClass.name;
  for (const auto* part : {&card.schoolClass.subject, &card.schoolClass.year}) {
    if (!part->empty()) {
      classLine += " · " + *part;
    }
  }
  y += pdf.text(kMargin, y, width, language.tr(PUPITRE_TR("Class: %1"), {classLine}), body);
  y += 8;
  pdf.line(kMargin, y, kMargin + width, y, 0.8, 0.3);
  y += 10;

  // Averages by category (rows) and term (columns), then the final mark.
  y += pdf.text(kMargin, y, width, language.tr(PUPITRE_TR("Averages by category and term")),
                heading) +
       4;
  const double firstColumn = std::min(190.0, width * 0.36);
  const double columnWidth =
      card.columns.empty() ? 0 : (width - firstColumn) / static_cast<double>(card.columns.size());
  pdf.fill(kMargin, y, width, kRow + 2, 0.88);
  pdf.text(kMargin + 4, y + 3, firstColumn - 8, language.tr(PUPITRE_TR("Category")), bold);
  for (std::size_t i = 0; i < card.columns.size(); ++i) {
    pdf.text(kMargin + firstColumn + columnWidth * static_cast<double>(i) + 2, y + 3,
             columnWidth - 4, card.columns[i],
             TextStyle{.size = 10, .bold = true, .align = TextStyle::Align::Centre});
  }
  y += kRow + 2;
  for (std::size_t r = 0; r < card.rows.size(); ++r) {
    const bool total = r + 1 == card.rows.size();
    if (total) {
      pdf.fill(kMargin, y, width, kRow, 0.93);
    }
    pdf.text(kMargin + 4, y + 2, firstColumn - 8, card.rows[r].title, total ? bold : body);
    for (std::size_t i = 0; i < card.rows[r].terms.size(); ++i) {
      const bool year = i + 1 == card.rows[r].terms.size();
      pdf.text(kMargin + firstColumn + columnWidth * static_cast<double>(i) + 2, y + 2,
               columnWidth - 4, cardCellText(card.rows[r].terms[i], language),
               TextStyle{.size = 10, .bold = total || year, .align = TextStyle::Align::Centre});
    }
    y += kRow;
    pdf.line(kMargin, y, kMargin + width, y, 0.3, 0.7);
  }
  y += 10;
  std::string final = language.tr(PUPITRE_TR("Final mark")) + ": " +
                      (card.final.kind == Cell::Kind::Number
                           ? language.number(card.final.number, card.final.decimals)
                           : std::string("–"));
  if (card.finalByTeacher) {
    final += " (" + language.tr(PUPITRE_TR("set by the teacher")) + ")";
  }
  y += pdf.text(kMargin, y, width, final, TextStyle{.size = 13, .bold = true}) + 10;

  // Attendance totals.
  y += pdf.text(kMargin, y, width, language.tr(PUPITRE_TR("Attendance")), heading) + 3;
  const auto& a = card.attendance;
  y += pdf.text(kMargin, y, width,
                language.tr(PUPITRE_TR("Present")) + ": " + std::to_string(a.present) + "    " +
                    language.tr(PUPITRE_TR("Absent")) + ": " + std::to_string(a.absent) + "    " +
                    language.tr(PUPITRE_TR("Late")) + ": " + std::to_string(a.late) + "    " +
                    language.tr(PUPITRE_TR("Justified")) + ": " + std::to_string(a.justified),
                body) +
       12;

  // The teacher's comment.
  const std::string commentTitle =
      language.tr(PUPITRE_TR("Teacher's comment")) +
      (card.commentPeriod.empty() ? std::string{} : " · " + card.commentPeriod);
  y += pdf.text(kMargin, y, width, commentTitle, heading) + 3;
  const TextStyle commentStyle{.size = 10, .maxLines = 14};
  const double commentHeight =
      std::max(3 * pdf.lineHeight(body), pdf.textHeight(width - 12, card.comment, commentStyle));
  pdf.frame(kMargin, y, width, commentHeight + 10, 0.6, 0.5);
  pdf.text(kMargin + 6, y + 5, width - 12, card.comment, commentStyle);
  y += commentHeight + 22;

  // The marks, by term and category, as many as the page holds.
  y += pdf.text(kMargin, y, width, language.tr(PUPITRE_TR("Marks")), heading) + 3;
  const TextStyle cell{.size = 8.5};
  const double markRow = pdf.lineHeight(cell) + 3;
  const double bottom = pdf.height() - kMargin - 2 * markRow;
  const double cols[] = {0.16, 0.2, 0.36, 0.12, 0.08, 0.08};
  const std::string headers[] = {
      language.tr(PUPITRE_TR("Term")),       language.tr(PUPITRE_TR("Category")),
      language.tr(PUPITRE_TR("Assessment")), language.tr(PUPITRE_TR("Date")),
      language.tr(PUPITRE_TR("Mark")),       language.tr(PUPITRE_TR("Scale"))};
  auto row = [&](const std::string* texts, const TextStyle& style) {
    double x = kMargin;
    for (int i = 0; i < 6; ++i) {
      const double w = cols[i] * width;
      TextStyle st = style;
      st.align = i == 4 ? TextStyle::Align::Centre : TextStyle::Align::Left;
      pdf.text(x + 2, y + 1.5, w - 4, texts[i], st);
      x += w;
    }
    y += markRow;
  };
  if (card.marks.empty()) {
    pdf.text(kMargin + 2, y + 2, width, language.tr(PUPITRE_TR("No marks yet.")), small);
    return;
  }
  // One row per mark when they all fit; else each term's marks category by category, in a
  // paragraph each ("Homework: 6 · 5,5 · exc. · 8"), as many as the page holds.
  if (y + markRow * static_cast<double>(card.marks.size() + 1) <= bottom + markRow) {
    pdf.fill(kMargin, y, width, markRow, 0.9);
    row(headers, TextStyle{.size = 8.5, .bold = true});
    for (const auto& m : card.marks) {
      const std::string texts[] = {
          m.period, m.category, m.assessment, m.date, cardCellText(m.mark, language), m.outOf};
      row(texts, cell);
      pdf.line(kMargin, y, kMargin + width, y, 0.2, 0.8);
    }
    return;
  }
  const bool withTerms = card.columns.size() > 1;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> periods;
  for (const auto& m : card.marks) {
    if (periods.empty() || periods.back().first != m.period) {
      periods.push_back({m.period, {}});
    }
    auto& groups = periods.back().second;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&m](const auto& g) { return g.first == m.category; });
    if (it == groups.end()) {
      groups.push_back({m.category, {}});
      it = groups.end() - 1;
    }
    it->second += (it->second.empty() ? "" : " · ") + cardCellText(m.mark, language);
  }
  const TextStyle groupStyle{.size = 8.5, .maxLines = 0};
  std::size_t shown = 0;
  for (const auto& [period, groups] : periods) {
    if (withTerms) {
      if (y + 2 * markRow > bottom) {
        break;
      }
      y += pdf.text(kMargin, y + 2, width,
                    period.empty() ? language.tr(PUPITRE_TR("No term")) : period,
                    TextStyle{.size = 9, .bold = true}) +
           3;
    }
    for (const auto& [category, marks] : groups) {
      const std::string text = category + ": " + marks;
      const double h = pdf.textHeight(width - 8, text, groupStyle);
      if (y + h > bottom) {
        break;
      }
      y += pdf.text(kMargin + 8, y, width - 8, text, groupStyle) + 3;
      ++shown;
    }
  }
  std::size_t total = 0;
  for (const auto& p : periods) {
    total += p.second.size();
  }
  if (shown < total) {
    pdf.text(kMargin + 2, y + 2, width,
             language.tr(PUPITRE_TR("Some marks do not fit on this page; see the gradebook.")),
             small);
  }
}

} // namespace

void writeReportCardsPdf(const std::vector<ReportCard>& cards, const Language& language,
                         const std::string& path)
{
  const std::string title = language.tr(PUPITRE_TR("Report card")) +
                            (cards.size() == 1 ? " · " + displayName(cards.front().student)
                             : cards.empty()   ? std::string()
                                               : " · " + cards.front().schoolClass.name);
  PdfCanvas pdf(path, PdfCanvas::Orientation::Portrait, title);
  for (std::size_t i = 0; i < cards.size(); ++i) {
    if (i > 0) {
      pdf.nextPage();
    }
    drawCard(pdf, cards[i], language);
  }
  pdf.finish();
}

} // namespace pupitre::reports
