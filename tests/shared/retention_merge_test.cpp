// The retention's erasure on a device (docs/sync-protocol.md, "Retention"): the server
// writes null at a deleted row's deletion stamp into each of its fields; a device applying
// it keeps only the row's liveness, forgets the row's conflict-list entries, drops a pending
// older edit, and ends with the same values whatever the order of arrival.
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"
#include "pupitre/sync/retention.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Statement.h>

using namespace pupitre;

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kStart = 1'795'942'800'000;

struct Device
{
  Device(const test::Sandbox& sandbox, const std::string& name)
      : db(sandbox.path(name + ".db"), clock.wallClock())
  {
  }
  void receive(const std::vector<sync::FieldWrite>& changes) { sync::applyRemote(db, changes); }

  test::ManualClock clock{kStart};
  store::Database db;
};

void send(Device& from, Device& to)
{
  const auto changes = sync::pendingChanges(from.db);
  to.receive(changes);
  sync::acknowledge(from.db, changes);
}

sync::Stamp versionOf(store::Database& db, const std::string& row, const std::string& field)
{
  SQLite::Statement q(db.sql(), "SELECT hlc, device FROM field_version WHERE row_id = ? AND "
                                "field = ?");
  q.bind(1, row);
  q.bind(2, field);
  BOOST_REQUIRE(q.executeStep());
  return {static_cast<clock::Hlc>(q.getColumn(0).getInt64()), q.getColumn(1).getString()};
}

// What the server's retention sweep sends for a row deleted at `deletion`.
std::vector<sync::FieldWrite> erasure(const std::string& table, const std::string& row,
                                      const sync::Stamp& deletion)
{
  std::vector<sync::FieldWrite> writes;
  for (const auto& f : store::findTable(table)->fields) {
    writes.push_back({table, row, f.name, store::Value{}, deletion, {}});
  }
  return writes;
}

bool onlyLiveness(store::Database& db, const std::string& table, const std::string& row)
{
  const auto found = store::findRow(db, *store::findTable(table), row);
  BOOST_REQUIRE(found);
  bool empty = found->deleted;
  for (const auto& [field, value] : found->values) {
    empty = empty && store::isNull(value);
  }
  return empty;
}

} // namespace

BOOST_AUTO_TEST_SUITE(retention_merge)

BOOST_AUTO_TEST_CASE(an_erased_student_keeps_no_value_and_no_conflict_on_the_device)
{
  test::Sandbox sandbox;
  Device a(sandbox, "a");
  Device b(sandbox, "b");
  const auto classId = model::Classes(a.db).create({.name = "4B Maths"});
  const auto student = model::Students(a.db).create(
      {.classId = classId, .givenName = "Lucía", .familyName = "Pérez", .email = "l@kids.es"});
  send(a, b);
  // B renames her offline while A renames her too: B keeps A's name in its conflict list.
  b.clock.advance(2 * kMinute);
  model::Students(b.db).update(student, {.givenName = "Lucia B"});
  a.clock.advance(kMinute);
  model::Students(a.db).update(student, {.givenName = "Lucía María"});
  send(a, b);
  BOOST_REQUIRE(sync::listConflicts(b.db).size() == 1u);
  // A deletes her later; past the retention the server erases her values.
  a.clock.advance(5 * kMinute);
  model::Students(a.db).remove(student);
  send(a, b);
  const auto deletion = versionOf(a.db, student, "deleted");
  const auto erased = erasure("student", student, deletion);

  b.receive(erased);
  BOOST_TEST(onlyLiveness(b.db, "student", student));
  BOOST_TEST(sync::listConflicts(b.db, true).empty());
  // B's own older rename lost to the erasure: nothing of it is left to push.
  for (const auto& w : sync::pendingChanges(b.db)) {
    BOOST_TEST(!(w.rowId == student && w.field != "deleted"), "still pending: " << w.field);
  }
  a.receive(erased);
  BOOST_TEST(onlyLiveness(a.db, "student", student));
  // The same erasure again changes nothing.
  b.receive(erased);
  BOOST_TEST(onlyLiveness(b.db, "student", student));
  BOOST_TEST(versionOf(b.db, student, "given_name") == deletion);
}

BOOST_AUTO_TEST_CASE(the_erasure_wins_over_a_value_written_with_the_deletion_in_any_order)
{
  test::Sandbox sandbox;
  Device x(sandbox, "x");
  Device y(sandbox, "y");
  const sync::Stamp deletion{clock::makeHlc(kStart, 3), "dddd"};
  // One transaction of another device set her notes and deleted her: same stamp.
  const std::vector<sync::FieldWrite> deleting = {
      {"student", "s1", "given_name", store::Value{"Pau"}, {clock::makeHlc(kStart, 1), "dddd"}, {}},
      {"student", "s1", "notes", store::Value{"moved school"}, deletion, {}},
      {"student", "s1", "deleted", store::Value{std::int64_t{1}}, deletion, {}}};
  const auto erased = erasure("student", "s1", deletion);

  x.receive(deleting);
  x.receive(erased);
  y.receive(erased);
  y.receive(deleting);
  BOOST_TEST(onlyLiveness(x.db, "student", "s1"));
  BOOST_TEST(onlyLiveness(y.db, "student", "s1"));
}

BOOST_AUTO_TEST_CASE(a_device_that_does_not_sync_erases_as_the_servers_erasure_would)
{
  test::Sandbox sandbox;
  Device a(sandbox, "a");
  Device b(sandbox, "b");
  const auto classId = model::Classes(a.db).create({.name = "4B Maths"});
  const auto student = model::Students(a.db).create({.classId = classId,
                                                     .givenName = "Lucía",
                                                     .familyName = "Pérez",
                                                     .email = "l@kids.es",
                                                     .notes = "Allergic to nuts"});
  const auto kept = model::Students(a.db).create(
      {.classId = classId, .givenName = "Luis", .familyName = "Gómez"});
  send(a, b);
  b.clock.advance(kMinute);
  model::Students(b.db).update(student, {.notes = "B's older note"}); // pending on B
  a.clock.advance(2 * kMinute);
  model::Students(a.db).remove(student);
  send(a, b);
  const auto deletion = versionOf(a.db, student, "deleted");

  // Within the retention nothing goes.
  const std::int64_t deletedAt = kStart + 2 * kMinute;
  BOOST_TEST(sync::purgeDeletedValues(b.db, deletedAt - 1).rows == 0);
  BOOST_TEST(!onlyLiveness(b.db, "student", student));

  // Past it: only the liveness is left, B's pending older note is dropped, Luis untouched.
  const auto purged = sync::purgeDeletedValues(b.db, deletedAt + kMinute);
  BOOST_TEST(purged.rows == 1);
  BOOST_TEST(purged.fields == 6); // class, names, e-mail, notes, picture
  BOOST_TEST(onlyLiveness(b.db, "student", student));
  BOOST_TEST(versionOf(b.db, student, "notes") == deletion);
  for (const auto& w : sync::pendingChanges(b.db)) {
    BOOST_TEST(w.rowId != student, "still pending: " << w.field);
  }
  BOOST_TEST(!store::findRow(b.db, *store::findTable("student"), kept)->deleted);
  BOOST_TEST(model::Students(b.db).get(kept).familyName == "Gómez");
  // Done once.
  BOOST_TEST(sync::purgeDeletedValues(b.db, deletedAt + kMinute).rows == 0);

  // A, which receives the server's erasure instead, ends with the same data and versions.
  a.receive(erasure("student", student, deletion));
  const auto table = *store::findTable("student");
  BOOST_TEST(store::findRow(a.db, table, student)->values ==
             store::findRow(b.db, table, student)->values);
  for (const auto& field : table.fields) {
    BOOST_TEST(versionOf(a.db, student, field.name) == versionOf(b.db, student, field.name),
               field.name);
  }
}

BOOST_AUTO_TEST_SUITE_END()
