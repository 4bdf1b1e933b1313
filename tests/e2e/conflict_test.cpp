// Same-field conflicts between real devices (sync.md, rules 3 and 4, "Existence is a field
// too"): the most recent edit wins everywhere even when the older one syncs last, the loser
// goes into every device's conflict list, and delete against edit follows the same rule.
#include "cluster.h"
#include "sync_watch.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

namespace {

// A class with one student, on every device of a signed-in cluster.
struct SharedStudent
{
  Cluster cluster;
  std::string cls;
  std::string student;

  explicit SharedStudent(int devices = 2) : cluster({.devices = devices})
  {
    cluster.loginAll();
    cls = cluster[0].write({"class", "add", "4B Mathematics"});
    student = cluster[0].write({"student", "add", cls, "Ana", "García"});
    cluster.syncUntilQuiet();
  }

  std::string givenNameOn(const std::string& exportJson)
  {
    const auto row = exportedRow(exportJson, "students", student);
    return row ? row->getValue<std::string>("given_name") : "(no such student)";
  }
};

// A's computer restarted with its clock 3 h behind: until its next sync it cannot tell, and
// stamps its edits just after its last stamp, older than anything made since on other devices.
const std::map<std::string, std::string> kRebootedThreeHoursBehind{
    {"PUPITRE_CLOCK_SKEW_MS", std::to_string(-3 * 3'600'000)},
    {"PUPITRE_BOOT_ID", "a-boot-after-the-conflict-test-restarted-the-computer"}};

// Resumes a paused server however the test ends.
struct ResumeAtEnd
{
  ServerNode& server;
  ~ResumeAtEnd() { server.resume(); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(conflict_tests)

BOOST_AUTO_TEST_CASE(the_later_edit_wins_even_when_the_earlier_one_syncs_last)
{
  SharedStudent world(3);
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  Device& c = world.cluster[2];

  a.write({"student", "update", world.student, "--given", "Anita"}); // first, on A
  waitForLaterEditTime();
  b.write({"student", "update", world.student, "--given", "Ana María"}); // later, on B

  BOOST_TEST(b.syncOk().sent > 0);  // B syncs first
  const auto lastSync = a.syncOk(); // A, whose edit is older, syncs last
  BOOST_TEST(lastSync.sent == 0);   // "sent" counts the changes that won on the server
  BOOST_TEST(lastSync.received == 1);
  BOOST_TEST(lastSync.conflicts == 1);
  BOOST_TEST(a.pending() == 0);
  BOOST_TEST(world.givenNameOn(a.exportJson()) == "Ana María");

  BOOST_TEST(b.syncOk().conflicts == 1); // B learns of the conflict the server recorded
  world.cluster.syncUntilQuiet();
  const auto all = world.cluster.requireConverged();
  BOOST_TEST(world.givenNameOn(all) == "Ana María");

  const auto aId = a.deviceId();
  const auto bId = b.deviceId();
  std::string conflictId;
  for (Device* device : {&a, &b, &c}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto found = conflictsOn(device->conflicts(), world.student, "given_name");
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      BOOST_TEST(found[0]->getValue<std::string>("lost_value") == "Anita");
      BOOST_TEST(found[0]->getValue<std::string>("lost_device") == aId);
      BOOST_TEST(found[0]->getValue<std::string>("won_value") == "Ana María");
      BOOST_TEST(found[0]->getValue<std::string>("won_device") == bId);
      BOOST_TEST(found[0]->getValue<std::string>("lost_at") <
                 found[0]->getValue<std::string>("won_at"));
      // One conflict, one id, on every device.
      if (conflictId.empty()) {
        conflictId = found[0]->getValue<std::string>("id");
      }
      BOOST_TEST(found[0]->getValue<std::string>("id") == conflictId);
    }
  }

  // The teacher restores the lost value on C: a new edit that wins everywhere.
  const auto restored = c.data({"conflicts", "restore", conflictId});
  BOOST_TEST(restored.exitCode == 0, restored.err);
  world.cluster.syncUntilQuiet();
  BOOST_TEST(world.givenNameOn(world.cluster.requireConverged()) == "Anita");
  world.cluster.requireIntegrity();
}

BOOST_AUTO_TEST_CASE(an_edit_made_after_a_deletion_it_did_not_know_of_keeps_the_record)
{
  SharedStudent world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];

  a.write({"delete", world.student}); // first: A deletes Ana
  waitForLaterEditTime();
  b.write({"student", "update", world.student, "--notes", "Moved to the front row"}); // later

  BOOST_TEST(b.syncOk().sent > 0);
  BOOST_TEST(a.syncOk().conflicts == 1); // the older deletion arrives last and loses
  world.cluster.syncUntilQuiet();
  const auto all = world.cluster.requireConverged();
  const auto row = exportedRow(all, "students", world.student);
  BOOST_REQUIRE_MESSAGE(row, "the edited student must be alive everywhere");
  BOOST_TEST(row->getValue<std::string>("notes") == "Moved to the front row");
  BOOST_TEST(row->getValue<std::string>("given_name") == "Ana");

  for (Device* device : {&a, &b}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto found = conflictsOn(device->conflicts(), world.student, "deleted");
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      BOOST_TEST(found[0]->get("lost_value").toString() == "1"); // the deletion lost
      BOOST_TEST(found[0]->getValue<std::string>("lost_device") == a.deviceId());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_deletion_made_after_an_edit_it_did_not_know_of_removes_the_record)
{
  SharedStudent world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];

  a.write({"student", "update", world.student, "--family", "García López"}); // first: A edits
  waitForLaterEditTime();
  b.write({"delete", world.student}); // later: B deletes

  BOOST_TEST(b.syncOk().sent > 0);
  BOOST_TEST(a.syncOk().conflicts == 1); // the older edit arrives last and loses
  world.cluster.syncUntilQuiet();
  const auto all = world.cluster.requireConverged();
  BOOST_TEST(!exportedRow(all, "students", world.student), "the student must be deleted");
  BOOST_TEST(!contains(b.data({"list", "students"}).out, "García"));

  std::string conflictId;
  for (Device* device : {&a, &b}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto found = conflictsOn(device->conflicts(), world.student, "deleted");
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      BOOST_TEST(found[0]->get("lost_value").toString() == "0"); // the edit's "alive" lost
      BOOST_TEST(found[0]->getValue<std::string>("lost_device") == a.deviceId());
      conflictId = found[0]->getValue<std::string>("id");
    }
  }

  // Restoring brings the record back with the tombstone's values, A's edit included.
  const auto restored = b.data({"conflicts", "restore", conflictId});
  BOOST_TEST(restored.exitCode == 0, restored.err);
  world.cluster.syncUntilQuiet();
  const auto row = exportedRow(world.cluster.requireConverged(), "students", world.student);
  BOOST_REQUIRE_MESSAGE(row, "the restored student must be back everywhere");
  BOOST_TEST(row->getValue<std::string>("family_name") == "García López");
  world.cluster.requireIntegrity();
}

// "Restore lost value" (issue 12, item 7) is a new local edit: the restoring device sends it
// at its next sync, and the server and every other device take it, not only the restorer.
BOOST_AUTO_TEST_CASE(a_value_restored_on_one_device_reaches_the_server_and_the_others)
{
  SharedStudent world(3);
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  Device& c = world.cluster[2];
  auto notesOn = [&world](const std::string& exportJson) {
    const auto row = exportedRow(exportJson, "students", world.student);
    return row ? row->getValue<std::string>("notes") : "(no such student)";
  };

  b.write({"student", "update", world.student, "--notes", "Needs glasses"}); // first, on B
  waitForLaterEditTime();
  a.write({"student", "update", world.student, "--notes", "Sits at the front"}); // later, on A
  BOOST_TEST(a.syncOk().sent > 0);
  BOOST_TEST(b.syncOk().conflicts == 1); // B's older edit loses, into B's conflict list
  BOOST_TEST(notesOn(b.exportJson()) == "Sits at the front");
  const auto found = conflictsOn(b.conflicts(), world.student, "notes");
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0]->getValue<std::string>("lost_value") == "Needs glasses");

  // The teacher restores B's lost value on B.
  const auto restored = b.data({"conflicts", "restore", found[0]->getValue<std::string>("id")});
  BOOST_TEST_REQUIRE(restored.exitCode == 0, restored.err);
  BOOST_TEST(notesOn(b.exportJson()) == "Needs glasses");
  BOOST_TEST(b.pending() > 0); // a new local edit, waiting to go up

  // One sync of B, then one of A and one of C: everyone has the restored value.
  const auto sent = b.syncOk();
  BOOST_TEST(sent.sent > 0);
  BOOST_TEST(sent.conflicts == 0);
  BOOST_TEST(b.pending() == 0);
  BOOST_TEST(notesOn(world.cluster.server.exportAccount()) == "Needs glasses");
  BOOST_TEST(a.syncOk().received > 0);
  BOOST_TEST(c.syncOk().received > 0);
  for (Device* device : {&a, &b, &c}) {
    BOOST_TEST(notesOn(device->exportJson()) == "Needs glasses", "device " << device->name());
  }
  // Nothing else to exchange, and every copy equals the server's.
  world.cluster.syncUntilQuiet();
  BOOST_TEST(notesOn(world.cluster.requireConverged()) == "Needs glasses");
}

// An edit made while its device syncs stays pending for the next sync; when the sync's pull
// then brings a newer write of the same field from another device, the edit loses on its own
// device before it was ever sent. The lost value must still reach the server and, through it,
// every device's conflict list, as one entry with one id (sync.md, "Conflict detection").
BOOST_AUTO_TEST_CASE(an_edit_that_loses_before_it_is_sent_reaches_every_conflict_list)
{
  SharedStudent world(3);
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  Device& c = world.cluster[2];
  auto notesOn = [&world](const std::string& exportJson) {
    const auto row = exportedRow(exportJson, "students", world.student);
    return row ? row->getValue<std::string>("notes") : "(no such student)";
  };

  // B writes the notes and syncs them.
  b.write({"student", "update", world.student, "--notes", "Needs glasses"});
  BOOST_TEST(b.syncOk().sent > 0);

  // A's computer restarts with its clock behind; the teacher changes the family name there.
  a.stop();
  a.start(kRebootedThreeHoursBehind);
  a.write({"student", "update", world.student, "--family", "García López"},
          kRebootedThreeHoursBehind);

  // A syncs; while its push waits for the (paused) server, the teacher edits the notes on A.
  {
    world.cluster.server.pause();
    ResumeAtEnd resume{world.cluster.server};
    SyncWatch watch(a.socket());
    BOOST_TEST_REQUIRE(watch.waitForProgress("push", 1).has_value(), a.log());
    a.write({"student", "update", world.student, "--notes", "Sits at the front"},
            kRebootedThreeHoursBehind);
    world.cluster.server.resume();
    BOOST_TEST_REQUIRE(watch.waitForEnd() == "finished", a.log());
  }
  // The pull brought B's newer notes: A's pending edit lost on A, into A's list.
  BOOST_TEST(notesOn(a.exportJson()) == "Needs glasses");
  const auto onA = conflictsOn(a.conflicts(), world.student, "notes");
  BOOST_TEST_REQUIRE(onA.size() == 1u);
  BOOST_TEST(onA[0]->getValue<std::string>("lost_value") == "Sits at the front");
  BOOST_TEST(onA[0]->getValue<std::string>("lost_device") == a.deviceId());
  BOOST_TEST(onA[0]->getValue<std::string>("won_value") == "Needs glasses");
  const auto conflictId = onA[0]->getValue<std::string>("id");

  // One sync of C and one of B: they list the same entry, and so does the server.
  c.syncOk();
  b.syncOk();
  for (Device* device : {&b, &c}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto found = conflictsOn(device->conflicts(), world.student, "notes");
      BOOST_TEST_REQUIRE(found.size() == 1u);
      BOOST_TEST(found[0]->getValue<std::string>("id") == conflictId);
      BOOST_TEST(found[0]->getValue<std::string>("lost_value") == "Sits at the front");
      BOOST_TEST(found[0]->getValue<std::string>("lost_device") == a.deviceId());
      BOOST_TEST(found[0]->getValue<std::string>("won_value") == "Needs glasses");
      BOOST_TEST(found[0]->getValue<std::string>("won_device") == b.deviceId());
    }
  }
  // The account's export (`pupitre-server user export`) holds the server's conflict list.
  const auto exported = world.cluster.server.admin({"user", "export", kEmail});
  BOOST_TEST_REQUIRE(exported.exitCode == 0, exported.err);
  BOOST_TEST(contains(exported.out, conflictId), "the server's conflict list lacks the entry");
  BOOST_TEST(contains(exported.out, "Sits at the front"));

  // Everyone converges on B's notes with one entry each; A's list still holds it once.
  world.cluster.syncUntilQuiet();
  BOOST_TEST(notesOn(world.cluster.requireConverged()) == "Needs glasses");
  for (Device* device : {&a, &b, &c}) {
    BOOST_TEST(conflictsOn(device->conflicts(), world.student, "notes").size() == 1u,
               "device " << device->name());
  }
  world.cluster.requireIntegrity();
}

BOOST_AUTO_TEST_SUITE_END()
