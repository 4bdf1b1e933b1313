// The teacher's right of access from the device (issue 17): `pupitrectl account export`
// asks pupitred, which fetches GET /api/v1/account/export with the device token and writes
// the file through FILE.part. What it writes is byte for byte what the administrator's
// `pupitre-server user export` prints for the same account.
#include "cluster.h"
#include "fixtures/daemon_fixture.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

using namespace pupitre::e2e;
namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The file's permission bits (0600 expected; Windows has a DACL instead and says 0600).
unsigned modeOf(const fs::path& path)
{
#ifdef _WIN32
  (void)path;
  return 0600;
#else
  struct stat info = {};
  ::stat(path.string().c_str(), &info);
  return info.st_mode & 0777;
#endif
}

// Nothing under the file's name nor its .part beside it.
void requireNoFile(const fs::path& path)
{
  BOOST_TEST(!fs::exists(path), path.string() << " was written");
  BOOST_TEST(!fs::exists(path.string() + ".part"), path.string() << ".part was left");
}

} // namespace

BOOST_AUTO_TEST_SUITE(account_export_tests)

BOOST_AUTO_TEST_CASE(the_file_written_through_the_daemon_is_the_servers_user_export)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Matemáticas"});
  const auto ana = a.write({"student", "add", cls, "Ana María", "Núñez i Gil·l"});
  const auto test1 = a.write({"assessment", "add", cls, "Fracciones", "--date", "2026-10-05"});
  a.write({"mark", "set", ana, test1, "8,5", "--comment", "Muy bien"});
  a.syncOk();
  b.syncOk();
  b.write({"journal", "add", cls, "2026-10-06", "Repaso de fracciones"});
  b.syncOk();

  // A relative -o is taken from pupitrectl's folder: the e2e processes run in the test's.
  const fs::path file = cluster.sandbox.path("export/mine.json");
  fs::create_directories(file.parent_path());
  const auto written = a.ctl({"account", "export", "-o", file.string()});
  BOOST_TEST_REQUIRE(written.exitCode == 0, written.err);
  // As pupitrectl names it: the full path in the system's own form (backslashes on Windows).
  BOOST_TEST(contains(written.out, "Wrote " + fs::absolute(file).lexically_normal().string()),
             written.out);

  const auto admin = cluster.server.admin({"user", "export", kEmail});
  BOOST_TEST_REQUIRE(admin.exitCode == 0, admin.err);
  const std::string mine = readFile(file);
  // Byte for byte: the same account, devices (their last_seen too: both within a minute of
  // their last call), data, history and conflicts.
  BOOST_TEST(mine == admin.out);
  BOOST_TEST(contains(mine, "Núñez i Gil·l"));
  BOOST_TEST(contains(mine, "Repaso de fracciones")); // B's writes are the account's too
  BOOST_TEST(contains(mine, "\"field_versions\""));
  BOOST_TEST(!contains(mine, a.token()), "the device token is in the export");
  BOOST_TEST(modeOf(file) == 0600u);
  BOOST_TEST(!fs::exists(file.string() + ".part"));

  // Asked again over an older file: replaced whole.
  std::ofstream(file) << "old";
  const auto again = b.ctl({"account", "export", "--output", file.string()});
  BOOST_TEST_REQUIRE(again.exitCode == 0, again.err);
  BOOST_TEST(parseObject(readFile(file))->getObject("account")->getValue<std::string>("email") ==
             kEmail);
}

BOOST_AUTO_TEST_CASE(a_device_not_signed_in_gets_a_clear_error_and_no_file)
{
  Cluster cluster({.devices = 1});
  Device& a = cluster[0];
  const fs::path file = cluster.sandbox.path("mine.json");
  const auto refused = a.ctl({"account", "export", "-o", file.string()});
  BOOST_TEST(refused.exitCode == 1);
  BOOST_TEST(contains(refused.err, "not signed in"), refused.err);
  BOOST_TEST(contains(refused.err, "Sign in first"), refused.err);
  requireNoFile(file);

  // Without -o: the usage.
  const auto usage = a.ctl({"account", "export"});
  BOOST_TEST(usage.exitCode == 2);
  BOOST_TEST(contains(usage.err, "-o FILE"), usage.err);
}

BOOST_AUTO_TEST_CASE(a_server_that_is_down_gets_a_clear_error_and_no_partial_file)
{
  Cluster cluster({.devices = 1});
  cluster.loginAll();
  Device& a = cluster[0];
  a.write({"class", "add", "4B"});
  a.syncOk();
  cluster.server.stop();

  const fs::path file = cluster.sandbox.path("mine.json");
  const auto offline = a.ctl({"account", "export", "-o", file.string()});
  BOOST_TEST(offline.exitCode == 1);
  BOOST_TEST(contains(offline.err, "Couldn't reach the server"), offline.err);
  BOOST_TEST(contains(offline.err, "try again"), offline.err);
  requireNoFile(file);

  // An older file of that name stays as it was.
  std::ofstream(file) << "kept";
  BOOST_TEST(a.ctl({"account", "export", "-o", file.string()}).exitCode == 1);
  BOOST_TEST(readFile(file) == "kept");
  BOOST_TEST(!fs::exists(file.string() + ".part"));

  // A folder that does not exist is refused before the server is asked.
  cluster.server.start();
  const auto nowhere = a.ctl({"account", "export", "-o", cluster.sandbox.path("no/such/x.json")});
  BOOST_TEST(nowhere.exitCode == 1);
  BOOST_TEST(contains(nowhere.err, "does not exist"), nowhere.err);
  BOOST_TEST(contains(nowhere.err, "Choose a folder"), nowhere.err);
}

// The IPC method itself (ipc-protocol.md): a relative path is refused before anything is
// asked (pupitrectl always sends a full one), and the answer names the file and its size.
BOOST_AUTO_TEST_CASE(the_ipc_method_takes_a_full_path_only)
{
  Cluster cluster({.devices = 1});
  cluster.loginAll();
  pupitre::test::RawSocket ipc(cluster[0].socket());
  ipc.send(R"({"jsonrpc":"2.0","id":1,"method":"account.export","params":{"path":"mine.json"}})"
           "\n");
  const auto refused = ipc.readLine();
  BOOST_REQUIRE(refused);
  const auto error = parseObject(*refused)->getObject("error");
  BOOST_REQUIRE(error);
  BOOST_TEST(error->getValue<int>("code") == -32602);
  BOOST_TEST(contains(error->getValue<std::string>("message"), "must be a full path"));

  const fs::path file = cluster.sandbox.path("mine.json");
  Poco::JSON::Object request;
  request.set("jsonrpc", "2.0");
  request.set("id", 2);
  request.set("method", "account.export");
  Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
  params->set("path", file.string());
  request.set("params", params);
  std::ostringstream line;
  request.stringify(line);
  ipc.send(line.str() + "\n");
  const auto answer = ipc.readLine(std::chrono::seconds(60));
  BOOST_REQUIRE(answer);
  const auto result = parseObject(*answer)->getObject("result");
  BOOST_REQUIRE_MESSAGE(result, *answer);
  BOOST_TEST(result->getValue<std::string>("path") == file.string());
  BOOST_TEST(result->getValue<std::int64_t>("bytes") ==
             static_cast<std::int64_t>(fs::file_size(file)));
}

// The right of access does not depend on the licence: a single-device account, which cannot
// sync, still gets everything the server holds about it.
BOOST_AUTO_TEST_CASE(a_single_device_licence_gets_its_export_too)
{
  Cluster cluster({.devices = 1, .licence = "single"});
  cluster.loginAll();
  const fs::path file = cluster.sandbox.path("mine.json");
  const auto written = cluster[0].ctl({"account", "export", "-o", file.string()});
  BOOST_TEST_REQUIRE(written.exitCode == 0, written.err);
  const auto admin = cluster.server.admin({"user", "export", kEmail});
  BOOST_TEST(readFile(file) == admin.out);
  BOOST_TEST(contains(admin.out, "\"licence\": \"single\""));
}

// The device was unlinked from another device: the server refuses the token, the daemon says
// so and signs this device out; no file.
BOOST_AUTO_TEST_CASE(an_unlinked_device_is_refused_and_writes_nothing)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  BOOST_TEST_REQUIRE(b.ctl({"unlink", a.deviceId()}).exitCode == 0);
  const fs::path file = cluster.sandbox.path("mine.json");
  const auto refused = a.ctl({"account", "export", "-o", file.string()});
  BOOST_TEST(refused.exitCode == 1);
  BOOST_TEST(contains(refused.err, "unlinked"), refused.err);
  requireNoFile(file);
  BOOST_TEST(!a.status()->getValue<bool>("signed_in"));
}

BOOST_AUTO_TEST_SUITE_END()
