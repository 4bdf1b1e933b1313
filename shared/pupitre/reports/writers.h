#pragma once
// The writers of each report, from its model to a file at `path` (the caller's temporary
// file, output_file.h). Each throws Error when the file cannot be written.
#include "pupitre/model/journal.h"
#include "pupitre/reports/attendance_summary.h"
#include "pupitre/reports/gradebook_table.h"
#include "pupitre/reports/language.h"
#include "pupitre/reports/report_card.h"

#include <string>
#include <vector>

namespace pupitre::reports {

// RFC 4180: UTF-8 with a BOM (so Excel reads the accents), CRLF line ends, cells quoted when
// they hold the separator, a quote or a line break. Numbers with a decimal comma when the
// separator is ';' (Excel in Spanish and most of Europe), else a decimal point.
void writeGradebookCsv(const GradebookTable& table, const Language& language, char separator,
                       const std::string& path);
void writeGradebookXlsx(const GradebookTable& table, const Language& language,
                        const std::string& path);
void writeGradebookPdf(const GradebookTable& table, const Language& language,
                       const std::string& path);

void writeReportCardsPdf(const std::vector<ReportCard>& cards, const Language& language,
                         const std::string& path);

void writeAttendanceXlsx(const AttendanceSummary& summary, const Language& language,
                         const std::string& path);
void writeAttendancePdf(const AttendanceSummary& summary, const Language& language,
                        const std::string& path);

struct JournalReport
{
  model::SchoolClass schoolClass;
  std::string from, to;
  std::vector<model::JournalEntry> entries; // by date and session
};
void writeJournalPdf(const JournalReport& journal, const Language& language,
                     const std::string& path);

// The text of a cell as a report shows it ("7,5", "A", "excused"); "" for an empty cell.
std::string cellText(const Cell& cell, const Language& language, bool decimalComma);

} // namespace pupitre::reports
