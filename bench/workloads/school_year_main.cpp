// pupitre-school-year: fills a Pupitre database with a generated school year (for benchmarks
// and demos) and prints what it wrote and how long it took.
#include "workloads/command_line.h"
#include "workloads/school_year.h"
#include "workloads/scratch.h"

#include "pupitre/sync/outbox.h"

#include <chrono>
#include <cstdio>
#include <iostream>

using namespace pupitre;

namespace {

constexpr const char* kUsage =
    "usage: pupitre-school-year --db FILE [--fresh] [--classes N] [--students N]\n"
    "                           [--assessments N] [--days N] [--seed S] [--first-day YYYY-MM-DD]\n"
    "Writes a school year into FILE: N classes of N students, N assessments per class in\n"
    "4 weighted categories with every mark given, attendance for N school days (weekdays\n"
    "from --first-day), one journal entry per class and day. The same seed gives the same\n"
    "year. --fresh deletes FILE first. Defaults: 8 classes, 30 students, 80 assessments,\n"
    "170 days, seed 1, first day 2026-09-14.\n";

} // namespace

int main(int argc, char** argv)
{
  bench::SchoolYearOptions options;
  std::string path;
  try {
    const bench::CommandLine args(
        argc, argv,
        {"--db", "--classes", "--students", "--assessments", "--days", "--seed", "--first-day"},
        {"--fresh", "--help"});
    if (args.flag("--help")) {
      std::cout << kUsage;
      return 0;
    }
    if (!args.text("--db")) {
      throw bench::UsageError("--db FILE is required");
    }
    path = *args.text("--db");
    options.classes = static_cast<int>(args.integer("--classes", options.classes));
    options.students = static_cast<int>(args.integer("--students", options.students));
    options.assessments = static_cast<int>(args.integer("--assessments", options.assessments));
    options.days = static_cast<int>(args.integer("--days", options.days));
    options.seed = static_cast<std::uint64_t>(args.integer("--seed", 1));
    options.firstDay = args.text("--first-day").value_or(options.firstDay);
    if (args.flag("--fresh")) {
      bench::removeDatabaseFiles(path);
    }
  } catch (const std::exception& e) {
    std::cerr << "pupitre-school-year: " << e.what() << "\n" << kUsage;
    return 2;
  }

  try {
    store::Database db(path);
    const auto start = std::chrono::steady_clock::now();
    const auto counts = bench::generateSchoolYear(db, options);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    const auto fields = sync::pendingCount(db);
    std::printf("School year (seed %llu) written to %s\n",
                static_cast<unsigned long long>(options.seed), path.c_str());
    std::printf("  classes          %10lld\n", static_cast<long long>(counts.classes));
    std::printf("  students         %10lld\n", static_cast<long long>(counts.students));
    std::printf("  categories       %10lld\n", static_cast<long long>(counts.categories));
    std::printf("  assessments      %10lld\n", static_cast<long long>(counts.assessments));
    std::printf("  marks            %10lld\n", static_cast<long long>(counts.marks));
    std::printf("  attendance       %10lld\n", static_cast<long long>(counts.attendance));
    std::printf("  journal entries  %10lld\n", static_cast<long long>(counts.journalEntries));
    std::printf("  rows             %10lld\n", static_cast<long long>(counts.rows()));
    std::printf("  pending fields   %10lld (whole database)\n", static_cast<long long>(fields));
    std::printf("Took %.2f s (%.0f rows/s)\n", took.count(),
                took.count() > 0 ? static_cast<double>(counts.rows()) / took.count() : 0.0);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "pupitre-school-year: " << e.what() << "\n";
    return 1;
  }
}
