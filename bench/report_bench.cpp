// bench_reports: how long each report takes for a class of 40 students x 200 assessments
// (target < 2 s each, issue 17): the gradebook as XLSX, CSV and PDF, the class's report cards,
// the attendance summary (XLSX, PDF) and the journal, written by pupitre::reports as
// `pupitrectl report` writes them. Prints its figures, asserts nothing.
#include "workloads/school_year.h"
#include "workloads/scratch.h"

#include "pupitre/model/classes.h"
#include "pupitre/reports/reports.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

using namespace pupitre;
using Clock = std::chrono::steady_clock;

int main()
{
  bench::ScratchFolder scratch("reports", std::nullopt, false);
  const std::string path = scratch.file("pupitre.db");
  store::Database db(path);
  bench::SchoolYearOptions options;
  options.classes = 1;
  options.students = 40;
  options.assessments = 200;
  options.days = 170;
  const auto counts = bench::generateSchoolYear(db, options);
  const std::string classId = model::Classes(db).list().front().id;
  std::printf("class of %lld students x %lld assessments: %lld marks, %lld attendance records, "
              "%lld journal entries\n",
              static_cast<long long>(counts.students), static_cast<long long>(counts.assessments),
              static_cast<long long>(counts.marks), static_cast<long long>(counts.attendance),
              static_cast<long long>(counts.journalEntries));
  const reports::Language english;
  const reports::Language spanish("es", reports::catalogFolders());
  const auto time = [&](const char* what, const std::string& file,
                        const std::function<void(const std::string&)>& write) {
    const std::string out = scratch.file(file);
    const auto start = Clock::now();
    write(out);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    std::printf("%-34s %8.0f ms %9.1f KiB\n", what, ms,
                static_cast<double>(std::filesystem::file_size(out)) / 1024);
  };
  using reports::Format;
  for (const auto& [format, name] :
       {std::pair{Format::Xlsx, "gradebook.xlsx"}, std::pair{Format::Csv, "gradebook.csv"},
        std::pair{Format::Pdf, "gradebook.pdf"}}) {
    time((std::string("gradebook ") + name).c_str(), name, [&](const std::string& out) {
      reports::writeGradebook(db, {.classId = classId, .format = format}, english, out);
    });
  }
  time("gradebook (Spanish) pdf", "gradebook-es.pdf", [&](const std::string& out) {
    reports::writeGradebook(db, {.classId = classId, .format = Format::Pdf}, spanish, out);
  });
  time("report cards, whole class, pdf", "cards.pdf", [&](const std::string& out) {
    reports::writeReportCards(db, classId, {}, {.school = "IES Lluís Vives"}, english, out);
  });
  time("attendance xlsx", "attendance.xlsx", [&](const std::string& out) {
    reports::writeAttendance(db, {.classId = classId, .format = Format::Xlsx}, english, out);
  });
  time("attendance pdf", "attendance.pdf", [&](const std::string& out) {
    reports::writeAttendance(db, {.classId = classId, .format = Format::Pdf}, english, out);
  });
  time("journal pdf (the whole year)", "journal.pdf", [&](const std::string& out) {
    reports::writeJournal(db, classId, "2026-09-01", "2027-08-31", english, out);
  });
  return 0;
}
