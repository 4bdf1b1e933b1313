#include "pupitre/reports/reports.h"

#include "pupitre/error.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/validation.h"
#include "pupitre/reports/attendance_summary.h"
#include "pupitre/reports/gradebook_table.h"
#include "pupitre/reports/output_file.h"
#include "pupitre/reports/writers.h"

#include <algorithm>

namespace pupitre::reports {

Format parseFormat(const std::string& text, const std::vector<Format>& allowed)
{
  const Format format = text == "xlsx"  ? Format::Xlsx
                        : text == "csv" ? Format::Csv
                        : text == "pdf" ? Format::Pdf
                                        : static_cast<Format>(-1);
  if (std::find(allowed.begin(), allowed.end(), format) == allowed.end()) {
    std::string names;
    for (const Format f : allowed) {
      names += std::string(names.empty() ? "" : ", ") + (f == Format::Xlsx  ? "xlsx"
                                                         : f == Format::Csv ? "csv"
                                                                            : "pdf");
    }
    throw ValidationError(
        Sentence{PUPITRE_TR("'%1' is not a format of this report; use %2."), {text, names}});
  }
  if (format == Format::Pdf) {
    requirePdf();
  }
  return format;
}

bool pdfAvailable()
{
  return PUPITRE_HAS_PDF != 0;
}

void requirePdf()
{
  if (!pdfAvailable()) {
    throw Error(Sentence{
        PUPITRE_TR("PDF reports are not available in this build of Pupitre. Export the "
                   "gradebook as XLSX or CSV, or the attendance summary as XLSX; report cards "
                   "and the journal are made as PDF only, by the Linux version."),
        {}});
  }
}

void writeGradebook(store::Database& db, const GradebookRequest& request, const Language& language,
                    const std::string& path)
{
  if (request.separator != ',' && request.separator != ';' && request.separator != '\t') {
    throw ValidationError(
        Sentence{PUPITRE_TR("The separator of a CSV file is ',' or ';' (or a tab)."), {}});
  }
  if (request.format == Format::Pdf) {
    requirePdf();
  }
  const auto table = buildGradebook(db, request.classId, request.termId, language);
  OutputFile out(path);
  switch (request.format) {
  case Format::Csv:
    writeGradebookCsv(table, language, request.separator, out.temporaryPath());
    break;
  case Format::Pdf:
    writeGradebookPdf(table, language, out.temporaryPath());
    break;
  default:
    writeGradebookXlsx(table, language, out.temporaryPath());
  }
  out.commit();
}

void writeReportCards(store::Database& db, const std::string& classId,
                      const std::vector<std::string>& studentIds, const ReportCardOptions& options,
                      const Language& language, const std::string& path)
{
  requirePdf();
  const auto cards = buildReportCards(db, classId, studentIds, options, language);
  OutputFile out(path);
  writeReportCardsPdf(cards, language, out.temporaryPath());
  out.commit();
}

void writeAttendance(store::Database& db, const AttendanceRequest& request,
                     const Language& language, const std::string& path)
{
  if (request.format == Format::Pdf) {
    requirePdf();
  }
  const auto summary = buildAttendanceSummary(db, request.classId, request.from, request.to,
                                              request.termId, language);
  OutputFile out(path);
  if (request.format == Format::Pdf) {
    writeAttendancePdf(summary, language, out.temporaryPath());
  } else {
    writeAttendanceXlsx(summary, language, out.temporaryPath());
  }
  out.commit();
}

void writeJournal(store::Database& db, const std::string& classId, const std::string& from,
                  const std::string& to, const Language& language, const std::string& path)
{
  requirePdf();
  JournalReport journal;
  journal.schoolClass = model::Classes(db).get(classId);
  journal.from = model::requireDate(from);
  journal.to = model::requireDate(to);
  if (journal.from > journal.to) {
    throw ValidationError(Sentence{
        PUPITRE_TR("The first day (%1) is after the last day (%2); give --from before --to."),
        {journal.from, journal.to}});
  }
  for (auto& entry : model::Journal(db).list(classId)) {
    if (entry.date >= journal.from && entry.date <= journal.to) {
      journal.entries.push_back(std::move(entry));
    }
  }
  OutputFile out(path);
  writeJournalPdf(journal, language, out.temporaryPath());
  out.commit();
}

} // namespace pupitre::reports
