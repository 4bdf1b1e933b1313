// The outbox is read a batch at a time: a push batch reads what it takes, not every pending
// write (a first sync of a school year is 33 batches out of 324,102 pending writes, and
// sorting all of them again for each batch made the push quadratic). Measured in SQLite's
// virtual machine steps, never in time: sqlite3_stmt_status counts them per statement.
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/held_records.h"
#include "pupitre/sync/outbox.h"
#include "pupitre/uuid.h"
#include "support/sandbox.h"

#include <SQLiteCpp/Database.h>
#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <string>
#include <vector>

using namespace pupitre;

namespace {

constexpr int kClasses = 2000; // 4,000 pending writes: a class's name and its existence

struct Outbox : test::DatabaseFixture
{
  Outbox()
  {
    store::WriteTxn txn(db);
    for (int i = 0; i < kClasses; ++i) {
      ids.push_back(newUuid());
      store::insertRow(txn, *store::findTable("class"), ids.back(),
                       {{"name", "Class " + std::to_string(i)}});
    }
    txn.commit();
  }

  // Every statement the connection holds starts counting again from zero.
  void resetCounters()
  {
    sqlite3* handle = db.sql().getHandle();
    for (sqlite3_stmt* s = sqlite3_next_stmt(handle, nullptr); s;
         s = sqlite3_next_stmt(handle, s)) {
      sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
      sqlite3_stmt_status(s, SQLITE_STMTSTATUS_SORT, 1);
    }
  }
  // Steps (or sorts) of every statement since resetCounters().
  long long counted(int what)
  {
    sqlite3* handle = db.sql().getHandle();
    long long total = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(handle, nullptr); s;
         s = sqlite3_next_stmt(handle, s)) {
      total += sqlite3_stmt_status(s, what, 0);
    }
    return total;
  }

  std::vector<std::string> ids;
};

} // namespace

BOOST_AUTO_TEST_SUITE(outbox_reads)

BOOST_FIXTURE_TEST_CASE(a_batch_of_ten_reads_about_ten_writes_not_every_pending_one, Outbox)
{
  BOOST_TEST(sync::pendingCount(db) == 2 * kClasses);
  const auto first = sync::pendingChanges(db, 10); // prepares the statements
  resetCounters();
  const auto again = sync::pendingChanges(db, 10);
  const long long steps = counted(SQLITE_STMTSTATUS_VM_STEP);
  BOOST_TEST_MESSAGE("a batch of 10 out of " << 2 * kClasses << " pending writes: " << steps
                                             << " SQLite steps");
  BOOST_TEST(counted(SQLITE_STMTSTATUS_SORT) == 0);
  // A few dozen steps per write read (and per row read for its values); sorting or testing
  // every pending write would take tens of thousands.
  BOOST_TEST(steps < 2000);
  BOOST_REQUIRE(again.size() == 10u);
  for (std::size_t i = 0; i < again.size(); ++i) {
    BOOST_TEST(again[i].rowId == first[i].rowId);
    BOOST_TEST(again[i].field == first[i].field);
  }
}

BOOST_FIXTURE_TEST_CASE(a_batch_is_in_the_order_of_table_row_and_field_owed_writes_first, Outbox)
{
  const clock::Hlc owedUpTo = db.lastHlc();
  const std::string late = ids.front(); // edited after the push started
  {
    store::WriteTxn txn(db);
    store::updateRow(txn, *store::findTable("class"), late, {{"name", std::string("Renamed")}});
    txn.commit();
  }
  const auto all = sync::pendingChanges(db, sync::pendingCount(db), SIZE_MAX, owedUpTo);
  BOOST_REQUIRE(all.size() == static_cast<std::size_t>(2 * kClasses));
  // The writes of `late` stamped after owedUpTo (its name and its liveness, which an edit
  // asserts) come last, in the same order; the others are in the order of table, row and field.
  const auto inOrder = [](const sync::FieldWrite& a, const sync::FieldWrite& b) {
    return a.table < b.table ||
           (a.table == b.table && (a.rowId < b.rowId || (a.rowId == b.rowId && a.field < b.field)));
  };
  const std::size_t owed = all.size() - 2;
  BOOST_TEST(all[owed].rowId == late);
  BOOST_TEST(all[owed].field == std::string(store::kDeletedField));
  BOOST_TEST(all[owed + 1].rowId == late);
  BOOST_TEST(all[owed + 1].field == "name");
  BOOST_TEST(std::get<std::string>(all[owed + 1].value) == "Renamed");
  BOOST_TEST(all[owed].stamp.hlc > owedUpTo);
  for (std::size_t i = 0; i < owed; ++i) {
    BOOST_TEST(all[i].stamp.hlc <= owedUpTo);
    if (i + 1 < owed) {
      BOOST_TEST_INFO(i << ": " << all[i].rowId << " " << all[i].field);
      BOOST_TEST(inOrder(all[i], all[i + 1]));
    }
  }
  // A limit takes the first writes of that order.
  const auto some = sync::pendingChanges(db, 7, SIZE_MAX, owedUpTo);
  BOOST_REQUIRE(some.size() == 7u);
  for (std::size_t i = 0; i < some.size(); ++i) {
    BOOST_TEST(some[i].rowId == all[i].rowId);
    BOOST_TEST(some[i].field == all[i].field);
  }
}

BOOST_FIXTURE_TEST_CASE(counting_held_writes_reads_the_held_records_not_every_pending_write, Outbox)
{
  sync::HeldRecord record;
  record.table = "class";
  record.rowId = ids[5];
  record.code = "too_large";
  sync::holdRecord(db, record);
  BOOST_TEST(sync::heldChangeCount(db) == 2);
  resetCounters();
  BOOST_TEST(sync::heldChangeCount(db) == 2);
  const long long steps = counted(SQLITE_STMTSTATUS_VM_STEP);
  BOOST_TEST_MESSAGE("counting the held writes among " << 2 * kClasses << ": " << steps
                                                       << " SQLite steps");
  BOOST_TEST(steps < 500);
  // The held record stays out of batches.
  for (const auto& w : sync::pendingChanges(db)) {
    BOOST_TEST(w.rowId != ids[5]);
  }
}

// What a push reads while a batch is on its way (the fields of the batch left out) is what it
// reads after the batch is acknowledged, also when the teacher edits meanwhile.
BOOST_FIXTURE_TEST_CASE(the_batch_read_while_one_is_in_flight_is_the_one_read_after_it, Outbox)
{
  const clock::Hlc owedUpTo = db.lastHlc();
  const auto inFlight = sync::pendingChanges(db, 3001, SIZE_MAX, owedUpTo);
  BOOST_REQUIRE(inFlight.size() == 3001u);
  {
    // Edited during the push: a field of the batch in flight, and one after it.
    store::WriteTxn txn(db);
    store::updateRow(txn, *store::findTable("class"), inFlight[10].rowId,
                     {{"name", std::string("Edited in flight")}});
    store::updateRow(txn, *store::findTable("class"), ids.back(),
                     {{"name", std::string("Edited after")}});
    txn.commit();
  }
  resetCounters();
  const auto ahead = sync::pendingChanges(db, 500, SIZE_MAX, owedUpTo, inFlight);
  const long long steps = counted(SQLITE_STMTSTATUS_VM_STEP);
  BOOST_TEST_MESSAGE("reading 500 past 3,001 in flight: " << steps << " SQLite steps");
  sync::acknowledge(db, inFlight);
  const auto after = sync::pendingChanges(db, 500, SIZE_MAX, owedUpTo);
  BOOST_REQUIRE(ahead.size() == after.size());
  for (std::size_t i = 0; i < ahead.size(); ++i) {
    BOOST_TEST_INFO(i);
    BOOST_TEST(ahead[i].rowId == after[i].rowId);
    BOOST_TEST(ahead[i].field == after[i].field);
    BOOST_TEST(ahead[i].stamp.hlc == after[i].stamp.hlc);
    BOOST_TEST(ahead[i].base.hlc == after[i].base.hlc);
    BOOST_TEST(store::sameValue(ahead[i].value, after[i].value));
  }
  // The owed writes are read from after the batch in flight, not through it.
  BOOST_TEST(steps < 60000);
  // The record edited in flight (both its fields were in the batch) stays pending on top of
  // the pushed version, with the other edit behind the owed writes: 4,000 less the 2,999
  // acknowledged.
  const auto rest = sync::pendingChanges(db, SIZE_MAX, SIZE_MAX, owedUpTo);
  BOOST_REQUIRE(rest.size() == 1001u);
  const auto& edited = rest[rest.size() - 3];
  BOOST_TEST(edited.rowId == inFlight[10].rowId);
  BOOST_TEST(edited.field == "name");
  BOOST_TEST(edited.base.hlc == inFlight[11].stamp.hlc);
  BOOST_TEST(rest.back().rowId == ids.back());
}

BOOST_AUTO_TEST_SUITE_END()
