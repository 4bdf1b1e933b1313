// Files holding marks, names, pictures and tokens are the user's alone (issue 11, item 9): with
// the usual umask 022, pupitred's data folder is 0700 and its database, WAL, SHM, log, token
// and blob files 0600; files an earlier version left readable are tightened at start.
#include "fixtures/daemon_fixture.h"
#include "pupitre/blobs/blob_store.h"
#include "pupitre/private_file.h"
#include "token_store.h"

#include "support/preconditions.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <sys/stat.h>

using namespace pupitre;

#ifdef _WIN32
// Windows has no file modes: private files are private by their protected DACL
// (private_file_windows.cpp), tested by the shared suite's windows_platform tests.
BOOST_AUTO_TEST_SUITE(private_files_tests,
                      *boost::unit_test::precondition(test::unixOnly(
                          "Unix file modes and umask; Windows' private files are protected by "
                          "their DACL (windows_platform tests)")))
BOOST_AUTO_TEST_CASE(pupitreds_data_folder_database_and_log_are_private_and_fixed_at_start) {}
BOOST_AUTO_TEST_CASE(a_log_file_that_is_a_link_is_refused) {}
BOOST_AUTO_TEST_CASE(the_token_file_and_its_folder_are_private_and_fixed_when_loaded) {}
BOOST_AUTO_TEST_CASE(blob_folders_and_files_are_private_and_an_old_store_is_tightened) {}
BOOST_AUTO_TEST_SUITE_END()
#else

namespace {

unsigned modeOf(const std::string& path)
{
  struct stat st
  {
  };
  BOOST_REQUIRE_MESSAGE(lstat(path.c_str(), &st) == 0, "no " << path);
  return st.st_mode & 07777;
}

// The umask most systems give users, for the test's length.
struct UsualUmask
{
  UsualUmask() : previous(umask(022)) {}
  ~UsualUmask() { umask(previous); }
  mode_t previous;
};

} // namespace

BOOST_AUTO_TEST_SUITE(private_files_tests)

BOOST_FIXTURE_TEST_CASE(pupitreds_data_folder_database_and_log_are_private_and_fixed_at_start,
                        UsualUmask)
{
  test::Sandbox sandbox;
  const std::string folder = sandbox.path("xdg-data/pupitre");
  const std::string db = folder + "/pupitre.db";
  const std::string log = sandbox.path("logs/pupitred.log");
  const std::map<std::string, std::string> env{{"XDG_DATA_HOME", sandbox.path("xdg-data")}};
  const std::vector<std::string> args{"--socket", sandbox.path("run/pupitred.sock"), "--log", log,
                                      "--no-keyring"};
  const auto checkModes = [&] {
    BOOST_TEST(modeOf(folder) == 0700u);
    BOOST_TEST(modeOf(db) == 0600u);
    for (const char* suffix : {"-wal", "-shm"}) {
      if (std::filesystem::exists(db + suffix)) {
        BOOST_TEST(modeOf(db + suffix) == 0600u, suffix);
      }
    }
    BOOST_TEST(modeOf(log) == 0600u);
  };
  {
    test::BackgroundProcess daemon(PUPITRED, args, env);
    BOOST_REQUIRE(daemon.waitForLine("pupitred: listening on"));
    BOOST_TEST(std::filesystem::exists(db + "-wal")); // WAL mode: the WAL is there while open
    checkModes();
    BOOST_TEST(modeOf(sandbox.path("logs")) == 0700u); // created by pupitred
    daemon.kill(); // leaves the WAL and SHM behind, as a crash would
  }
  // As an earlier version, or a careless copy, left them (the default data folder is
  // Pupitre's own and tightened; a folder chosen for --log is only created 0700).
  chmod(folder.c_str(), 0755);
  for (const std::string& path : {db, db + "-wal", db + "-shm", log}) {
    chmod(path.c_str(), 0644);
  }
  test::BackgroundProcess daemon(PUPITRED, args, env);
  BOOST_REQUIRE(daemon.waitForLine("pupitred: listening on"));
  checkModes();
  BOOST_TEST(modeOf(db + "-wal") == 0600u);
}

BOOST_FIXTURE_TEST_CASE(a_log_file_that_is_a_link_is_refused, UsualUmask)
{
  test::Sandbox sandbox;
  std::filesystem::create_symlink(sandbox.path("elsewhere.txt"), sandbox.path("pupitred.log"));
  // Under `timeout`: a pupitred that accepted the link would run until stopped.
  const auto result =
      test::runProcess("/usr/bin/timeout", {"20", PUPITRED, "--db", sandbox.path("pupitre.db"),
                                            "--socket", sandbox.path("run/pupitred.sock"), "--log",
                                            sandbox.path("pupitred.log"), "--no-keyring"});
  BOOST_TEST(result.exitCode != 0);
  BOOST_TEST(test::contains(result.err, "is a symbolic link"), result.err);
  BOOST_TEST(!std::filesystem::exists(sandbox.path("elsewhere.txt")));
}

BOOST_FIXTURE_TEST_CASE(the_token_file_and_its_folder_are_private_and_fixed_when_loaded, UsualUmask)
{
  test::Sandbox sandbox;
  daemon::FileTokenStore store(sandbox.path("tokens/pupitre.device-token"));
  store.save("a device token");
  BOOST_TEST(modeOf(sandbox.path("tokens")) == 0700u);
  BOOST_TEST(modeOf(store.path()) == 0600u);
  chmod(store.path().c_str(), 0644);
  BOOST_TEST(store.load().value_or("") == "a device token");
  BOOST_TEST(modeOf(store.path()) == 0600u);
}

BOOST_FIXTURE_TEST_CASE(blob_folders_and_files_are_private_and_an_old_store_is_tightened,
                        UsualUmask)
{
  test::Sandbox sandbox;
  const std::string root = sandbox.path("data/blobs");
  std::string hash;
  {
    blobs::BlobStore store(root);
    hash = store.addBytes("a pupil's photo");
    store.appendPartial("transfer", 0, "half a file");
    BOOST_TEST(modeOf(root) == 0700u);
    BOOST_TEST(modeOf(store.pathOf(hash).string()) == 0600u);
    BOOST_TEST(modeOf(store.pathOf(hash).parent_path().string()) == 0700u);
    BOOST_TEST(modeOf(root + "/partial/transfer.part") == 0600u);
    BOOST_TEST(modeOf(root + "/tmp") == 0700u);
    // As an earlier version left it.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      chmod(entry.path().c_str(), entry.is_directory() ? 0755 : 0644);
    }
    chmod(root.c_str(), 0755);
  }
  blobs::BlobStore store(root);
  BOOST_TEST(modeOf(root) == 0700u);
  BOOST_TEST(modeOf(store.pathOf(hash).parent_path().string()) == 0700u);
  BOOST_TEST(modeOf(store.pathOf(hash).string()) == 0600u);
  BOOST_TEST(modeOf(root + "/partial/transfer.part") == 0600u);
}

BOOST_AUTO_TEST_SUITE_END()
#endif // _WIN32
