// What the server keeps on disk is its own (issue 11, items 9 and 12): the data folder 0700 and
// server.db 0600 whatever the umask, tightened when an earlier version left them open; device
// names with control characters refused at login and shown escaped by `user devices`.
#include "server/store/sqlite_server_store.h"
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <sys/stat.h>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

unsigned modeOf(const std::string& path)
{
  struct stat st
  {
  };
  BOOST_REQUIRE_MESSAGE(lstat(path.c_str(), &st) == 0, "no " << path);
  return st.st_mode & 07777;
}

struct AdminFolder
{
  AdminFolder() : previousUmask(umask(022)) {}
  ~AdminFolder() { umask(previousUmask); }

  ProcessResult run(std::vector<std::string> args, const std::string& input = {})
  {
    args.insert(args.begin(), {"--data", data});
    return serverCommand(args, input);
  }

  mode_t previousUmask;
  Sandbox sandbox;
  std::string data = sandbox.path("data");
};

} // namespace

BOOST_AUTO_TEST_SUITE(private_data)

BOOST_FIXTURE_TEST_CASE(the_data_folder_and_server_db_are_private_and_tightened_at_start,
                        AdminFolder)
{
  BOOST_REQUIRE(run({"user", "add", kEmail, "--licence", "multi"}, "a long password\n").exitCode ==
                0);
  BOOST_TEST(modeOf(data) == 0700u);
  if (testsOnPostgres()) {
    return; // no server.db: the accounts are in PostgreSQL
  }
  BOOST_TEST(modeOf(data + "/server.db") == 0600u);
  {
    // The WAL and SHM SQLite makes while the server runs take the database's mode.
    server::SqliteServerStore store(data + "/server.db");
    BOOST_TEST(store.findAccount(kEmail).has_value());
    BOOST_TEST(modeOf(data + "/server.db-wal") == 0600u);
    BOOST_TEST(modeOf(data + "/server.db-shm") == 0600u);
  }
  // As an earlier version left them: readable by every local user.
  chmod(data.c_str(), 0755);
  chmod((data + "/server.db").c_str(), 0644);
  BOOST_TEST(run({"user", "devices", kEmail}).exitCode == 0);
  BOOST_TEST(modeOf(data) == 0700u);
  BOOST_TEST(modeOf(data + "/server.db") == 0600u);
}

BOOST_FIXTURE_TEST_CASE(device_names_with_control_characters_are_refused_and_shown_escaped,
                        AdminFolder)
{
  BOOST_REQUIRE(
      run({"user", "add", kEmail, "--licence", "multi", "--devices", "5"}, "a long password\n")
          .exitCode == 0);
  const auto opened = openTestStore(data);
  auto& store = *opened;
  server::SyncService service(store);
  for (const std::string name : {"Tablet\n2026-01-01 forged line", "Tab\tshifted", "Bell\a",
                                 "Back\rspace", "Rtl\xE2\x80\xAEoverride"}) {
    const auto refused = service.login({kEmail, "a long password", "dev-1", name});
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().status == 400);
    BOOST_TEST(refused.error().message.find("control characters") != std::string::npos,
               refused.error().message);
  }
  BOOST_TEST(service.login({kEmail, "a long password", "dev-1", "Ana's laptop \\ 2"}).ok());

  // A name stored before the check, as an older server accepted it.
  const auto account = store.findAccount(kEmail);
  BOOST_REQUIRE(account);
  store.linkDevice(account->id, "dev-2", "Tablet\n2026-01-01T00:00:00Z\tforged", "hash", 5, 1000);
  const auto devices = run({"user", "devices", kEmail});
  BOOST_TEST(devices.exitCode == 0);
  BOOST_TEST(std::count(devices.out.begin(), devices.out.end(), '\n') == 2);
  BOOST_TEST(devices.out.find("dev-2\tTablet\\n2026-01-01T00:00:00Z\\tforged\tlinked ") !=
                 std::string::npos,
             devices.out);
  BOOST_TEST(devices.out.find("dev-1\tAna's laptop \\\\ 2\tlinked ") != std::string::npos,
             devices.out);
}

BOOST_AUTO_TEST_SUITE_END()
