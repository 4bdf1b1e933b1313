// Merging other devices' writes (sync.md, "Rules the implementation follows"): per-field
// last-writer-wins on (hlc, device), liveness as a field, no echo into the outbox, exact
// conflict detection. First a seeded property test against a reference model written here,
// then the scenarios of sync.md with real database files playing the devices.
#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/conflicts.h"
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
// value) wins; a row's liveness is the greatest of its explicit "deleted" writes and the
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
                        const store::Value& value) {
    if (slot && slot->stamp == stamp && !store::sameValue(slot->value, value)) {
      stats.tieWithDifferentValues = true;
    }
    if (!slot || slot->stamp < stamp ||
        (slot->stamp == stamp && store::compareValues(value, slot->value) > 0)) {
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
      offer(row.liveness, w.stamp, store::Value{std::int64_t{deleted ? 1 : 0}});
    } else {
      offer(row.fields[w.field], w.stamp, w.value);
      offer(row.liveness, w.stamp, store::Value{std::int64_t{0}});
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

// ---------------------------------------------------------------------------------------
// Scenarios: each device is its own database file on its own clock.

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kSunday = 1'795'942'800'000; // 2026-11-29 09:00 UTC
constexpr std::int64_t kMonday = kSunday + 24 * 60 * kMinute;
constexpr std::int64_t kTuesday = kMonday + 24 * 60 * kMinute;

struct Device
{
  Device(const test::Sandbox& sandbox, const std::string& name, std::int64_t startMs = kSunday)
      : clock(startMs), db(sandbox.path(name + ".db"), clock.wallClock())
  {
  }

  std::string exportJson() { return store::exportCanonicalJson(db); }
  std::vector<sync::FieldWrite> pending() { return sync::pendingChanges(db); }

  test::ManualClock clock;
  store::Database db;
};

// One device's sync with others, without a server: its outbox is applied on each of them,
// then acknowledged.
void send(Device& from, std::initializer_list<Device*> to)
{
  const auto changes = from.pending();
  for (Device* device : to) {
    sync::applyRemote(device->db, changes);
  }
  sync::acknowledge(from.db, changes);
}

// Two devices that both edited since their last exchange, with a class and one student
// created on A and already on B.
struct TwoDevices
{
  test::Sandbox sandbox;
  Device a{sandbox, "a"};
  Device b{sandbox, "b"};
  std::string classId;
  std::string studentId;

  TwoDevices()
  {
    classId = model::Classes(a.db).create({.name = "4B Maths"});
    studentId = model::Students(a.db).create(
        {.classId = classId, .givenName = "Ana", .familyName = "Pérez", .email = "ana@school.es"});
    send(a, {&b});
    a.clock.advance(kMinute);
    b.clock.advance(2 * kMinute); // B's edits come later than A's.
  }

  model::Student studentOn(Device& device) { return model::Students(device.db).get(studentId); }
};

std::vector<sync::Conflict> conflictsOn(Device& device)
{
  return sync::listConflicts(device.db);
}

// A stand-in for the server that only relays: every device's pushed writes go into one log,
// and each device pulls what it has not seen yet (its own writes included), like the daemon:
// push first, then pull.
class Relay
{
public:
  sync::MergeResult sync(Device& device)
  {
    const auto pushed = device.pending();
    m_log.insert(m_log.end(), pushed.begin(), pushed.end());
    sync::acknowledge(device.db, pushed);
    std::size_t& cursor = m_cursors[&device];
    const std::vector<sync::FieldWrite> page(m_log.begin() + static_cast<std::ptrdiff_t>(cursor),
                                             m_log.end());
    cursor = m_log.size();
    return sync::applyRemote(device.db, page);
  }

private:
  std::vector<sync::FieldWrite> m_log;
  std::map<Device*, std::size_t> m_cursors;
};

sync::FieldWrite remoteWrite(const std::string& table, const std::string& rowId,
                             const std::string& field, store::Value value, const sync::Stamp& stamp)
{
  sync::FieldWrite w;
  w.table = table;
  w.rowId = rowId;
  w.field = field;
  w.value = std::move(value);
  w.stamp = stamp;
  return w;
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

BOOST_AUTO_TEST_CASE(data_created_on_one_device_appears_on_the_other)
{
  test::Sandbox sandbox;
  Device a(sandbox, "a");
  Device b(sandbox, "b");
  const auto classId =
      model::Classes(a.db).create({.name = "4B Maths", .subject = "Maths", .colour = "#3366CC"});
  const auto studentId =
      model::Students(a.db).create({.classId = classId, .givenName = "Ana", .familyName = "Pérez"});
  const auto assessmentId = model::Assessments(a.db).create(
      {.classId = classId, .name = "Fractions", .date = "2026-11-27"});
  model::Marks(a.db).set(studentId, assessmentId, {.value = "7,5", .comment = "Good work"});
  model::Attendance(a.db).set(studentId, "2026-11-27", model::AttendanceState::Late);
  model::Journal(a.db).create(
      {.classId = classId, .date = "2026-11-27", .title = "Fractions test"});

  send(a, {&b});

  BOOST_TEST(b.exportJson() == a.exportJson());
  BOOST_TEST(model::Classes(b.db).get(classId).colour == "#3366CC");
  BOOST_TEST(model::Students(b.db).get(studentId).familyName == "Pérez");
  const auto mark = model::Marks(b.db).find(studentId, assessmentId);
  BOOST_REQUIRE(mark);
  BOOST_TEST(store::toText(mark->value) == "7.5");
  BOOST_TEST(mark->comment == "Good work");
  BOOST_TEST(model::toText(model::Attendance(b.db).list(classId).at(0).state) ==
             std::string("late"));
  BOOST_TEST(model::Journal(b.db).list(classId).at(0).title == "Fractions test");
  BOOST_TEST(sync::pendingCount(a.db) == 0);
  BOOST_TEST(sync::pendingCount(b.db) == 0);
  BOOST_TEST(conflictsOn(b).empty());
}

BOOST_AUTO_TEST_CASE(the_later_edit_of_a_field_wins_on_both_devices_and_the_lost_value_is_kept)
{
  for (const bool bReachesAFirst : {true, false}) {
    BOOST_TEST_CONTEXT((bReachesAFirst ? "B's changes reach A first" : "A's changes reach B first"))
    {
      TwoDevices devices;
      Device& a = devices.a;
      Device& b = devices.b;
      model::Students(a.db).update(devices.studentId, {.givenName = "Ana María"});
      model::Students(b.db).update(devices.studentId, {.givenName = "Anna"});
      const auto fromA = a.pending();
      const auto fromB = b.pending();
      if (bReachesAFirst) {
        sync::applyRemote(a.db, fromB);
        sync::applyRemote(b.db, fromA);
      } else {
        sync::applyRemote(b.db, fromA);
        sync::applyRemote(a.db, fromB);
      }
      sync::acknowledge(a.db, fromA);
      sync::acknowledge(b.db, fromB);

      BOOST_TEST(devices.studentOn(a).givenName == "Anna");
      BOOST_TEST(devices.studentOn(b).givenName == "Anna");
      BOOST_TEST(a.exportJson() == b.exportJson());
      // Both saw A's edit while B's was pending: both list A's value, under the same id.
      for (Device* device : {&a, &b}) {
        const auto conflicts = conflictsOn(*device);
        BOOST_TEST_REQUIRE(conflicts.size() == 1u);
        const auto& c = conflicts[0];
        BOOST_TEST(c.table == "student");
        BOOST_TEST(c.rowId == devices.studentId);
        BOOST_TEST(c.field == "given_name");
        BOOST_TEST(store::toText(c.lostValue) == "Ana María");
        BOOST_TEST(c.lostStamp.device == a.db.deviceId());
        BOOST_TEST(store::toText(c.wonValue) == "Anna");
        BOOST_TEST(c.wonStamp.device == b.db.deviceId());
        BOOST_TEST(c.lostStamp < c.wonStamp);
      }
      BOOST_TEST(conflictsOn(a)[0].id == conflictsOn(b)[0].id);
      BOOST_TEST(sync::pendingCount(a.db) == 0);
      BOOST_TEST(sync::pendingCount(b.db) == 0);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(an_older_edit_that_arrives_while_a_later_one_is_pending_loses_and_is_listed,
                        TwoDevices)
{
  model::Students(a.db).update(studentId, {.givenName = "Ana María"});
  model::Students(b.db).update(studentId, {.givenName = "Anna"});

  send(a, {&b}); // B's later edit is still pending there
  BOOST_TEST(studentOn(b).givenName == "Anna");
  const auto conflicts = conflictsOn(b);
  BOOST_TEST_REQUIRE(conflicts.size() == 1u);
  BOOST_TEST(store::toText(conflicts[0].lostValue) == "Ana María");
  BOOST_TEST(conflicts[0].lostStamp.device == a.db.deviceId());

  send(b, {&a});
  BOOST_TEST(studentOn(a).givenName == "Anna");
  BOOST_TEST(a.exportJson() == b.exportJson());
}

BOOST_FIXTURE_TEST_CASE(the_same_mark_given_offline_on_two_devices_keeps_the_later_one, TwoDevices)
{
  // A mark's id comes from (student, assessment): both devices create the same record.
  const auto assessmentId = model::Assessments(a.db).create({.classId = classId, .name = "Quiz"});
  send(a, {&b});
  model::Marks(a.db).set(studentId, assessmentId, {.value = "6"});
  model::Marks(b.db).set(studentId, assessmentId, {.value = "8,5"});
  const auto fromA = a.pending();
  const auto fromB = b.pending();
  sync::applyRemote(a.db, fromB);
  sync::applyRemote(b.db, fromA);
  sync::acknowledge(a.db, fromA);
  sync::acknowledge(b.db, fromB);

  for (Device* device : {&a, &b}) {
    const auto mark = model::Marks(device->db).find(studentId, assessmentId);
    BOOST_TEST_REQUIRE(mark.has_value());
    BOOST_TEST(store::toText(mark->value) == "8.5");
    // Only the value differed: one conflict, A's 6.
    const auto conflicts = conflictsOn(*device);
    BOOST_TEST_REQUIRE(conflicts.size() == 1u);
    BOOST_TEST(conflicts[0].field == "value");
    BOOST_TEST(store::toText(conflicts[0].lostValue) == "6");
  }
  BOOST_TEST(a.exportJson() == b.exportJson());
}

BOOST_FIXTURE_TEST_CASE(edits_of_different_fields_of_one_student_on_two_devices_both_survive,
                        TwoDevices)
{
  model::Students(a.db).update(studentId, {.givenName = "Ana María"});
  model::Students(b.db).update(studentId, {.email = "ana.perez@school.es"});
  const auto fromA = a.pending();
  const auto fromB = b.pending();
  sync::applyRemote(b.db, fromA);
  sync::applyRemote(a.db, fromB);
  sync::acknowledge(a.db, fromA);
  sync::acknowledge(b.db, fromB);

  for (Device* device : {&a, &b}) {
    const auto student = studentOn(*device);
    BOOST_TEST(student.givenName == "Ana María");
    BOOST_TEST(student.email == "ana.perez@school.es");
    BOOST_TEST(student.familyName == "Pérez");
    BOOST_TEST(conflictsOn(*device).empty());
  }
  BOOST_TEST(a.exportJson() == b.exportJson());
}

BOOST_AUTO_TEST_CASE(a_later_edit_brings_a_deleted_record_back_with_its_other_fields)
{
  for (const bool bReachesAFirst : {true, false}) {
    BOOST_TEST_CONTEXT((bReachesAFirst ? "B's changes reach A first" : "A's changes reach B first"))
    {
      TwoDevices devices;
      Device& a = devices.a;
      Device& b = devices.b;
      model::Students(a.db).remove(devices.studentId);
      model::Students(b.db).update(devices.studentId, {.email = "ana.perez@school.es"});
      if (bReachesAFirst) {
        send(b, {&a});
        send(a, {&b});
      } else {
        send(a, {&b});
        send(b, {&a});
      }
      for (Device* device : {&a, &b}) {
        const auto student = devices.studentOn(*device); // alive: get() throws otherwise
        BOOST_TEST(student.email == "ana.perez@school.es");
        BOOST_TEST(student.givenName == "Ana");
        BOOST_TEST(student.familyName == "Pérez");
        BOOST_TEST(model::Students(device->db).list(devices.classId).size() == 1u);
      }
      BOOST_TEST(a.exportJson() == b.exportJson());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_later_delete_wins_over_an_earlier_edit)
{
  for (const bool bReachesAFirst : {true, false}) {
    BOOST_TEST_CONTEXT((bReachesAFirst ? "B's changes reach A first" : "A's changes reach B first"))
    {
      TwoDevices devices;
      Device& a = devices.a;
      Device& b = devices.b;
      model::Students(a.db).update(devices.studentId, {.email = "ana.perez@school.es"});
      model::Students(b.db).remove(devices.studentId);
      if (bReachesAFirst) {
        send(b, {&a});
        send(a, {&b});
      } else {
        send(a, {&b});
        send(b, {&a});
      }
      const auto& table = *store::findTable("student");
      for (Device* device : {&a, &b}) {
        BOOST_TEST(model::Students(device->db).list(devices.classId).empty());
        BOOST_CHECK_THROW(devices.studentOn(*device), NotFoundError);
      }
      BOOST_TEST(a.exportJson() == b.exportJson());
      // The tombstones agree too, edit included, so a later revival is the same everywhere.
      const auto onA = store::findRow(a.db, table, devices.studentId);
      const auto onB = store::findRow(b.db, table, devices.studentId);
      BOOST_TEST_REQUIRE((onA && onB));
      BOOST_TEST((onA->deleted && onB->deleted));
      BOOST_TEST((onA->values == onB->values));
      BOOST_TEST(onA->text("email") == "ana.perez@school.es");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_edit_made_offline_on_monday_that_syncs_last_loses_to_tuesdays_edit)
{
  test::Sandbox sandbox;
  Device laptop(sandbox, "laptop", kSunday);
  Device tablet(sandbox, "tablet", kSunday);
  Device desktop(sandbox, "desktop", kSunday);
  Relay relay;
  const auto classId = model::Classes(desktop.db).create({.name = "4B Maths"});
  const auto studentId =
      model::Students(desktop.db)
          .create({.classId = classId, .givenName = "Ana", .familyName = "Pérez"});
  for (Device* device : {&desktop, &laptop, &tablet}) {
    relay.sync(*device);
  }

  laptop.clock.set(kMonday); // offline all day
  model::Students(laptop.db).update(studentId, {.notes = "Monday: needs extra time"});
  tablet.clock.set(kTuesday);
  model::Students(tablet.db).update(studentId, {.notes = "Tuesday: doing much better"});
  relay.sync(tablet);
  desktop.clock.set(kTuesday + kMinute);
  relay.sync(desktop);
  BOOST_TEST(model::Students(desktop.db).get(studentId).notes == "Tuesday: doing much better");

  // Wednesday the laptop comes back online: its Monday edit is the last one to sync.
  laptop.clock.set(kTuesday + 24 * 60 * kMinute);
  relay.sync(laptop);
  const auto desktopPull = relay.sync(desktop);
  relay.sync(tablet);

  BOOST_TEST(desktopPull.ignored >= 1u); // the Monday edit arrived and lost
  for (Device* device : {&laptop, &tablet, &desktop}) {
    BOOST_TEST(model::Students(device->db).get(studentId).notes == "Tuesday: doing much better");
    BOOST_TEST(sync::pendingCount(device->db) == 0);
  }
  BOOST_TEST(laptop.exportJson() == tablet.exportJson());
  BOOST_TEST(laptop.exportJson() == desktop.exportJson());
}

BOOST_AUTO_TEST_CASE(applying_remote_changes_adds_nothing_to_the_outbox)
{
  test::Sandbox sandbox;
  Device a(sandbox, "a");
  Device b(sandbox, "b");
  const auto classOfA = model::Classes(a.db).create({.name = "4B Maths"});
  model::Students(a.db).create({.classId = classOfA, .givenName = "Ana"});
  const auto classOfB = model::Classes(b.db).create({.name = "3A History", .subject = "History"});
  const auto pendingOnA = sync::pendingCount(a.db);
  BOOST_TEST_REQUIRE(pendingOnA > 0);

  send(b, {&a});

  BOOST_TEST(model::Classes(a.db).get(classOfB).name == "3A History");
  BOOST_TEST(sync::pendingCount(a.db) == pendingOnA);
  for (const auto& w : a.pending()) {
    BOOST_TEST(w.rowId != classOfB);
    BOOST_TEST(w.stamp.device == a.db.deviceId());
  }
  send(a, {&b});
  BOOST_TEST(sync::pendingCount(b.db) == 0);
  BOOST_TEST(sync::pendingCount(a.db) == 0);
  BOOST_TEST(a.exportJson() == b.exportJson());
}

BOOST_FIXTURE_TEST_CASE(restoring_a_conflict_brings_the_lost_value_back_as_a_new_edit, TwoDevices)
{
  model::Students(a.db).update(studentId, {.givenName = "Ana María"});
  model::Students(b.db).update(studentId, {.givenName = "Anna"});
  const auto fromA = a.pending();
  send(b, {&a}); // A's edit is still pending: A lists it as lost
  sync::applyRemote(b.db, fromA);
  sync::acknowledge(a.db, fromA);
  const auto conflicts = conflictsOn(a);
  BOOST_TEST_REQUIRE(conflicts.size() == 1u);
  const auto conflictsOnB = sync::listConflicts(b.db, true);
  BOOST_TEST(sync::pendingCount(a.db) == 0);

  sync::restoreConflict(a.db, conflicts[0].id);

  BOOST_TEST(studentOn(a).givenName == "Ana María");
  BOOST_TEST(conflictsOn(a).empty());
  const auto all = sync::listConflicts(a.db, true);
  BOOST_TEST_REQUIRE(all.size() == 1u);
  BOOST_TEST(all[0].restored);
  const auto outbox = a.pending();
  BOOST_TEST_REQUIRE(outbox.size() == 1u);
  BOOST_TEST(outbox[0].field == "given_name");
  BOOST_TEST(store::toText(outbox[0].value) == "Ana María");
  BOOST_TEST(outbox[0].stamp.device == a.db.deviceId());
  BOOST_TEST(outbox[0].stamp > conflicts[0].wonStamp); // the most recent edit now
  BOOST_TEST(outbox[0].base == conflicts[0].wonStamp); // made knowing B's value

  send(a, {&b});
  BOOST_TEST(studentOn(b).givenName == "Ana María");
  BOOST_TEST(sync::listConflicts(b.db, true).size() == conflictsOnB.size()); // no new conflict
  BOOST_TEST(a.exportJson() == b.exportJson());
}

BOOST_FIXTURE_TEST_CASE(undoing_a_restore_puts_the_winning_value_back_and_lists_the_conflict,
                        TwoDevices)
{
  model::Students(a.db).update(studentId, {.givenName = "Ana María"});
  model::Students(b.db).update(studentId, {.givenName = "Anna"});
  const auto fromA = a.pending();
  send(b, {&a});
  sync::applyRemote(b.db, fromA);
  sync::acknowledge(a.db, fromA);
  const auto conflicts = conflictsOn(a);
  BOOST_TEST_REQUIRE(conflicts.size() == 1u);

  const auto replaced = sync::restoreConflict(a.db, conflicts[0].id);
  BOOST_TEST(store::toText(replaced.value) == "Anna");
  BOOST_TEST(!replaced.deleted);
  sync::unrestoreConflict(a.db, conflicts[0].id, replaced);

  BOOST_TEST(studentOn(a).givenName == "Anna");
  BOOST_TEST(conflictsOn(a).size() == 1u); // to restore again later
  send(a, {&b});
  BOOST_TEST(studentOn(b).givenName == "Anna");
  BOOST_TEST(a.exportJson() == b.exportJson());
}

BOOST_AUTO_TEST_CASE(a_change_delivered_twice_is_ignored_the_second_time)
{
  test::Sandbox sandbox;
  Device a(sandbox, "a");
  Device b(sandbox, "b");
  const auto classId = model::Classes(a.db).create({.name = "4B Maths"});
  model::Students(a.db).create({.classId = classId, .givenName = "Ana"});
  const auto changes = a.pending();

  const auto first = sync::applyRemote(b.db, changes);
  const auto afterFirst = b.exportJson();
  const auto second = sync::applyRemote(b.db, changes);

  BOOST_TEST(first.applied > 0u);
  BOOST_TEST(first.changedTables.count("student") == 1u);
  BOOST_TEST(second.applied == 0u);
  BOOST_TEST(second.ignored == changes.size());
  BOOST_TEST(second.conflicts == 0u);
  BOOST_TEST(second.changedTables.empty());
  BOOST_TEST(b.exportJson() == afterFirst);
  BOOST_TEST(afterFirst == a.exportJson());
  BOOST_TEST(sync::pendingCount(b.db) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_change_to_an_unknown_table_or_field_is_refused_and_changes_nothing,
                        TwoDevices)
{
  model::Classes(a.db).update(classId, {.name = "4B Maths (group 2)"});
  const auto valid = a.pending();
  const sync::Stamp future{clock::makeHlc(static_cast<std::uint64_t>(kTuesday), 0), "device-z"};
  // Row ids that sort after the valid rows, so that those are already written when the
  // unknown write is reached.
  auto unknownTable = valid;
  unknownTable.push_back(
      remoteWrite("homework", "zzzz-1", "title", std::string("Read ch. 3"), future));
  auto unknownField = valid;
  unknownField.push_back(
      remoteWrite("student", "zzzz-2", "given_name", std::string("Léa"), future));
  unknownField.push_back(remoteWrite("student", "zzzz-2", "nickname", std::string("Lé"), future));

  const auto before = b.exportJson();
  const auto pendingBefore = sync::pendingCount(b.db);
  const auto clockBefore = b.db.lastHlc();
  BOOST_CHECK_EXCEPTION(sync::applyRemote(b.db, unknownTable), Error, [](const Error& e) {
    return std::string(e.what()).find("homework") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(sync::applyRemote(b.db, unknownField), Error, [](const Error& e) {
    return std::string(e.what()).find("nickname") != std::string::npos;
  });
  BOOST_TEST(b.exportJson() == before);
  BOOST_TEST(sync::pendingCount(b.db) == pendingBefore);
  BOOST_TEST(b.db.lastHlc() == clockBefore);
  BOOST_TEST(conflictsOn(b).empty());
  BOOST_TEST(model::Classes(b.db).get(classId).name == "4B Maths");

  sync::applyRemote(b.db, valid); // the valid part alone goes through
  BOOST_TEST(model::Classes(b.db).get(classId).name == "4B Maths (group 2)");
}

BOOST_AUTO_TEST_CASE(writes_with_identical_stamps_give_the_same_result_in_any_order)
{
  test::Sandbox sandbox;
  const sync::Stamp stamp{clock::makeHlc(static_cast<std::uint64_t>(kMonday), 3), "device-x"};
  const auto edit = remoteWrite("student", "s-1", "given_name", std::string("Ana"), stamp);
  const auto otherEdit = remoteWrite("student", "s-2", "given_name", std::string("Ana"), stamp);
  const auto otherValue = remoteWrite("student", "s-2", "given_name", std::string("Zoé"), stamp);
  const auto removal = remoteWrite("student", "s-1", "deleted", std::int64_t{1}, stamp);
  const std::vector<std::vector<std::vector<sync::FieldWrite>>> deliveries = {
      {{edit, removal, otherEdit, otherValue}},
      {{removal, edit, otherValue, otherEdit}},
      {{edit}, {removal}, {otherEdit}, {otherValue}},
      {{removal}, {edit}, {otherValue}, {otherEdit}},
  };
  const auto& student = *store::findTable("student");
  int n = 0;
  for (const auto& batches : deliveries) {
    BOOST_TEST_CONTEXT("delivery " << n)
    {
      store::Database db(sandbox.path("replica-" + std::to_string(n++) + ".db"));
      for (const auto& batch : batches) {
        sync::applyRemote(db, batch);
      }
      // On the liveness field "deleted" wins the tie with the alive the edit asserts...
      const auto s1 = store::findRow(db, student, "s-1");
      BOOST_TEST_REQUIRE(s1.has_value());
      BOOST_TEST(s1->deleted);
      BOOST_TEST(s1->text("given_name") == "Ana");
      // ...and on other fields the greater value wins, the same on every replica.
      const auto s2 = store::findRow(db, student, "s-2");
      BOOST_TEST_REQUIRE(s2.has_value());
      BOOST_TEST(!s2->deleted);
      BOOST_TEST(s2->text("given_name") == "Zoé");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
