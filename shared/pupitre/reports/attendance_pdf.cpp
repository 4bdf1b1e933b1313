#include "pupitre/reports/attendance_labels.h"
#include "pupitre/reports/pdf_canvas.h"
#include "pupitre/reports/writers.h"

#include "pupitre/error.h"

#include <vector>

namespace pupitre::reports {

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
