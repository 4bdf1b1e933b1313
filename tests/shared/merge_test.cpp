// Merging other devices' writes (sync.md, "Rules the implementation follows"): per-field
// last-writer-wins on (hlc, device), liveness as a field, no echo into the outbox, exact
// conflict detection, in the scenarios of sync.md with real database files playing the
// devices. The seeded property test against a reference model is merge_property_test.cpp.
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

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

using namespace pupitre;

namespace {

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
