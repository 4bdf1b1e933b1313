// bench_capture: what change capture costs a teacher's edits. The same field edits (mark
// values and comments of a generated school year) are applied to identical copies of one
// database:
//   - with capture: store::WriteTxn (LocalEdit) + store::updateRow, the app's path;
//   - without capture: the same UPDATE statements in plain BEGIN IMMEDIATE transactions, on
//     a copy whose capture triggers were dropped;
//   - and, to tell the two costs apart, the store's path on the copy without triggers.
// Each twice: one edit per transaction (typing in the gradebook) and 1,000 edits per
// transaction (an import). Target: with capture <= 2x without. Prints figures, asserts nothing.
#include "workloads/command_line.h"
#include "workloads/random.h"
#include "workloads/school_year.h"
#include "workloads/scratch.h"
#include "workloads/stopwatch.h"

#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>

using namespace pupitre;
using bench::Timing;

namespace {

constexpr const char* kUsage =
    "usage: bench_capture [--edits N] [--single-edits N] [--batch N] [--repeat N]\n"
    "                     [--classes N --students N --assessments N --days N --seed S]\n"
    "                     [--only plain|store|capture] [--cache-mb N] [--dir FOLDER] [--keep]\n"
    "Defaults: 100000 edits at 1000 per transaction, 10000 edits at one per transaction,\n"
    "3 repetitions (medians printed), the default school year (8 x 30 x 80, 170 days).\n"
    "--only runs one variant (for a profiler). --cache-mb sets the copies' page cache\n"
    "(PRAGMA cache_size; default SQLite's 2 MB, as the app has).\n";

struct Edit
{
  std::string markId;
  const char* field; // "value" or "comment"
  store::Value value;
};

// `count` edits spread over the normal marks of the year; every one changes the field.
std::vector<Edit> makeEdits(store::Database& db, std::size_t count, std::uint64_t seed)
{
  std::vector<std::pair<std::string, double>> marks;
  SQLite::Statement query(db.sql(), "SELECT id, value FROM mark WHERE status = 'normal' AND"
                                    " deleted = 0 ORDER BY id");
  while (query.executeStep()) {
    marks.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getDouble());
  }
  std::vector<Edit> edits;
  if (marks.empty()) {
    return edits;
  }
  bench::Random random(seed ^ 0xed175ULL);
  edits.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto& [id, current] = marks[random.below(marks.size())];
    if (random.chance(0.35)) {
      edits.push_back(
          {id, "comment", store::Value{"Re-marked after review (" + std::to_string(i) + ")."}});
    } else {
      double next = current;
      while (next == current) {
        next = std::clamp(current + 0.25 * static_cast<double>(random.below(9)) - 1.0, 0.0, 10.0);
      }
      current = next;
      edits.push_back({id, "value", store::Value{next}});
    }
  }
  return edits;
}

// The app's path: a LocalEdit WriteTxn per `perTxn` edits, store::updateRow for each.
Timing applyThroughStore(store::Database& db, const std::vector<Edit>& edits, std::size_t perTxn)
{
  const store::TableDef& mark = *store::findTable("mark");
  const bench::Stopwatch watch;
  for (std::size_t i = 0; i < edits.size(); i += perTxn) {
    store::WriteTxn txn(db);
    for (std::size_t j = i; j < std::min(edits.size(), i + perTxn); ++j) {
      store::updateRow(txn, mark, edits[j].markId, {{edits[j].field, edits[j].value}});
    }
    txn.commit();
  }
  return watch.elapsed();
}

// The same UPDATE statements as store::updateRow, in plain BEGIN IMMEDIATE transactions.
Timing applyPlain(store::Database& db, const std::vector<Edit>& edits, std::size_t perTxn)
{
  SQLite::Statement setValue(db.sql(),
                             "UPDATE \"mark\" SET \"value\" = ? WHERE id = ? AND deleted = 0");
  SQLite::Statement setComment(db.sql(),
                               "UPDATE \"mark\" SET \"comment\" = ? WHERE id = ? AND deleted = 0");
  const bench::Stopwatch watch;
  for (std::size_t i = 0; i < edits.size(); i += perTxn) {
    db.sql().exec("BEGIN IMMEDIATE");
    for (std::size_t j = i; j < std::min(edits.size(), i + perTxn); ++j) {
      const Edit& e = edits[j];
      SQLite::Statement& update = e.field[0] == 'v' ? setValue : setComment;
      store::bindValue(update, 1, e.value);
      update.bind(2, e.markId);
      update.exec();
      update.reset();
    }
    db.sql().exec("COMMIT");
  }
  return watch.elapsed();
}

int dropCaptureTriggers(store::Database& db)
{
  std::vector<std::string> names;
  SQLite::Statement query(db.sql(), "SELECT name FROM sqlite_master WHERE type = 'trigger' AND"
                                    " name LIKE 'capture\\_%' ESCAPE '\\'");
  while (query.executeStep()) {
    names.push_back(query.getColumn(0).getString());
  }
  for (const auto& name : names) {
    db.sql().exec("DROP TRIGGER " + store::sqlName(name));
  }
  return static_cast<int>(names.size());
}

enum class Variant { Plain, StoreWithoutTriggers, Captured };
constexpr Variant kVariants[] = {Variant::Plain, Variant::StoreWithoutTriggers, Variant::Captured};

const char* keyOf(Variant v)
{
  switch (v) {
  case Variant::Plain:
    return "plain";
  case Variant::StoreWithoutTriggers:
    return "store";
  default:
    return "capture";
  }
}

const char* nameOf(Variant v)
{
  switch (v) {
  case Variant::Plain:
    return "without capture (plain SQL, triggers dropped)";
  case Variant::StoreWithoutTriggers:
    return "store path, triggers dropped";
  default:
    return "with capture (WriteTxn + updateRow)";
  }
}

Timing runOnCopy(store::Database& source, const std::string& path, Variant variant,
                 const std::vector<Edit>& edits, std::size_t perTxn, std::int64_t cacheMb)
{
  bench::copyDatabase(source, path);
  store::Database db(path);
  if (cacheMb > 0) {
    db.sql().exec("PRAGMA cache_size = -" + std::to_string(cacheMb * 1024));
  }
  if (variant != Variant::Captured) {
    dropCaptureTriggers(db);
  }
  const Timing timing = variant == Variant::Plain ? applyPlain(db, edits, perTxn)
                                                  : applyThroughStore(db, edits, perTxn);
  return timing;
}

void printRow(const char* label, std::size_t edits, const Timing& t)
{
  std::printf("  %-48s %8.3f s %10.0f edits/s   cpu %8.3f s\n", label, t.wallSeconds,
              t.wallSeconds > 0 ? static_cast<double>(edits) / t.wallSeconds : 0.0, t.cpuSeconds);
}

} // namespace

int main(int argc, char** argv)
{
  bench::SchoolYearOptions year;
  std::size_t batchedEdits = 0;
  std::size_t singleEdits = 0;
  std::size_t batch = 0;
  int repeat = 0;
  std::int64_t cacheMb = 0;
  std::optional<std::string> folder;
  std::optional<std::string> only;
  bool keep = false;
  try {
    const bench::CommandLine args(argc, argv,
                                  {"--edits", "--single-edits", "--batch", "--repeat", "--classes",
                                   "--students", "--assessments", "--days", "--seed", "--dir",
                                   "--only", "--cache-mb"},
                                  {"--keep", "--help"});
    if (args.flag("--help")) {
      std::cout << kUsage;
      return 0;
    }
    only = args.text("--only");
    if (only && *only != "plain" && *only != "store" && *only != "capture") {
      throw bench::UsageError("--only takes plain, store or capture");
    }
    batchedEdits = static_cast<std::size_t>(args.integer("--edits", 100000));
    singleEdits = static_cast<std::size_t>(args.integer("--single-edits", 10000));
    batch = static_cast<std::size_t>(args.integer("--batch", 1000, 1));
    repeat = static_cast<int>(args.integer("--repeat", 3, 1));
    cacheMb = args.integer("--cache-mb", 0);
    year.classes = static_cast<int>(args.integer("--classes", year.classes, 1));
    year.students = static_cast<int>(args.integer("--students", year.students, 1));
    year.assessments = static_cast<int>(args.integer("--assessments", year.assessments, 1));
    year.days = static_cast<int>(args.integer("--days", year.days));
    year.seed = static_cast<std::uint64_t>(args.integer("--seed", 1));
    folder = args.text("--dir");
    keep = args.flag("--keep");
  } catch (const std::exception& e) {
    std::cerr << "bench_capture: " << e.what() << "\n" << kUsage;
    return 2;
  }

  try {
    const bench::ScratchFolder scratch("pupitre-bench-capture", folder, keep);
    const std::string sourcePath = scratch.file("source.db");
    bench::removeDatabaseFiles(sourcePath);
    store::Database source(sourcePath);
    const bench::Stopwatch generation;
    const auto counts = bench::generateSchoolYear(source, year);
    std::printf("bench_capture — school year of %lld classes x %d students x %d assessments, "
                "%d days: %lld marks, %lld rows, generated in %.1f s\n",
                static_cast<long long>(counts.classes), year.students, year.assessments, year.days,
                static_cast<long long>(counts.marks), static_cast<long long>(counts.rows()),
                generation.elapsed().wallSeconds);
    source.sql().exec("PRAGMA wal_checkpoint(TRUNCATE)");

    struct Scenario
    {
      std::size_t edits;
      std::size_t perTxn;
    };
    const Scenario scenarios[] = {{singleEdits, 1}, {batchedEdits, batch}};
    for (const auto& scenario : scenarios) {
      if (scenario.edits == 0) {
        continue;
      }
      const auto edits = makeEdits(source, scenario.edits, year.seed);
      std::printf("\n%zu edits of mark values and comments, %zu per transaction "
                  "(median of %d runs, each on a fresh copy):\n",
                  edits.size(), scenario.perTxn, repeat);
      std::vector<Timing> runs[std::size(kVariants)];
      for (int r = 0; r < repeat; ++r) {
        // Rotate the order so no variant always runs first (cold caches) or last.
        for (std::size_t k = 0; k < std::size(kVariants); ++k) {
          const std::size_t v = (k + static_cast<std::size_t>(r)) % std::size(kVariants);
          if (only && *only != keyOf(kVariants[v])) {
            continue;
          }
          runs[v].push_back(runOnCopy(source, scratch.file("copy.db"), kVariants[v], edits,
                                      scenario.perTxn, cacheMb));
        }
      }
      Timing medians[std::size(kVariants)];
      for (std::size_t v = 0; v < std::size(kVariants); ++v) {
        if (!runs[v].empty()) {
          medians[v] = bench::median(runs[v]);
          printRow(nameOf(kVariants[v]), edits.size(), medians[v]);
        }
      }
      if (only) {
        continue;
      }
      const Timing& plain = medians[0];
      const Timing& storeOnly = medians[1];
      const Timing& captured = medians[2];
      std::printf("  capture ratio (with / without capture): %.2fx wall, %.2fx cpu   "
                  "(target <= 2x: %s)\n",
                  captured.wallSeconds / plain.wallSeconds, captured.cpuSeconds / plain.cpuSeconds,
                  captured.wallSeconds / plain.wallSeconds <= 2.0 ? "met" : "missed");
      std::printf("  of which: store layer %.2fx (store path / plain), triggers %.2fx "
                  "(with capture / store path)\n",
                  storeOnly.wallSeconds / plain.wallSeconds,
                  captured.wallSeconds / storeOnly.wallSeconds);
    }
    bench::removeDatabaseFiles(scratch.file("copy.db"));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_capture: " << e.what() << "\n";
    return 1;
  }
}
