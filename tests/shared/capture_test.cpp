// Change capture: every local write to synced data records its fields' versions in the same
// transaction, the outbox holds one entry per field however often it was edited, and a write
// that cannot be stamped fails instead of going unrecorded.
#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/outbox.h"
#include "pupitre/uuid.h"
#include "support/sandbox.h"

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <string>

using namespace pupitre;

namespace {

struct Version
{
  std::string table;
  clock::Hlc hlc = 0;
  std::string device;
  clock::Hlc baseHlc = 0;
  std::string baseDevice;
  bool pending = false;
};

// The field_version rows of one record, by field.
std::map<std::string, Version> versionsOf(store::Database& db, const std::string& rowId)
{
  SQLite::Statement query(db.sql(), "SELECT field, tbl, hlc, device, base_hlc, base_device, pending"
                                    " FROM field_version WHERE row_id = ?");
  query.bind(1, rowId);
  std::map<std::string, Version> versions;
  while (query.executeStep()) {
    Version v;
    v.table = query.getColumn(1).getString();
    v.hlc = static_cast<clock::Hlc>(query.getColumn(2).getInt64());
    v.device = query.getColumn(3).getString();
    v.baseHlc = static_cast<clock::Hlc>(query.getColumn(4).getInt64());
    v.baseDevice = query.getColumn(5).getString();
    v.pending = query.getColumn(6).getInt() != 0;
    versions.emplace(query.getColumn(0).getString(), v);
  }
  return versions;
}

std::set<std::string> fieldsIn(const std::map<std::string, Version>& versions)
{
  std::set<std::string> fields;
  for (const auto& [field, version] : versions) {
    fields.insert(field);
  }
  return fields;
}

std::int64_t countRows(store::Database& db, const std::string& sql, const std::string& param)
{
  SQLite::Statement query(db.sql(), sql);
  query.bind(1, param);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

// The pending writes of one record, by field.
std::map<std::string, sync::FieldWrite> pendingOf(store::Database& db, const std::string& rowId)
{
  std::map<std::string, sync::FieldWrite> writes;
  for (auto& w : sync::pendingChanges(db)) {
    if (w.rowId == rowId) {
      writes.emplace(w.field, w);
    }
  }
  return writes;
}

// What a successful sync does to the outbox: the server took everything that was pending.
void pushEverything(store::Database& db)
{
  sync::acknowledge(db, sync::pendingChanges(db));
}

struct Gradebook : test::DatabaseFixture
{
  model::Classes classes{db};
  model::Students students{db};
  std::string classId = classes.create({.name = "4B Maths"});
  std::string studentId = students.create(
      {.classId = classId, .givenName = "Ana", .familyName = "Ruiz", .email = "ana@school.es"});
};

} // namespace

BOOST_AUTO_TEST_SUITE(capture_tests)

BOOST_FIXTURE_TEST_CASE(a_new_class_records_every_field_and_its_existence_with_one_stamp,
                        test::DatabaseFixture)
{
  const std::string id = model::Classes(db).create({.name = "4B Maths", .subject = "Maths"});
  const clock::Hlc stamp = db.lastHlc();
  BOOST_TEST(stamp != 0u);

  const auto versions = versionsOf(db, id);
  const std::set<std::string> expected{"name",   "subject",  "year",     "term",
                                       "colour", "archived", "position", "deleted"};
  BOOST_TEST(fieldsIn(versions) == expected);
  for (const auto& [field, v] : versions) {
    BOOST_TEST(v.table == "class", field);
    BOOST_TEST(v.hlc == stamp, field);
    BOOST_TEST(v.device == db.deviceId(), field);
    BOOST_TEST(v.pending, field);
    BOOST_TEST(v.baseHlc == 0u, field);
    BOOST_TEST(v.baseDevice == "", field);
  }
  BOOST_TEST(sync::pendingCount(db) == 8);
}

BOOST_FIXTURE_TEST_CASE(a_new_record_records_only_the_fields_that_have_a_value,
                        test::DatabaseFixture)
{
  // A mark set without a comment leaves the comment empty (null): nothing to record for it.
  const std::string classId = model::Classes(db).create({.name = "4B Maths"});
  const std::string studentId =
      model::Students(db).create({.classId = classId, .givenName = "Ana"});
  const std::string assessmentId =
      model::Assessments(db).create({.classId = classId, .name = "Fractions quiz"});
  const std::string markId = model::Marks(db).set(studentId, assessmentId, {.value = "7"});
  const clock::Hlc stamp = db.lastHlc();

  const auto versions = versionsOf(db, markId);
  const std::set<std::string> expected{"student_id", "assessment_id", "value", "status", "deleted"};
  BOOST_TEST(fieldsIn(versions) == expected);
  for (const auto& [field, v] : versions) {
    BOOST_TEST(v.table == "mark", field);
    BOOST_TEST(v.hlc == stamp, field);
    BOOST_TEST(v.device == db.deviceId(), field);
    BOOST_TEST(v.pending, field);
  }
}

BOOST_FIXTURE_TEST_CASE(editing_one_field_records_only_that_field, Gradebook)
{
  pushEverything(db);
  const clock::Hlc created = db.lastHlc();
  clock.advance(60'000);

  students.update(studentId, {.email = "ana.ruiz@school.es"});
  const clock::Hlc edited = db.lastHlc();
  BOOST_TEST(edited > created);

  const auto versions = versionsOf(db, studentId);
  BOOST_TEST(versions.at("email").hlc == edited);
  BOOST_TEST(versions.at("email").pending);
  for (const char* untouched : {"class_id", "given_name", "family_name", "notes", "picture"}) {
    BOOST_TEST(versions.at(untouched).hlc == created, untouched);
    BOOST_TEST(!versions.at(untouched).pending, untouched);
  }
  // The edit asserts "alive" at its stamp, but that is not a change to push by itself.
  BOOST_TEST(versions.at("deleted").hlc == edited);
  BOOST_TEST(!versions.at("deleted").pending);

  const auto pending = pendingOf(db, studentId);
  BOOST_TEST(pending.size() == 1u);
  BOOST_TEST(pending.count("email") == 1u);
  BOOST_TEST(sync::pendingCount(db) == 1);
}

BOOST_FIXTURE_TEST_CASE(saving_a_field_with_the_value_it_already_has_records_nothing, Gradebook)
{
  pushEverything(db);
  const auto before = versionsOf(db, studentId);
  clock.advance(1000);
  students.update(studentId, {.givenName = "Ana"});
  const auto after = versionsOf(db, studentId);
  for (const auto& [field, v] : before) {
    BOOST_TEST(after.at(field).hlc == v.hlc, field);
  }
  BOOST_TEST(sync::pendingCount(db) == 0);
}

BOOST_FIXTURE_TEST_CASE(several_offline_edits_of_one_field_push_as_one_change_on_the_first_base,
                        Gradebook)
{
  pushEverything(db);
  const sync::Stamp synced{db.lastHlc(), db.deviceId()};

  for (const char* name : {"Anna", "Ana María", "Ana Maria"}) {
    clock.advance(1000);
    students.update(studentId, {.givenName = name});
  }

  const auto pending = pendingOf(db, studentId);
  BOOST_TEST_REQUIRE(pending.size() == 1u);
  const auto& write = pending.at("given_name");
  BOOST_TEST(write.table == "student");
  BOOST_TEST(store::toText(write.value) == "Ana Maria");
  BOOST_TEST(write.stamp == (sync::Stamp{db.lastHlc(), db.deviceId()}));
  BOOST_TEST(write.base == synced);
}

BOOST_FIXTURE_TEST_CASE(edits_of_a_record_never_synchronised_keep_a_zero_base, Gradebook)
{
  students.update(studentId, {.givenName = "Anna"});
  students.update(studentId, {.givenName = "Ana María"});
  const auto pending = pendingOf(db, studentId);
  BOOST_TEST(store::toText(pending.at("given_name").value) == "Ana María");
  BOOST_TEST(pending.at("given_name").base.isZero());
  BOOST_TEST(pending.at("given_name").stamp.hlc == db.lastHlc());
}

// A RemoteApply transaction runs with the capture triggers switched off on its connection:
// whether it commits or not, the next local edit on that connection is recorded.
BOOST_FIXTURE_TEST_CASE(edits_after_applying_remote_writes_are_still_recorded, Gradebook)
{
  pushEverything(db);
  {
    store::WriteTxn remote(db, store::WriteTxn::Kind::RemoteApply);
    remote.commit();
    students.update(studentId, {.notes = "after a commit"}); // `remote` still in scope
  }
  BOOST_TEST(pendingOf(db, studentId).count("notes") == 1u);
  pushEverything(db);
  {
    store::WriteTxn abandoned(db, store::WriteTxn::Kind::RemoteApply); // rolled back
  }
  students.update(studentId, {.email = "ana.ruiz@school.es"});
  BOOST_TEST(pendingOf(db, studentId).count("email") == 1u);
}

BOOST_FIXTURE_TEST_CASE(after_a_sync_a_new_edit_is_based_on_the_acknowledged_version, Gradebook)
{
  const auto pushed = sync::pendingChanges(db);
  sync::acknowledge(db, pushed);
  BOOST_TEST(sync::pendingCount(db) == 0);

  sync::Stamp acknowledged;
  for (const auto& w : pushed) {
    if (w.rowId == studentId && w.field == "family_name") {
      acknowledged = w.stamp;
    }
  }
  BOOST_TEST_REQUIRE(!acknowledged.isZero());

  clock.advance(5000);
  students.update(studentId, {.familyName = "Ruiz García"});
  const auto pending = pendingOf(db, studentId);
  BOOST_TEST_REQUIRE(pending.size() == 1u);
  BOOST_TEST(pending.at("family_name").base == acknowledged);
  BOOST_TEST(pending.at("family_name").stamp.hlc == db.lastHlc());
}

BOOST_FIXTURE_TEST_CASE(
    a_field_edited_while_its_push_was_in_flight_stays_pending_on_the_pushed_version, Gradebook)
{
  const auto pushed = sync::pendingChanges(db); // the daemon reads the outbox and sends it
  const sync::Stamp pushedStamp{db.lastHlc(), db.deviceId()};
  clock.advance(2000);
  students.update(studentId, {.notes = "Needs extra time in exams"}); // meanwhile, in the app
  const clock::Hlc edited = db.lastHlc();
  sync::acknowledge(db, pushed); // the server's reply arrives

  const auto pending = pendingOf(db, studentId);
  BOOST_TEST_REQUIRE(pending.count("notes") == 1u);
  BOOST_TEST(store::toText(pending.at("notes").value) == "Needs extra time in exams");
  BOOST_TEST(pending.at("notes").stamp.hlc == edited);
  BOOST_TEST(pending.at("notes").base == pushedStamp);
  for (const char* done : {"class_id", "given_name", "family_name", "email", "picture"}) {
    BOOST_TEST(pending.count(done) == 0u, done);
  }
  // The class was pushed and not edited since: nothing of it is left.
  BOOST_TEST(pendingOf(db, classId).empty());
}

BOOST_FIXTURE_TEST_CASE(the_pending_count_follows_edits_and_acknowledgements, Gradebook)
{
  BOOST_TEST(sync::pendingCount(db) == 8 + 7); // class: 7 fields + existence; student: 6 + 1
  pushEverything(db);
  BOOST_TEST(sync::pendingCount(db) == 0);

  students.update(studentId, {.givenName = "Anna", .notes = "Left-handed"});
  BOOST_TEST(sync::pendingCount(db) == 2);
  for (int i = 0; i < 10; ++i) {
    students.update(studentId, {.notes = "Left-handed (" + std::to_string(i) + ")"});
  }
  BOOST_TEST(sync::pendingCount(db) == 2); // the outbox is state, not a log

  students.remove(studentId);
  BOOST_TEST(sync::pendingCount(db) == 3);
  pushEverything(db);
  BOOST_TEST(sync::pendingCount(db) == 0);
}

BOOST_FIXTURE_TEST_CASE(ten_edits_of_one_mark_push_as_one_change, Gradebook)
{
  const std::string assessmentId =
      model::Assessments(db).create({.classId = classId, .name = "Fractions quiz"});
  model::Marks marks(db);
  const std::string markId = marks.set(studentId, assessmentId, {.value = "5"});
  pushEverything(db);
  for (int i = 1; i <= 10; ++i) {
    marks.set(studentId, assessmentId, {.value = std::to_string(i % 10)});
  }
  const auto pending = sync::pendingChanges(db);
  BOOST_TEST_REQUIRE(pending.size() == 1u);
  BOOST_TEST(pending[0].rowId == markId);
  BOOST_TEST(pending[0].field == "value");
  BOOST_TEST(store::toText(pending[0].value) == "0");
}

BOOST_FIXTURE_TEST_CASE(deleting_a_record_records_its_existence_only, Gradebook)
{
  pushEverything(db);
  const auto before = versionsOf(db, studentId);
  clock.advance(1000);
  students.remove(studentId);
  const auto pending = pendingOf(db, studentId);
  BOOST_TEST_REQUIRE(pending.size() == 1u);
  const auto& write = pending.at("deleted");
  BOOST_TEST(store::toText(write.value) == "1");
  BOOST_TEST(write.stamp.hlc == db.lastHlc());
  BOOST_TEST(write.base == (sync::Stamp{before.at("deleted").hlc, db.deviceId()}));
  // The tombstone keeps its last values.
  const auto row = store::findRow(db, *store::findTable("student"), studentId);
  BOOST_TEST_REQUIRE(row.has_value());
  BOOST_TEST(row->deleted);
  BOOST_TEST(row->text("given_name") == "Ana");
}

BOOST_FIXTURE_TEST_CASE(a_transaction_that_is_not_committed_leaves_nothing_behind,
                        test::DatabaseFixture)
{
  const std::string id = newUuid();
  const clock::Hlc before = db.lastHlc();
  {
    store::WriteTxn txn(db);
    store::insertRow(txn, *store::findTable("class"), id, {{"name", std::string("4B Maths")}});
    // Inside the transaction the capture did its work...
    BOOST_TEST(versionsOf(db, id).size() == 2u);
  } // ...but the app crashed (or an error was thrown) before commit.
  BOOST_TEST(!store::findRow(db, *store::findTable("class"), id).has_value());
  BOOST_TEST(versionsOf(db, id).empty());
  BOOST_TEST(sync::pendingCount(db) == 0);
  BOOST_TEST(db.lastHlc() == before);
  BOOST_TEST(model::Classes(db).list().empty());
}

BOOST_FIXTURE_TEST_CASE(a_write_refused_by_validation_records_nothing, Gradebook)
{
  pushEverything(db);
  BOOST_CHECK_THROW(students.update(studentId, {.givenName = "Anna", .email = "not an address"}),
                    ValidationError);
  BOOST_TEST(students.get(studentId).givenName == "Ana");
  BOOST_TEST(sync::pendingCount(db) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_raw_sql_update_outside_a_pupitre_transaction_fails_and_changes_nothing,
                        Gradebook)
{
  pushEverything(db);
  const auto before = versionsOf(db, studentId);
  // As another program (or the sqlite3 shell) would do it.
  BOOST_CHECK_EXCEPTION(
      db.sql().exec("UPDATE student SET notes = 'changed behind Pupitre' WHERE id = '" + studentId +
                    "'"),
      std::exception, [](const std::exception& e) {
        return std::string(e.what()).find("refused") != std::string::npos;
      });
  BOOST_TEST(students.get(studentId).notes == "");
  const auto after = versionsOf(db, studentId);
  for (const auto& [field, v] : before) {
    BOOST_TEST(after.at(field).hlc == v.hlc, field);
  }
  BOOST_TEST(sync::pendingCount(db) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_raw_sql_insert_outside_a_pupitre_transaction_fails, test::DatabaseFixture)
{
  BOOST_CHECK_THROW(db.sql().exec("INSERT INTO class(id, name) VALUES ('c1', 'Smuggled in')"),
                    std::exception);
  BOOST_TEST(countRows(db, "SELECT count(*) FROM class WHERE id = ?", "c1") == 0);
  BOOST_TEST(versionsOf(db, "c1").empty());
}

BOOST_FIXTURE_TEST_CASE(a_raw_sql_delete_of_a_synced_record_fails, Gradebook)
{
  BOOST_CHECK_THROW(db.sql().exec("DELETE FROM student WHERE id = '" + studentId + "'"),
                    std::exception);
  {
    // Not even inside a Pupitre transaction: records are marked deleted, never removed.
    store::WriteTxn txn(db);
    BOOST_CHECK_THROW(db.sql().exec("DELETE FROM student"), std::exception);
    txn.commit();
  }
  BOOST_TEST(countRows(db, "SELECT count(*) FROM student WHERE id = ?", studentId) == 1);
  BOOST_TEST(students.get(studentId).givenName == "Ana");
}

BOOST_FIXTURE_TEST_CASE(a_deleted_record_cannot_be_edited, Gradebook)
{
  students.remove(studentId);
  pushEverything(db);
  const auto before = versionsOf(db, studentId);

  BOOST_CHECK_THROW(students.update(studentId, {.notes = "Too late"}), NotFoundError);
  {
    store::WriteTxn txn(db);
    BOOST_CHECK_THROW(store::updateRow(txn, *store::findTable("student"), studentId,
                                       {{"notes", std::string("Too late")}}),
                      NotFoundError);
  }
  {
    store::WriteTxn txn(db);
    BOOST_CHECK_EXCEPTION(
        db.sql().exec("UPDATE student SET notes = 'Too late' WHERE id = '" + studentId + "'"),
        std::exception, [](const std::exception& e) {
          return std::string(e.what()).find("deleted") != std::string::npos;
        });
  }
  const auto row = store::findRow(db, *store::findTable("student"), studentId);
  BOOST_TEST_REQUIRE(row.has_value());
  BOOST_TEST(row->text("notes") == "");
  BOOST_TEST(row->deleted);
  const auto after = versionsOf(db, studentId);
  for (const auto& [field, v] : before) {
    BOOST_TEST(after.at(field).hlc == v.hlc, field);
  }
  BOOST_TEST(sync::pendingCount(db) == 0);
}

BOOST_FIXTURE_TEST_CASE(writes_applied_from_other_devices_do_not_go_back_into_the_outbox, Gradebook)
{
  pushEverything(db);
  {
    store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
    db.sql().exec("UPDATE student SET notes = 'from the tablet' WHERE id = '" + studentId + "'");
    txn.commit();
  }
  BOOST_TEST(students.get(studentId).notes == "from the tablet");
  BOOST_TEST(sync::pendingCount(db) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
