// pupitrectl backup create | list | restore and export-all, run as real processes on a
// database in a sandbox: a backup killed half-way is never listed, other processes keep
// writing during a backup, a damaged file is refused, and a restore can be undone.
#include "pupitre/backup/backup_file.h"
#include "support/background_process.h"
#include "support/process.h"
#include "support/sandbox.h"
#include "support/unzip.h"
#ifdef _WIN32
#include "pupitre/win/private_acl.h"
#include "support/windows_acl.h"

#include <set>
#endif

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace pupitre;
namespace fs = std::filesystem;

namespace {

struct BackupCli
{
  test::Sandbox sandbox;
  std::string dbPath = sandbox.path("pupitre.db");
  fs::path folder = sandbox.dir() / "backups";

  test::ProcessResult run(std::vector<std::string> args,
                          const std::map<std::string, std::string>& env = {})
  {
    args.insert(args.begin(), {"--db", dbPath});
    return test::runProcess(PUPITRECTL, args, {}, env);
  }
  std::string ok(const std::vector<std::string>& args)
  {
    const auto result = run(args);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "pupitrectl failed: " << result.err);
    return result.out;
  }
  std::string id(const std::vector<std::string>& args) { return test::firstLine(ok(args)); }
  // Files in the backups folder whose name ends with `ending`.
  std::vector<std::string> files(const std::string& ending)
  {
    std::vector<std::string> found;
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(folder, ignored)) {
      const auto name = entry.path().filename().string();
      if (name.size() >= ending.size() &&
          name.compare(name.size() - ending.size(), ending.size(), ending) == 0) {
        found.push_back(name);
      }
    }
    return found;
  }
  // Lines of `backup list` after its header.
  std::size_t listed()
  {
    const auto out = ok({"backup", "list"});
    return static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) - 1;
  }
};

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

// Waits (bounded) until `done` holds.
bool waitFor(const std::function<bool()>& done)
{
  for (int i = 0; i < 400; ++i) {
    if (done()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return done();
}

} // namespace

BOOST_AUTO_TEST_SUITE(backup_cli_tests)

BOOST_FIXTURE_TEST_CASE(a_backup_killed_half_way_is_never_listed_and_the_next_one_works, BackupCli)
{
  const auto cls = id({"class", "add", "4B Maths"});
  id({"student", "add", cls, "Ana", "García"});
  // A backup that sleeps after each chunk it writes, killed -9 while its file is half written.
  test::BackgroundProcess slow(PUPITRECTL, {"--db", dbPath, "backup", "create"},
                               {{"PUPITRE_TEST_BACKUP_STALL_MS", "400"}});
  // Its writing has started (the compressed file exists under its temporary name).
  BOOST_REQUIRE(waitFor([&] {
    for (const auto& name : files(".tmp")) {
      if (contains(name, backup::kExtension)) {
        return true;
      }
    }
    return false;
  }));
  // Meanwhile another process writes to the database: it is not held up by the backup.
  id({"class", "add", "5A History"});
  slow.kill();
  BOOST_TEST(files(backup::kExtension).empty());
  BOOST_TEST(listed() == 0u);

  const auto made = ok({"backup", "create"});
  BOOST_TEST(contains(made, "2 classes, 1 students"));
  BOOST_TEST(listed() == 1u);
  BOOST_TEST(files(backup::kExtension).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_backup_is_one_state_while_another_process_writes, BackupCli)
{
  const auto cls = id({"class", "add", "4B Maths"});
  test::BackgroundProcess slow(PUPITRECTL, {"--db", dbPath, "backup", "create"},
                               {{"PUPITRE_TEST_BACKUP_STALL_MS", "300"}});
  BOOST_REQUIRE(waitFor([&] {
    for (const auto& name : files(".tmp")) {
      if (contains(name, backup::kExtension)) {
        return true;
      }
    }
    return false;
  }));
  id({"student", "add", cls, "Ana", "García"});
  BOOST_REQUIRE_EQUAL(slow.exitCode(), 0);
  const auto list = ok({"backup", "list", "--json"});
  BOOST_TEST(contains(list, "\"classes\": 1, \"students\": 0"));
  // The snapshot restores to the state it was taken in: no student.
  const auto restored =
      ok({"backup", "restore", files(backup::kExtension)[0].substr(0, 25), "--dry-run"});
  BOOST_TEST(contains(restored, "1 records created since the backup deleted"));
}

BOOST_FIXTURE_TEST_CASE(a_damaged_backup_is_refused_and_the_data_stay_as_they_were, BackupCli)
{
  const auto cls = id({"class", "add", "4B Maths"});
  const auto file = sandbox.path("usb-stick.pupitre-backup");
  ok({"backup", "create", "-o", file});
  ok({"class", "update", cls, "--name", "4B Maths (new)"});
  const auto before = ok({"export"});

  std::string bytes = test::readFile(file);
  bytes[bytes.size() - 10] ^= 0x20;
  test::writeFile(file, bytes);
  auto result = run({"backup", "restore", file});
  BOOST_TEST(result.exitCode == 1);
  BOOST_TEST(contains(result.err, "is damaged"));
  BOOST_TEST(contains(result.err, "Use another backup"));

  test::writeFile(file, bytes.substr(0, bytes.size() / 2));
  result = run({"backup", "restore", file});
  BOOST_TEST(result.exitCode == 1);
  BOOST_TEST(contains(result.err, "is incomplete"));

  test::writeFile(file, "not a backup at all");
  result = run({"backup", "restore", file});
  BOOST_TEST(result.exitCode == 1);
  BOOST_TEST(contains(result.err, "is not a Pupitre backup"));

  BOOST_TEST(ok({"export"}) == before);
  BOOST_TEST(listed() == 0u); // nothing was backed up for an undo: nothing was restored
}

BOOST_FIXTURE_TEST_CASE(a_restore_is_undone_by_restoring_the_backup_it_made_first, BackupCli)
{
  const auto cls = id({"class", "add", "4B Maths"});
  const auto ana = id({"student", "add", cls, "Ana", "García"});
  const auto test1 = id({"assessment", "add", cls, "Test 1", "--date", "2026-10-01"});
  id({"mark", "set", ana, test1, "7.5"});
  const auto file = sandbox.path("monday.pupitre-backup");
  ok({"backup", "create", "-o", file, "--with-files"});
  const auto monday = ok({"export"});

  id({"mark", "set", ana, test1, "3"});
  id({"student", "add", cls, "Luis", "Pérez"});
  const auto tuesday = ok({"export"});

  const auto restored = ok({"backup", "restore", file});
  BOOST_TEST(ok({"export"}) == monday);
  const auto undoLine = restored.substr(restored.find("pupitrectl backup restore ") + 26);
  const auto undoId = test::firstLine(undoLine);
  BOOST_TEST(contains(ok({"backup", "list"}), undoId + "\t"));

  ok({"backup", "restore", undoId});
  BOOST_TEST(ok({"export"}) == tuesday);
}

BOOST_FIXTURE_TEST_CASE(export_all_writes_one_zip_with_the_canonical_json, BackupCli)
{
  const auto cls = id({"class", "add", "4B Maths"});
  id({"student", "add", cls, "Ana", "García"});
  const auto zip = sandbox.path("mine.zip");
  ok({"export-all", "-o", zip});
  BOOST_TEST(test::unzipEntry(zip, "pupitre-data.json") == ok({"export"}));
#ifdef _WIN32
  const std::set<std::string> userAndSystem{win::currentUserSid(), "S-1-5-18"};
  BOOST_TEST((test::allowedSids(zip) == userAndSystem), zip << " is not private");
#else
  BOOST_TEST(((fs::status(zip).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
              fs::perms::none));
#endif
  // Each class's gradebook as a spreadsheet a teacher opens: a real XLSX (itself a ZIP with
  // its workbook) holding the student's name; no temporary file left beside the database.
  BOOST_TEST(contains(test::zipEntryNames(zip), "gradebooks/4B Maths.xlsx"));
  const auto xlsx = sandbox.path("4B.xlsx");
  test::writeFile(xlsx, test::unzipEntry(zip, "gradebooks/4B Maths.xlsx"));
  BOOST_TEST(contains(test::unzipEntry(xlsx, "xl/sharedStrings.xml"), "García"));
  for (const auto& entry : fs::directory_iterator(fs::path(zip).parent_path())) {
    BOOST_TEST(entry.path().filename().string().find(".gradebook-") == std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
