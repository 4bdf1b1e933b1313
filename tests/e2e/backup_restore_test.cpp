// Restoring a backup on one device of a synced account (docs/backups.md, "Restoring"): the
// restored values go out as new edits and every device converges to them; what another device
// changed since, and this device had not seen, is kept or listed, never silently dropped; a
// device backs itself up before it applies other devices' changes; the restore can be undone.
#include "cluster.h"

#include "pupitre/backup/backup_file.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace pupitre;
using namespace pupitre::e2e;
namespace fs = std::filesystem;

namespace {

std::size_t backupsWithReason(const Device& device, const std::string& reason)
{
  std::size_t n = 0;
  const auto folder = fs::path(device.database()).parent_path() / "backups";
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(folder, ignored)) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() == backup::kExtension && contains(name, "-" + reason)) {
      ++n;
    }
  }
  return n;
}

std::string field(const std::string& json, const char* table, const std::string& id,
                  const char* name)
{
  const auto row = exportedRow(json, table, id);
  return row && row->has(name) && !row->isNull(name) ? row->get(name).toString() : "(none)";
}

} // namespace

BOOST_AUTO_TEST_SUITE(backup_restore_tests)

BOOST_AUTO_TEST_CASE(a_restore_on_one_device_syncs_out_and_both_devices_converge_to_it)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];

  const auto cls = a.write({"class", "add", "4B Maths"});
  const auto ana = a.write({"student", "add", cls, "Ana", "García"});
  const auto test1 = a.write({"assessment", "add", cls, "Test 1", "--date", "2026-10-01"});
  a.write({"mark", "set", ana, test1, "7.5"});
  cluster.syncUntilQuiet();
  const auto file = (cluster.sandbox.dir() / "monday.pupitre-backup").string();
  BOOST_REQUIRE_EQUAL(a.data({"backup", "create", "-o", file}).exitCode, 0);
  const auto monday = a.exportJson();

  // Later, on B: the mark changed, a student added, the class renamed; A receives it all, and
  // backs itself up before applying it.
  waitForLaterEditTime();
  b.write({"mark", "set", ana, test1, "3"});
  const auto leo = b.write({"student", "add", cls, "Leo", "Martín"});
  b.write({"class", "update", cls, "--name", "4B Maths (renamed)"});
  b.syncOk();
  const auto syncBackups = backupsWithReason(a, "sync");
  BOOST_TEST(a.syncOk().received > 0);
  BOOST_TEST(backupsWithReason(a, "sync") == syncBackups + 1);
  // A sync that receives nothing makes none.
  BOOST_TEST(a.syncOk().received == 0);
  BOOST_TEST(backupsWithReason(a, "sync") == syncBackups + 1);
  // B edits Ana's e-mail; A has not seen it when it restores.
  waitForLaterEditTime();
  b.write({"student", "update", ana, "--email", "ana@pupils.es"});
  b.syncOk();

  const auto beforeRestore = a.exportJson();
  waitForLaterEditTime();
  const auto restored = a.data({"backup", "restore", file});
  BOOST_REQUIRE_MESSAGE(restored.exitCode == 0, restored.err);
  BOOST_TEST(a.exportJson() == monday);
  BOOST_TEST(a.pending() > 0); // the restore is edits to send

  cluster.syncUntilQuiet();
  const auto converged = cluster.requireConverged();
  // Both devices hold the restored values...
  BOOST_TEST(contains(converged, "\"name\": \"4B Maths\""));
  BOOST_TEST(!contains(converged, "4B Maths (renamed)"));
  BOOST_TEST(contains(converged, "\"value\": 7.5"));
  BOOST_TEST(!exportedRow(converged, "students", leo)); // created after the backup: deleted
  // ...and B's e-mail, which A had not seen and the restore did not change, is still there.
  BOOST_TEST(field(converged, "students", ana, "email") == "ana@pupils.es");
  BOOST_TEST(b.exportJson() == a.exportJson());
  BOOST_TEST(b.conflicts()->size() == 0u);

  // Undo on A: A's state before the restore comes back everywhere. (B's e-mail had not reached
  // A then, so the undo sets it back too, as a change made since that backup.)
  const auto undoId =
      test::firstLine(restored.out.substr(restored.out.find("pupitrectl backup restore ") + 26));
  waitForLaterEditTime();
  const auto undone = a.data({"backup", "restore", undoId});
  BOOST_REQUIRE_MESSAGE(undone.exitCode == 0, undone.err);
  cluster.syncUntilQuiet();
  const auto back = cluster.requireConverged();
  BOOST_TEST(contains(back, "4B Maths (renamed)"));
  BOOST_TEST(contains(back, "\"value\": 3"));
  BOOST_TEST(exportedRow(back, "students", leo));
  BOOST_TEST(back == beforeRestore);
  cluster.requireIntegrity();
}

BOOST_AUTO_TEST_CASE(an_edit_the_restore_overwrote_unseen_goes_to_the_conflict_list)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Maths"});
  const auto ana = a.write({"student", "add", cls, "Ana", "García", "--notes", "first"});
  cluster.syncUntilQuiet();
  const auto file = (cluster.sandbox.dir() / "backup.pupitre-backup").string();
  BOOST_REQUIRE_EQUAL(a.data({"backup", "create", "-o", file}).exitCode, 0);
  waitForLaterEditTime();
  a.write({"student", "update", ana, "--notes", "second (A)"});
  a.syncOk();
  b.syncOk();
  // B edits the same field again; A restores before it has seen B's edit.
  waitForLaterEditTime();
  b.write({"student", "update", ana, "--notes", "third (B)"});
  b.syncOk();
  waitForLaterEditTime();
  const auto restored = a.data({"backup", "restore", file});
  BOOST_REQUIRE_MESSAGE(restored.exitCode == 0, restored.err);
  cluster.syncUntilQuiet();
  const auto converged = cluster.requireConverged();
  // The restore is the newest edit: it wins everywhere, and B's value is in the conflict list
  // of both devices, restorable.
  BOOST_TEST(field(converged, "students", ana, "notes") == "first");
  for (Device* device : {&a, &b}) {
    const auto lost = conflictsOn(device->conflicts(), ana, "notes");
    BOOST_REQUIRE_EQUAL(lost.size(), 1u);
    BOOST_TEST(lost[0]->getValue<std::string>("lost_value") == "third (B)");
  }
}

BOOST_AUTO_TEST_SUITE_END()
