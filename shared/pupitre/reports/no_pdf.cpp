// The PDF writers of a build without PDF reports (PUPITRE_WITH_PDF=OFF: the Windows build):
// each says so (reports.cpp asks requirePdf() before it gets here; this is the last guard).
#include "pupitre/reports/reports.h"
#include "pupitre/reports/writers.h"

namespace pupitre::reports {

void writeGradebookPdf(const GradebookTable&, const Language&, const std::string&)
{
  requirePdf();
}

void writeReportCardsPdf(const std::vector<ReportCard>&, const Language&, const std::string&)
{
  requirePdf();
}

void writeAttendancePdf(const AttendanceSummary&, const Language&, const std::string&)
{
  requirePdf();
}

void writeJournalPdf(const JournalReport&, const Language&, const std::string&)
{
  requirePdf();
}

} // namespace pupitre::reports
