// Backups of the device database (shared/pupitre/backup): the rotation, the backup made before
// a migration, damaged files refused, and what a restore does to the data and the outbox.
#include "pupitre/backup/backups.h"
#include "pupitre/backup/restore.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/store/migrations.h"
#include "pupitre/store/rows.h"
#include "pupitre/sync/outbox.h"
#include "pupitre/uuid.h"
#include "support/sandbox.h"
#ifdef _WIN32
#include "pupitre/win/private_acl.h"
#include "support/windows_acl.h"
#endif

#include <SQLiteCpp/Database.h>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace pupitre;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kHourMs = 60LL * 60 * 1000;
constexpr std::int64_t kWeekMs = 7 * 24 * kHourMs;

const store::TableDef& table(const char* name)
{
  return *store::findTable(name);
}

std::string addRow(store::Database& db, const char* tableName, const store::Fields& fields)
{
  store::WriteTxn txn(db);
  const auto id = newUuid();
  store::insertRow(txn, table(tableName), id, fields);
  txn.commit();
  return id;
}

void update(store::Database& db, const char* tableName, const std::string& id,
            const store::Fields& fields)
{
  store::WriteTxn txn(db);
  store::updateRow(txn, table(tableName), id, fields);
  txn.commit();
}

void setDeleted(store::Database& db, const char* tableName, const std::string& id, bool deleted)
{
  store::WriteTxn txn(db);
  store::setDeleted(txn, table(tableName), id, deleted);
  txn.commit();
}

backup::BackupInfo makeBackup(store::Database& db, std::int64_t nowMs, const char* reason)
{
  backup::BackupRequest request;
  request.reason = reason;
  request.nowMs = nowMs;
  return backup::createBackup(db, request);
}

std::string errorOf(const std::function<void()>& action)
{
  try {
    action();
  } catch (const backup::BackupError& e) {
    return e.what();
  }
  return "(no error)";
}

} // namespace

BOOST_AUTO_TEST_SUITE(backup_tests)

BOOST_FIXTURE_TEST_CASE(the_rotation_keeps_the_last_ten_and_the_newest_of_each_of_eight_weeks,
                        test::DatabaseFixture)
{
  addRow(db, "class", {{"name", std::string("4B")}});
  const std::string folder = backup::backupFolderFor(db.path());
  // Ten weeks of automatic backups every 12 hours, a manual one at the start and a restore
  // (undo) backup every few days, the rotation running after each automatic one.
  std::map<std::string, std::int64_t> automatic;
  std::vector<std::string> restores;
  std::string manual;
  std::int64_t now = clock.now();
  for (int i = 0; i < 140; ++i) {
    now += 12 * kHourMs;
    if (i == 0) {
      manual = makeBackup(db, now, backup::kReasonManual).id;
    }
    if (i % 10 == 5) {
      restores.push_back(makeBackup(db, now + 1, backup::kReasonRestore).id);
    }
    const auto info = makeBackup(db, now, i % 2 ? backup::kReasonSync : backup::kReasonDaily);
    automatic[info.id] = info.createdMs;
  }
  // Expected: the 10 newest, plus the newest of each of the 8 weeks (the current one too).
  std::vector<std::pair<std::int64_t, std::string>> byTime;
  for (const auto& [id, ms] : automatic) {
    byTime.emplace_back(ms, id);
  }
  std::sort(byTime.rbegin(), byTime.rend());
  std::set<std::string> expected{manual};
  for (std::size_t i = 0; i < 10; ++i) {
    expected.insert(byTime[i].second);
  }
  std::set<std::int64_t> weeks;
  for (const auto& [ms, id] : byTime) {
    if (ms / kWeekMs > now / kWeekMs - 8 && weeks.insert(ms / kWeekMs).second) {
      expected.insert(id);
    }
  }
  for (std::size_t i = restores.size() - 5; i < restores.size(); ++i) {
    expected.insert(restores[i]);
  }
  std::set<std::string> kept;
  for (const auto& info : backup::listBackups(folder)) {
    kept.insert(info.id);
  }
  BOOST_TEST(weeks.size() == 8u);
  BOOST_TEST(kept == expected, boost::test_tools::per_element());
  // Every file is private: mode 0600, or on Windows (no file modes) a protected DACL for the
  // user and SYSTEM alone.
  for (const auto& entry : fs::directory_iterator(folder)) {
#ifdef _WIN32
    const std::set<std::string> userAndSystem{win::currentUserSid(), "S-1-5-18"};
    BOOST_TEST((test::allowedSids(entry.path().string()) == userAndSystem),
               entry.path().string() << " is not private");
#else
    const auto perms = fs::status(entry).permissions();
    BOOST_TEST(((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none));
#endif
  }
}

BOOST_AUTO_TEST_CASE(a_database_of_an_earlier_schema_is_backed_up_before_its_migration)
{
  test::Sandbox sandbox;
  const auto path = sandbox.path("pupitre.db");
  {
    // A database as Pupitre with schema 3 left it.
    SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
             " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
    for (const auto& migration : store::migrations()) {
      if (std::atoi(migration.name) <= 3) {
        old.exec(migration.sql);
        SQLite::Statement record(old, "INSERT INTO schema_migration(version, name) VALUES (?, ?)");
        record.bind(1, std::atoi(migration.name));
        record.bind(2, migration.name);
        record.exec();
      }
    }
    old.exec("INSERT INTO replica(singleton, device_id) VALUES (1, 'old-device')");
  }
  store::Database db(path);
  BOOST_TEST(db.schemaVersion() > 3);
  const auto all = backup::listBackups(backup::backupFolderFor(path));
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST(all[0].reason == backup::kReasonMigration);
  BOOST_TEST(all[0].schemaVersion == 3);
  BOOST_TEST(all[0].deviceId == "old-device");
  // Opened again: nothing left to migrate, no second backup.
  store::Database again(path);
  BOOST_TEST(backup::listBackups(backup::backupFolderFor(path)).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_damaged_truncated_or_foreign_file_is_refused_with_a_clear_message,
                        test::DatabaseFixture)
{
  addRow(db, "class", {{"name", std::string("4B")}});
  const auto info = makeBackup(db, clock.now(), backup::kReasonManual);
  const std::string bytes = test::readFile(info.path);

  const auto damaged = sandbox.path("damaged.pupitre-backup");
  std::string flipped = bytes;
  flipped[backup::kHeaderBytes + flipped.size() / 2 % (flipped.size() - backup::kHeaderBytes)] ^=
      0x55;
  test::writeFile(damaged, flipped);
  const auto damagedInfo = backup::readBackupInfo(damaged); // the header is intact
  BOOST_TEST(errorOf([&] { backup::restoreBackup(db, damagedInfo, {}); }).find("is damaged") !=
             std::string::npos);

  const auto cut = sandbox.path("cut.pupitre-backup");
  test::writeFile(cut, bytes.substr(0, bytes.size() - 100));
  BOOST_TEST(errorOf([&] { backup::readBackupInfo(cut); }).find("is incomplete") !=
             std::string::npos);
  const auto cutHeader = sandbox.path("cut-header.pupitre-backup");
  test::writeFile(cutHeader, bytes.substr(0, 1000));
  BOOST_TEST(errorOf([&] { backup::readBackupInfo(cutHeader); }).find("is incomplete") !=
             std::string::npos);

  const auto foreign = sandbox.path("notes.pupitre-backup");
  test::writeFile(foreign, "My notes, not a backup.\n");
  BOOST_TEST(errorOf([&] { backup::readBackupInfo(foreign); }).find("is not a Pupitre backup") !=
             std::string::npos);
  // Only the one whose header is intact is listed (and refused when restored).
  const auto listed = backup::listBackups(sandbox.dir().string());
  BOOST_REQUIRE_EQUAL(listed.size(), 1u);
  BOOST_TEST(listed[0].path == damaged);
  BOOST_TEST(backup::listBackups(backup::backupFolderFor(db.path())).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_restore_is_new_local_edits_on_top_of_the_current_state,
                        test::DatabaseFixture)
{
  const auto cls = addRow(db, "class", {{"name", std::string("4B")}});
  const auto ana = addRow(db, "student", {{"class_id", cls}, {"given_name", std::string("Ana")}});
  const auto gone = addRow(db, "student", {{"class_id", cls}, {"given_name", std::string("Eva")}});
  const auto info = makeBackup(db, clock.now(), backup::kReasonManual);
  const auto exported = store::exportCanonicalJson(db);

  // After the backup: a field edited, a student deleted, a student added, and all of it
  // acknowledged by the server (nothing pending).
  clock.advance(60'000);
  update(db, "student", ana, {{"given_name", std::string("Anna")}});
  setDeleted(db, "student", gone, true);
  const auto later = addRow(db, "student", {{"class_id", cls}, {"given_name", std::string("Leo")}});
  sync::acknowledge(db, sync::pendingChanges(db));
  BOOST_REQUIRE_EQUAL(sync::pendingCount(db), 0);
  const auto before = store::exportCanonicalJson(db);
  const auto stampBefore = db.lastHlc();

  clock.advance(60'000);
  backup::RestoreRequest dry;
  dry.dryRun = true;
  dry.nowMs = clock.now();
  const auto plan = backup::restoreBackup(db, info, dry).plan;
  BOOST_TEST(plan.fieldsChanged == 1);
  BOOST_TEST(plan.recordsRevived == 1);
  BOOST_TEST(plan.recordsNewer == 1);
  BOOST_TEST(store::exportCanonicalJson(db) == before); // a dry run changes nothing

  backup::RestoreRequest request;
  request.nowMs = clock.now();
  const auto result = backup::restoreBackup(db, info, request);
  BOOST_TEST(store::exportCanonicalJson(db) == exported);
  // Each restored field is a pending local write stamped after everything the device had.
  std::set<std::string> pendingRows;
  for (const auto& write : sync::pendingChanges(db)) {
    BOOST_TEST(write.stamp.hlc > stampBefore);
    BOOST_TEST(write.stamp.device == db.deviceId());
    pendingRows.insert(write.rowId + "." + write.field);
  }
  BOOST_TEST(pendingRows.count(ana + ".given_name") == 1u);
  BOOST_TEST(pendingRows.count(gone + ".deleted") == 1u);
  BOOST_TEST(pendingRows.count(later + ".deleted") == 1u);
  // The record created since the backup is a tombstone that keeps its values.
  const auto leo = store::findRow(db, table("student"), later);
  BOOST_REQUIRE(leo);
  BOOST_TEST(leo->deleted);
  BOOST_TEST(leo->text("given_name") == "Leo");

  // Undo: restoring the backup made just before brings the replaced state back.
  clock.advance(60'000);
  backup::RestoreRequest undo;
  undo.nowMs = clock.now();
  backup::restoreBackup(db, backup::findBackup(backup::backupFolderFor(db.path()), result.undo.id),
                        undo);
  BOOST_TEST(store::exportCanonicalJson(db) == before);
}

BOOST_FIXTURE_TEST_CASE(keep_newer_restores_the_backup_and_keeps_what_was_created_since,
                        test::DatabaseFixture)
{
  const auto cls = addRow(db, "class", {{"name", std::string("4B")}});
  const auto info = makeBackup(db, clock.now(), backup::kReasonManual);
  update(db, "class", cls, {{"name", std::string("4B renamed")}});
  const auto later = addRow(db, "class", {{"name", std::string("5A")}});
  backup::RestoreRequest request;
  request.keepNewer = true;
  request.nowMs = clock.now();
  const auto result = backup::restoreBackup(db, info, request);
  BOOST_TEST(result.plan.recordsNewer == 1);
  BOOST_TEST(store::findRow(db, table("class"), cls)->text("name") == "4B");
  BOOST_TEST(!store::findRow(db, table("class"), later)->deleted);
}

BOOST_AUTO_TEST_SUITE_END()
