// The merge's property test (sync.md, "Rules the implementation follows"): any order, split
// and repetition of the same writes gives the same data, and that data is what a reference
// model of "the most recent write of each field wins" says. The scenarios are in merge_test.cpp.
#include "pupitre/store/canonical_json.h"
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace pupitre;

namespace {

// ---------------------------------------------------------------------------------------
// Property test: any order, split and repetition of the same writes gives the same data,
// and that data is what "the most recent write of each field wins" says.

constexpr std::uint64_t kDefaultSeed = 20261128;
constexpr std::uint64_t kDefaultCases = 1500;
const std::vector<std::string> kDevices = {"device-a", "device-b", "device-c"};

std::uint64_t envNumber(const char* name, std::uint64_t fallback)
{
  const char* text = std::getenv(name);
  if (!text || !*text) {
    return fallback;
  }
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (*end != '\0') {
    BOOST_FAIL(name << " must be a number, not '" << text << "'");
  }
  return value;
}

// Random choices from a seed. Only std::mt19937_64 itself is used (its output is fixed by the
// standard; the std distributions are not), so a seed replays the same case everywhere.
class Random
{
public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}

  // In [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_engine() % n); }
  std::int64_t between(std::int64_t lo, std::int64_t hi)
  {
    return lo + static_cast<std::int64_t>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <typename T> const T& pick(const std::vector<T>& items)
  {
    return items[below(items.size())];
  }
  template <typename T> void shuffle(std::vector<T>& items)
  {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[below(i)]);
    }
  }

private:
  std::mt19937_64 m_engine;
};

// Values of the kind the column holds, so that SQLite's column affinity stores them as given
// (a number written to a TEXT column would come back as text). Few distinct values, so that
// writes with equal stamps often carry different values and sometimes the same one.
store::Value randomValue(Random& random, store::FieldType type)
{
  using store::FieldType;
  static const std::vector<std::string> texts = {"Ana",        "Zoé",        "B+",
                                                 "say \"hi\"", "two\nlines", ""};
  if (random.chance(12)) {
    return store::Value{};
  }
  switch (type) {
  case FieldType::Text:
    return random.pick(texts);
  case FieldType::Integer:
    return random.chance(10) ? std::int64_t{-4'000'000'000'000} : random.between(-2, 3);
  case FieldType::Real:
    return static_cast<double>(random.between(-4, 40)) / 4;
  case FieldType::Any:
    break;
  }
  switch (random.below(3)) {
  case 0:
    return random.between(0, 10);
  case 1:
    return static_cast<double>(random.between(0, 19)) + 0.5;
  default:
    return random.pick(texts);
  }
}

struct RowRef
{
  const store::TableDef* table;
  std::string id;
};

// 5–40 writes to 1–4 rows of random tables: field writes, explicit deletes and revivals,
// writes that reuse another write's stamp (with the same or another value) and exact
// duplicates.
std::vector<sync::FieldWrite> randomWrites(Random& random)
{
  const auto& tables = store::syncedTables();
  std::vector<RowRef> rows;
  const auto rowCount = random.between(1, 4);
  for (std::int64_t i = 0; i < rowCount; ++i) {
    rows.push_back({&random.pick(tables), "row-" + std::to_string(i)});
  }
  const auto count = static_cast<std::size_t>(random.between(5, 40));
  std::vector<sync::FieldWrite> writes;
  const clock::Hlc startMs = 1'796'029'200'000;
  while (writes.size() < count) {
    if (!writes.empty() && random.chance(8)) {
      writes.push_back(random.pick(writes));
      continue;
    }
    const RowRef& row = random.pick(rows);
    sync::FieldWrite w;
    w.table = row.table->name;
    w.rowId = row.id;
    if (!writes.empty() && random.chance(20)) {
      w.stamp = random.pick(writes).stamp;
    } else {
      w.stamp = {clock::makeHlc(startMs + static_cast<clock::Hlc>(random.between(0, 6)),
                                static_cast<clock::Hlc>(random.between(0, 2))),
                 random.pick(kDevices)};
    }
    if (random.chance(20)) {
      w.field = std::string(store::kDeletedField);
      const bool deleted = random.chance(60);
      // Liveness as sent by pendingChanges (an integer) or as text from another encoder.
      w.value = random.chance(80) ? store::Value{std::int64_t{deleted ? 1 : 0}}
                                  : store::Value{std::string(deleted ? "1" : "0")};
    } else {
      const auto& field = random.pick(row.table->fields);
      w.field = field.name;
      w.value = randomValue(random, field.type);
    }
    if (random.chance(50)) {
      w.base = {w.stamp.hlc > 0 ? w.stamp.hlc - 1 : 0, random.pick(kDevices)};
    }
    writes.push_back(std::move(w));
  }
  return writes;
}

// What the data must be, computed without SQLite: per (row, field) the greatest (stamp,
// value) wins, where on a value field null is greater than any value (the retention's erasure
// wins a tie); a row's liveness is the greatest of its explicit "deleted" writes and the
// "alive" every field write asserts at its stamp ("deleted" = 1 wins a tie); live rows are
// exported with every field of their table.
struct ReferenceStats
{
  bool tieWithDifferentValues = false;
  bool deletedRow = false;
  bool revivedRow = false; // alive although it received a delete
};

std::string referenceExport(const std::vector<sync::FieldWrite>& writes, ReferenceStats& stats)
{
  struct Winner
  {
    sync::Stamp stamp;
    store::Value value;
  };
  struct RowState
  {
    const store::TableDef* table = nullptr;
    std::map<std::string, std::optional<Winner>> fields;
    std::optional<Winner> liveness;
    bool everDeleted = false;
  };
  auto offer = [&stats](std::optional<Winner>& slot, const sync::Stamp& stamp,
                        const store::Value& value, bool valueField) {
    if (slot && slot->stamp == stamp && !store::sameValue(slot->value, value)) {
      stats.tieWithDifferentValues = true;
    }
    const auto tieWins = [&] {
      if (valueField && store::isNull(value) != store::isNull(slot->value)) {
        return store::isNull(value);
      }
      return store::compareValues(value, slot->value) > 0;
    };
    if (!slot || slot->stamp < stamp || (slot->stamp == stamp && tieWins())) {
      slot = Winner{stamp, value};
    }
  };
  std::map<std::string, RowState> rows;
  for (const auto& w : writes) {
    RowState& row = rows[w.rowId];
    row.table = store::findTable(w.table);
    if (w.field == store::kDeletedField) {
      const bool deleted = store::toText(w.value) == "1";
      row.everDeleted = row.everDeleted || deleted;
      offer(row.liveness, w.stamp, store::Value{std::int64_t{deleted ? 1 : 0}}, false);
    } else {
      offer(row.fields[w.field], w.stamp, w.value, true);
      offer(row.liveness, w.stamp, store::Value{std::int64_t{0}}, false);
    }
  }
  store::LiveData data;
  for (const auto& table : store::syncedTables()) {
    data[table.exportName];
  }
  for (const auto& [id, row] : rows) {
    if (store::toText(row.liveness->value) == "1") {
      stats.deletedRow = true;
      continue;
    }
    stats.revivedRow = stats.revivedRow || row.everDeleted;
    store::Row out;
    out.id = id;
    for (const auto& field : row.table->fields) {
      const auto it = row.fields.find(field.name);
      out.values[field.name] = it == row.fields.end() ? store::Value{} : it->second->value;
    }
    data[row.table->exportName].push_back(std::move(out));
  }
  return store::canonicalJson(data);
}

std::string describe(const std::vector<sync::FieldWrite>& writes)
{
  std::ostringstream out;
  for (const auto& w : writes) {
    out << "  " << w.table << " " << w.rowId << "." << w.field << " = " << store::jsonValue(w.value)
        << " @" << w.stamp << " base " << w.base << "\n";
  }
  return out.str();
}

// Empties a database between cases (faster than creating one): a RemoteApply transaction is
// not captured, so the triggers that forbid removing synced rows stay out of the way.
void clearData(store::Database& db)
{
  store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
  for (const auto& table : store::syncedTables()) {
    db.sql().exec("DELETE FROM " + store::sqlName(table.name));
  }
  db.sql().exec("DELETE FROM field_version");
  db.sql().exec("DELETE FROM conflict");
  txn.commit();
}

// `writes` cut into 1..n consecutive batches at random places.
std::vector<std::vector<sync::FieldWrite>>
randomBatches(Random& random, const std::vector<sync::FieldWrite>& writes)
{
  std::vector<std::vector<sync::FieldWrite>> batches(1);
  for (const auto& w : writes) {
    if (!batches.back().empty() && random.chance(30)) {
      batches.emplace_back();
    }
    batches.back().push_back(w);
  }
  return batches;
}

// The ways one case is delivered; each gets its own database.
enum Delivery {
  kInOrder,
  kShuffled,
  kShuffledInBatches,
  kWithDuplicatesAndARepeatedBatch,
  kOneByOneReversed,
  kDeliveries
};
const char* const kDeliveryNames[] = {"in order", "shuffled", "shuffled in batches",
                                      "with duplicates and a batch applied twice",
                                      "one by one in reverse order"};

void deliver(store::Database& db, Delivery delivery, Random& random,
             const std::vector<sync::FieldWrite>& writes)
{
  auto shuffled = writes;
  random.shuffle(shuffled);
  switch (delivery) {
  case kInOrder:
    sync::applyRemote(db, writes);
    break;
  case kShuffled:
    sync::applyRemote(db, shuffled);
    break;
  case kShuffledInBatches:
    for (const auto& batch : randomBatches(random, shuffled)) {
      sync::applyRemote(db, batch);
    }
    break;
  case kWithDuplicatesAndARepeatedBatch: {
    auto withDuplicates = writes;
    for (const auto& w : writes) {
      if (random.chance(30)) {
        withDuplicates.push_back(w);
      }
    }
    random.shuffle(withDuplicates);
    const auto batches = randomBatches(random, withDuplicates);
    const std::size_t repeated = random.below(batches.size());
    for (std::size_t i = 0; i < batches.size(); ++i) {
      sync::applyRemote(db, batches[i]);
      if (i == repeated) {
        sync::applyRemote(db, batches[i]);
      }
    }
    break;
  }
  case kOneByOneReversed:
    for (auto it = writes.rbegin(); it != writes.rend(); ++it) {
      sync::applyRemote(db, {*it});
    }
    break;
  case kDeliveries:
    break;
  }
}

} // namespace

BOOST_AUTO_TEST_SUITE(merge_tests)

BOOST_AUTO_TEST_CASE(any_order_split_and_repetition_of_writes_gives_the_reference_data)
{
  const std::uint64_t firstSeed = envNumber("PUPITRE_PROPERTY_SEED", kDefaultSeed);
  const std::uint64_t cases = envNumber("PUPITRE_PROPERTY_CASES", kDefaultCases);
  test::Sandbox sandbox;
  std::vector<std::unique_ptr<store::Database>> dbs;
  for (int i = 0; i < kDeliveries; ++i) {
    dbs.push_back(
        std::make_unique<store::Database>(sandbox.path("replica-" + std::to_string(i) + ".db")));
    dbs.back()->sql().exec("PRAGMA synchronous = OFF"); // throwaway files: speed, not durability
  }
  const auto started = std::chrono::steady_clock::now();
  std::uint64_t casesRun = 0;
  std::uint64_t casesWithTies = 0;
  std::uint64_t casesWithDeletedRows = 0;
  std::uint64_t casesWithRevivedRows = 0;
  for (std::uint64_t n = 0; n < cases; ++n) {
    const std::uint64_t seed = firstSeed + n;
    ++casesRun;
    Random random(seed);
    const auto writes = randomWrites(random);
    ReferenceStats stats;
    const std::string expected = referenceExport(writes, stats);
    casesWithTies += stats.tieWithDifferentValues ? 1 : 0;
    casesWithDeletedRows += stats.deletedRow ? 1 : 0;
    casesWithRevivedRows += stats.revivedRow ? 1 : 0;

    const auto replay = [&] {
      return "seed " + std::to_string(seed) +
             "; replay with PUPITRE_PROPERTY_SEED=" + std::to_string(seed) +
             " PUPITRE_PROPERTY_CASES=1 shared_tests --run_test=" +
             "merge_tests/any_order_split_and_repetition_of_writes_gives_the_reference_data\n" +
             "writes (in order):\n" + describe(writes);
    };
    bool failed = false;
    for (int d = 0; d < kDeliveries && !failed; ++d) {
      store::Database& db = *dbs[static_cast<std::size_t>(d)];
      clearData(db);
      try {
        deliver(db, static_cast<Delivery>(d), random, writes);
      } catch (const std::exception& e) {
        BOOST_ERROR("Delivering " << kDeliveryNames[d] << " threw: " << e.what() << "\n"
                                  << replay());
        failed = true;
        break;
      }
      const std::string actual = store::exportCanonicalJson(db);
      if (actual != expected) {
        BOOST_ERROR("Delivered " << kDeliveryNames[d] << ", the data differ from the reference "
                                 << "model.\nexpected:\n"
                                 << expected << "actual:\n"
                                 << actual << replay());
        failed = true;
      } else if (sync::pendingCount(db) != 0) {
        BOOST_ERROR("Delivered " << kDeliveryNames[d] << ", remote writes went into the outbox.\n"
                                 << replay());
        failed = true;
      }
    }
    if (!failed) {
      // Everything again on converged data: nothing changes and every write is counted ignored.
      const auto again = sync::applyRemote(*dbs[0], writes);
      if (again.applied != 0 || again.ignored != writes.size() || again.conflicts != 0 ||
          store::exportCanonicalJson(*dbs[0]) != expected) {
        BOOST_ERROR("Applying the same writes a second time changed something (applied "
                    << again.applied << ", ignored " << again.ignored << " of " << writes.size()
                    << ", conflicts " << again.conflicts << ").\n"
                    << replay());
        failed = true;
      }
    }
    if (failed) {
      break;
    }
  }
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  BOOST_TEST_MESSAGE("merge property: " << casesRun << " cases from seed " << firstSeed << " in "
                                        << seconds << " s; with equal-stamp ties: " << casesWithTies
                                        << ", deleted rows: " << casesWithDeletedRows
                                        << ", revived rows: " << casesWithRevivedRows);
  // The generator must reach the cases that matter, or passing proves little.
  if (casesRun == cases && cases >= 200) {
    BOOST_TEST(casesWithTies > cases / 20);
    BOOST_TEST(casesWithDeletedRows > cases / 10);
    BOOST_TEST(casesWithRevivedRows > cases / 20);
  }
}

BOOST_AUTO_TEST_SUITE_END()
