// The server's configuration file, as IT uses it: the packaged unit runs
// `pupitre-server --config /etc/pupitre-server/server.conf serve`, and the admin commands read
// the same file, so nobody repeats --data.
#include "server_process.h"
#include "service_fixture.h"

#include "server/cli/config_file.h"
#include "support/preconditions.h"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#else
#include "support/scoped_env.h" // setenv
#endif

using namespace pupitre;
using namespace pupitre::test;
using server::cli::UsageError;

namespace {

struct ConfigFolder
{
  Sandbox sandbox;
  std::string file = sandbox.path("server.conf");

  void write(const std::string& text) const { std::ofstream(file) << text; }
};

} // namespace

// Absolute paths, kept as written. On Windows "/etc/…" has no drive: it is relative to the
// configuration file's drive, so the paths there start with one.
#ifdef _WIN32
constexpr const char* kAbsoluteCert = "D:\\ssl\\school.pem";
constexpr const char* kAbsoluteFolder = "D:\\Pupitre\\credentials";
#else
constexpr const char* kAbsoluteCert = "/etc/ssl/school.pem";
constexpr const char* kAbsoluteFolder = "/run/credentials/pupitre-server.service";
#endif

BOOST_AUTO_TEST_SUITE(config_file)

BOOST_FIXTURE_TEST_CASE(settings_are_read_with_comments_and_relative_paths, ConfigFolder)
{
  write("# Pupitre server\n[serve]\n; a comment\n  data = state  \nport=8443\n\n"
        "tls-cert = " +
        std::string(kAbsoluteCert) + "\n");
  const auto settings = server::cli::readConfigFile(file);
  BOOST_TEST(settings.at("data") == sandbox.path("state"));
  BOOST_TEST(settings.at("port") == "8443");
  BOOST_TEST(settings.at("tls-cert") == kAbsoluteCert);
  BOOST_TEST(settings.size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(environment_variables_are_expanded, ConfigFolder)
{
  setenv("PUPITRE_TEST_CREDENTIALS", kAbsoluteFolder, 1);
  write("tls-key = ${PUPITRE_TEST_CREDENTIALS}/tls.key\n");
  BOOST_TEST(server::cli::readConfigFile(file).at("tls-key") ==
             std::string(kAbsoluteFolder) + "/tls.key");
  write("tls-key = ${PUPITRE_TEST_UNSET_VARIABLE}/tls.key\n");
  BOOST_CHECK_EXCEPTION(server::cli::readConfigFile(file), UsageError, [](const auto& e) {
    return std::string(e.what()).find("PUPITRE_TEST_UNSET_VARIABLE is not set") !=
           std::string::npos;
  });
}

BOOST_FIXTURE_TEST_CASE(a_wrong_line_is_named_with_its_file_and_number, ConfigFolder)
{
  write("data = x\nlicence = multi\n");
  BOOST_CHECK_EXCEPTION(server::cli::readConfigFile(file), UsageError, [&](const auto& e) {
    return std::string(e.what()) == file + ", line 2: unknown setting 'licence'.";
  });
  write("data = x\nport 80\n");
  BOOST_CHECK_EXCEPTION(server::cli::readConfigFile(file), UsageError, [](const auto& e) {
    return std::string(e.what()).find("line 2: expected `name = value`") != std::string::npos;
  });
  write("port = 1\nport = 2\n");
  BOOST_CHECK_EXCEPTION(server::cli::readConfigFile(file), UsageError, [](const auto& e) {
    return std::string(e.what()).find("'port' is set twice") != std::string::npos;
  });
}

BOOST_FIXTURE_TEST_CASE(the_admin_commands_and_serve_read_the_same_file, ConfigFolder)
{
  write("data = state\nmax-body-mib = 3\n");
  const auto added =
      serverCommand({"--config", file, "user", "add", "ana@school.es", "--licence", "multi"},
                    "a long password\n");
  BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
  BOOST_TEST(std::filesystem::exists(sandbox.path("state") + "/server.db"));

  // serve takes its limits from the file; the command line's --data still wins.
  ServerProcess server(sandbox.path("state"), {"--config", file});
  const auto reply = httpCall(server.port(), {"GET", "/api/v1/account"});
  BOOST_TEST(reply.headers.at("X-Pupitre-Max-Push-Bytes") == std::to_string(3 << 20));

  const auto devices = serverCommand({"--config", file, "user", "devices", "ana@school.es"});
  BOOST_TEST(devices.exitCode == 0, devices.err);
}

BOOST_FIXTURE_TEST_CASE(a_missing_file_is_a_clear_error, ConfigFolder)
{
  const auto result = serverCommand({"--config", sandbox.path("none.conf"), "blobs", "gc"});
  BOOST_TEST(result.exitCode == 1);
  BOOST_TEST(result.err.find("Cannot read the configuration file") != std::string::npos);
}

// The packaged server's folder belongs to its system user; root runs the admin commands. What
// they create must belong to that user too, or the service could not open it.
#ifndef _WIN32 // uids and chown
BOOST_FIXTURE_TEST_CASE(root_administers_as_the_owner_of_the_data_folder, ConfigFolder,
                        *boost::unit_test::precondition(needsRoot()))
{
  const uid_t nobody = 65534;
  const std::string data = sandbox.path("owned");
  std::filesystem::create_directories(data);
  BOOST_REQUIRE(::chown(data.c_str(), nobody, nobody) == 0);
  // nobody must reach the folder through the sandbox's own folders.
  std::filesystem::permissions(sandbox.path(""), std::filesystem::perms::others_exec,
                               std::filesystem::perm_options::add);
  write("data = owned\n");
  const auto added =
      serverCommand({"--config", file, "user", "add", "ana@school.es", "--licence", "single"},
                    "a long password\n");
  BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
  struct stat info
  {
  };
  BOOST_REQUIRE(::stat((data + "/server.db").c_str(), &info) == 0);
  BOOST_TEST(info.st_uid == nobody);
}
#endif

BOOST_AUTO_TEST_SUITE_END()
