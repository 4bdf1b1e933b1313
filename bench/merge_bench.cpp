// bench_merge: how fast a device applies pulled field writes. The pending changes of a
// generated school year on a source database (sync::pendingChanges: what that device would
// push) are applied to a fresh database with sync::applyRemote, one page per RemoteApply
// transaction that also stores a cursor, as a pull does.
//   1. 150,000 writes of rows of every kind (whole rows, the tables interleaved);
//   2. the whole school year (an initial sync), with the time per kind of record.
// Target: >= 300,000 fields/s. Prints figures, asserts nothing.
#include "workloads/command_line.h"
#include "workloads/school_year.h"
#include "workloads/scratch.h"
#include "workloads/stopwatch.h"

#include "pupitre/store/rows.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"

#include <cstdio>
#include <iostream>
#include <map>

using namespace pupitre;
using bench::Timing;

namespace {

constexpr const char* kUsage =
    "usage: bench_merge [--writes N] [--page N] [--repeat N]\n"
    "                   [--classes N --students N --assessments N --days N --seed S]\n"
    "                   [--cache-mb N] [--dir FOLDER] [--keep]\n"
    "Defaults: 150000 writes, pages of 5000, 3 repetitions (medians printed), the default\n"
    "school year (8 x 30 x 80, 170 days). --cache-mb sets the receiving connection's page\n"
    "cache (PRAGMA cache_size; default SQLite's 2 MB, as the app has).\n";

constexpr double kTargetFieldsPerSecond = 300000;

using Page = std::vector<sync::FieldWrite>;

// Up to `count` writes, whole rows at a time, taking one row of each table in turn (the
// pending changes come grouped by table, then row).
std::vector<sync::FieldWrite> interleavedRows(const std::vector<sync::FieldWrite>& all,
                                              std::size_t count)
{
  std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> rowsByTable;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t end = i;
    while (end < all.size() && all[end].rowId == all[i].rowId) {
      ++end;
    }
    rowsByTable[all[i].table].emplace_back(i, end);
    i = end;
  }
  std::vector<sync::FieldWrite> picked;
  std::map<std::string, std::size_t> next;
  bool more = true;
  while (more && picked.size() < count) {
    more = false;
    for (const auto& [table, rows] : rowsByTable) {
      std::size_t& n = next[table];
      if (n >= rows.size()) {
        continue;
      }
      more = true;
      for (std::size_t i = rows[n].first; i < rows[n].second && picked.size() < count; ++i) {
        picked.push_back(all[i]);
      }
      ++n;
    }
  }
  return picked;
}

std::vector<Page> paginate(const std::vector<sync::FieldWrite>& writes, std::size_t pageSize)
{
  std::vector<Page> pages;
  for (std::size_t i = 0; i < writes.size(); i += pageSize) {
    pages.emplace_back(writes.begin() + static_cast<std::ptrdiff_t>(i),
                       writes.begin() +
                           static_cast<std::ptrdiff_t>(std::min(writes.size(), i + pageSize)));
  }
  return pages;
}

struct PullRun
{
  Timing timing;
  sync::MergeResult totals;
  std::map<std::string, double> secondsByTable; // each page's time shared by its writes' tables
  std::map<std::string, std::size_t> writesByTable;
};

// Applies the pages to a fresh database at `path`, each in its own RemoteApply transaction
// with a cursor, like a pull.
PullRun pull(const std::string& path, const std::vector<Page>& pages, std::int64_t cacheMb)
{
  bench::removeDatabaseFiles(path);
  store::Database db(path);
  if (cacheMb > 0) {
    db.sql().exec("PRAGMA cache_size = -" + std::to_string(cacheMb * 1024));
  }
  PullRun run;
  const bench::Stopwatch watch;
  std::size_t cursor = 0;
  for (const auto& page : pages) {
    const bench::Stopwatch pageWatch;
    store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
    const auto result = sync::applyRemote(txn, page);
    cursor += page.size();
    db.setSetting("bench.pull_cursor", std::to_string(cursor));
    txn.commit();
    const double seconds = pageWatch.elapsed().wallSeconds;
    run.totals.applied += result.applied;
    run.totals.ignored += result.ignored;
    run.totals.conflicts += result.conflicts;
    for (const auto& w : page) {
      run.secondsByTable[w.table] += seconds / static_cast<double>(page.size());
      ++run.writesByTable[w.table];
    }
  }
  run.timing = watch.elapsed();
  return run;
}

double perSecond(std::size_t count, double seconds)
{
  return seconds > 0 ? static_cast<double>(count) / seconds : 0.0;
}

void printPull(const char* what, std::size_t writes, const std::vector<PullRun>& runs)
{
  std::vector<Timing> timings;
  for (const auto& r : runs) {
    timings.push_back(r.timing);
  }
  const Timing t = bench::median(timings);
  const auto& totals = runs.front().totals;
  std::printf("%s: %zu writes in %.3f s = %.0f fields/s (cpu %.3f s = %.0f fields/s)\n"
              "  applied %zu, ignored %zu, conflicts %zu   target >= %.0f fields/s: %s\n",
              what, writes, t.wallSeconds, perSecond(writes, t.wallSeconds), t.cpuSeconds,
              perSecond(writes, t.cpuSeconds), totals.applied, totals.ignored, totals.conflicts,
              kTargetFieldsPerSecond,
              perSecond(writes, t.wallSeconds) >= kTargetFieldsPerSecond ? "met" : "missed");
}

} // namespace

int main(int argc, char** argv)
{
  bench::SchoolYearOptions year;
  std::size_t writeCount = 0;
  std::size_t pageSize = 0;
  int repeat = 0;
  std::int64_t cacheMb = 0;
  std::optional<std::string> folder;
  bool keep = false;
  try {
    const bench::CommandLine args(argc, argv,
                                  {"--writes", "--page", "--repeat", "--classes", "--students",
                                   "--assessments", "--days", "--seed", "--dir", "--cache-mb"},
                                  {"--keep", "--help"});
    if (args.flag("--help")) {
      std::cout << kUsage;
      return 0;
    }
    writeCount = static_cast<std::size_t>(args.integer("--writes", 150000, 1));
    pageSize = static_cast<std::size_t>(args.integer("--page", 5000, 1));
    repeat = static_cast<int>(args.integer("--repeat", 3, 1));
    cacheMb = args.integer("--cache-mb", 0);
    year.classes = static_cast<int>(args.integer("--classes", year.classes));
    year.students = static_cast<int>(args.integer("--students", year.students));
    year.assessments = static_cast<int>(args.integer("--assessments", year.assessments));
    year.days = static_cast<int>(args.integer("--days", year.days));
    year.seed = static_cast<std::uint64_t>(args.integer("--seed", 1));
    folder = args.text("--dir");
    keep = args.flag("--keep");
  } catch (const std::exception& e) {
    std::cerr << "bench_merge: " << e.what() << "\n" << kUsage;
    return 2;
  }

  try {
    const bench::ScratchFolder scratch("pupitre-bench-merge", folder, keep);
    const std::string sourcePath = scratch.file("source.db");
    bench::removeDatabaseFiles(sourcePath);
    store::Database source(sourcePath);
    const bench::Stopwatch generation;
    const auto counts = bench::generateSchoolYear(source, year);
    std::printf("bench_merge — school year of %lld classes x %d students x %d assessments, "
                "%d days: %lld rows, generated in %.1f s\n",
                static_cast<long long>(counts.classes), year.students, year.assessments, year.days,
                static_cast<long long>(counts.rows()), generation.elapsed().wallSeconds);
    const bench::Stopwatch reading;
    const auto all = sync::pendingChanges(source);
    std::printf("sync::pendingChanges read %zu field writes in %.2f s\n\n", all.size(),
                reading.elapsed().wallSeconds);

    const auto mixed = interleavedRows(all, writeCount);
    const auto mixedPages = paginate(mixed, pageSize);
    std::vector<PullRun> runs;
    for (int r = 0; r < repeat; ++r) {
      runs.push_back(pull(scratch.file("pulled.db"), mixedPages, cacheMb));
    }
    char what[160];
    std::snprintf(what, sizeof what, "%zu writes (rows of every kind), pages of %zu", mixed.size(),
                  pageSize);
    printPull(what, mixed.size(), runs);

    const auto yearPages = paginate(all, pageSize);
    runs.clear();
    for (int r = 0; r < repeat; ++r) {
      runs.push_back(pull(scratch.file("pulled.db"), yearPages, cacheMb));
    }
    std::printf("\n");
    printPull("Whole school year to a fresh database (initial sync)", all.size(), runs);
    std::printf("  by kind of record (last run; each page's time shared among its writes):\n");
    const auto& last = runs.back();
    for (const auto& [table, seconds] : last.secondsByTable) {
      const std::size_t n = last.writesByTable.at(table);
      std::printf("    %-14s %8zu writes %8.3f s %10.0f fields/s\n", table.c_str(), n, seconds,
                  perSecond(n, seconds));
    }
    bench::removeDatabaseFiles(scratch.file("pulled.db"));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_merge: " << e.what() << "\n";
    return 1;
  }
}
