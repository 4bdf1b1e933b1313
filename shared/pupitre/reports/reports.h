#pragma once
// The reports of pupitre::reports (docs/reports.md), each written whole to `path` or not at all
// (output_file.h): the gradebook (XLSX, CSV, PDF), report cards (PDF), the attendance summary
// (XLSX, PDF) and the journal (PDF).
#include "pupitre/reports/language.h"
#include "pupitre/reports/report_card.h"
#include "pupitre/store/database.h"

#include <string>
#include <vector>

namespace pupitre::reports {

enum class Format { Xlsx, Csv, Pdf };
// ValidationError for anything but xlsx, csv, pdf (or one of `allowed`); for pdf in a build
// without PDF reports, the Error of requirePdf().
Format parseFormat(const std::string& text, const std::vector<Format>& allowed);

// Whether this build writes PDF reports (cairo + pango: PUPITRE_WITH_PDF). The Windows build
// does not yet: its reports are XLSX and CSV; report cards and journals (PDF only) are not
// there.
bool pdfAvailable();
// Throws an Error saying that PDF reports are not in this build and what to use instead, when
// pdfAvailable() is false. Every PDF report calls it before it reads anything.
void requirePdf();

struct GradebookRequest
{
  std::string classId;
  std::string termId; // empty: the whole year
  Format format = Format::Xlsx;
  char separator = ','; // CSV: ',' or ';'
};
void writeGradebook(store::Database& db, const GradebookRequest& request, const Language& language,
                    const std::string& path);

// One student's card, or (no student ids) one per student of the class, one per page.
void writeReportCards(store::Database& db, const std::string& classId,
                      const std::vector<std::string>& studentIds, const ReportCardOptions& options,
                      const Language& language, const std::string& path);

struct AttendanceRequest
{
  std::string classId;
  std::string from, to; // YYYY-MM-DD, either may be empty
  std::string termId;   // instead of from/to
  Format format = Format::Xlsx;
};
void writeAttendance(store::Database& db, const AttendanceRequest& request,
                     const Language& language, const std::string& path);

// The journal entries of a class from `from` to `to` (both YYYY-MM-DD, included).
void writeJournal(store::Database& db, const std::string& classId, const std::string& from,
                  const std::string& to, const Language& language, const std::string& path);

} // namespace pupitre::reports
