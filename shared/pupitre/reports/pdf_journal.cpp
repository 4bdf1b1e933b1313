#include "pupitre/reports/pdf_canvas.h"
#include "pupitre/reports/writers.h"

#include "pupitre/error.h"

namespace pupitre::reports {

void writeJournalPdf(const JournalReport& journal, const Language& language,
                     const std::string& path)
{
  constexpr double kMargin = 48;
  const std::string title = language.tr(PUPITRE_TR("Journal")) + " · " + journal.schoolClass.name;
  const std::string period = language.date(journal.from) + " – " + language.date(journal.to);
  PdfCanvas pdf(path, PdfCanvas::Orientation::Portrait, title + " · " + period);
  const double width = pdf.width() - 2 * kMargin;
  const double bottom = pdf.height() - kMargin;
  const TextStyle heading{.size = 10.5, .bold = true, .maxLines = 2};
  const TextStyle body{.size = 10, .maxLines = 0};
  const TextStyle meta{.size = 8.5, .italic = true, .grey = 0.35};
  double y = kMargin;
  y += pdf.text(kMargin, y, width, title, TextStyle{.size = 15, .bold = true});
  y += pdf.text(kMargin, y, width, period, TextStyle{.size = 10, .grey = 0.3}) + 12;
  if (journal.entries.empty()) {
    pdf.text(kMargin, y, width, language.tr(PUPITRE_TR("No journal entries in these days.")), body);
  }
  for (const auto& entry : journal.entries) {
    std::string head = language.date(entry.date);
    if (!entry.session.empty()) {
      head += " · " + entry.session;
    }
    if (!entry.title.empty()) {
      head += " · " + entry.title;
    }
    const std::string state =
        entry.done ? language.tr(PUPITRE_TR("Done")) : language.tr(PUPITRE_TR("Planned"));
    if (y + pdf.lineHeight(heading) + pdf.lineHeight(body) * 2 > bottom) {
      pdf.nextPage();
      y = kMargin;
    }
    pdf.line(kMargin, y, kMargin + width, y, 0.4, 0.7);
    y += 4;
    y += pdf.text(kMargin, y, width, head, heading);
    y += pdf.text(kMargin, y, width, state, meta) + 2;
    // The text paragraph by paragraph, so a long entry goes on over the next page.
    std::size_t at = 0;
    while (at <= entry.body.size()) {
      auto end = entry.body.find('\n', at);
      if (end == std::string::npos) {
        end = entry.body.size();
      }
      const std::string paragraph = entry.body.substr(at, end - at);
      const double h = pdf.textHeight(width, paragraph, body);
      if (y + h > bottom) {
        pdf.nextPage();
        y = kMargin;
      }
      y += pdf.text(kMargin, y, width, paragraph, body);
      at = end + 1;
    }
    y += 10;
  }
  pdf.finish();
}

} // namespace pupitre::reports
