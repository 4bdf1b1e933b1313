// The administrator's commands, run as the real pupitre-server process: what they print,
// their exit codes and their error messages.
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct AdminFolder
{
  Sandbox sandbox;
  std::string data = sandbox.path("data");

  ProcessResult run(std::vector<std::string> args, const std::string& input = {})
  {
    args.insert(args.begin(), {"--data", data});
    return serverCommand(args, input);
  }
  std::shared_ptr<server::ServerStore> open() { return openTestStore(data); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(admin_cli)

BOOST_FIXTURE_TEST_CASE(user_add_creates_the_account_with_its_licence, AdminFolder)
{
  const auto result =
      run({"user", "add", kEmail, "--licence", "multi", "--devices", "3"}, "a long password\n");
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0, result.err);
  BOOST_TEST(std::filesystem::exists(data + "/server.db") != testsOnPostgres());
  const auto account = open()->findAccount(kEmail);
  BOOST_REQUIRE(account);
  BOOST_TEST(account->licence == "multi");
  BOOST_TEST(account->maxDevices == 3);
  BOOST_TEST(account->storageQuota == std::int64_t{1'000'000'000});

  BOOST_TEST(
      run({"user", "add", "solo@school.es", "--licence", "single"}, "password one\n").exitCode ==
      0);
  BOOST_TEST(open()->findAccount("solo@school.es")->maxDevices == 1);
  BOOST_TEST(
      run({"user", "add", "five@school.es", "--licence=multi"}, "password two\r\n").exitCode == 0);
  BOOST_TEST(open()->findAccount("five@school.es")->maxDevices == 5);
  // The carriage return of a Windows line end is not part of the password.
  const auto store = open();
  server::SyncService service(*store);
  BOOST_TEST(service.login({"five@school.es", "password two", "d", ""}).ok());
}

BOOST_FIXTURE_TEST_CASE(user_add_refuses_with_a_reason, AdminFolder)
{
  const auto shortPassword = run({"user", "add", kEmail, "--licence", "multi"}, "short\n");
  BOOST_TEST(shortPassword.exitCode == 1);
  BOOST_TEST(shortPassword.err.find("at least 8 characters") != std::string::npos);

  const auto noPassword = run({"user", "add", kEmail, "--licence", "multi"}, "");
  BOOST_TEST(noPassword.exitCode != 0);
  BOOST_TEST(noPassword.err.find("standard input") != std::string::npos);

  const auto noLicence = run({"user", "add", kEmail}, "a long password\n");
  BOOST_TEST(noLicence.exitCode == 2);
  BOOST_TEST(noLicence.err.find("--licence") != std::string::npos);

  const auto badLicence = run({"user", "add", kEmail, "--licence", "gold"}, "a long password\n");
  BOOST_TEST(badLicence.exitCode == 1);
  BOOST_TEST(badLicence.err.find("single or multi") != std::string::npos);

  BOOST_TEST(
      run({"user", "add", "not-an-address", "--licence", "multi"}, "a long password\n").exitCode ==
      1);

  BOOST_TEST(run({"user", "add", kEmail, "--licence", "multi"}, "a long password\n").exitCode == 0);
  const auto twice =
      run({"user", "add", "ANA@school.es", "--licence", "multi"}, "a long password\n");
  BOOST_TEST(twice.exitCode == 1);
  BOOST_TEST(twice.err.find("exists already") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(passwd_licence_devices_unlink_and_export, AdminFolder)
{
  BOOST_REQUIRE(run({"user", "add", kEmail, "--licence", "single"}, "first password\n").exitCode ==
                0);
  BOOST_TEST(run({"user", "passwd", kEmail}, "second password\n").exitCode == 0);
  {
    auto store = open();
    server::SyncService service(*store);
    BOOST_TEST(service.login({kEmail, "first password", "dev-1", ""}).error().code ==
               "wrong_password");
    BOOST_TEST(service.login({kEmail, "second password", "dev-1", "Laptop"}).ok());
  }
  BOOST_TEST(run({"user", "licence", kEmail, "multi", "--devices", "4"}).exitCode == 0);
  BOOST_TEST(open()->findAccount(kEmail)->maxDevices == 4);
  BOOST_TEST(open()->findAccount(kEmail)->licence == "multi");

  const auto devices = run({"user", "devices", kEmail});
  BOOST_TEST(devices.exitCode == 0);
  BOOST_TEST(devices.out.rfind("dev-1\tLaptop\tlinked ", 0) == 0u);

  const auto unknownDevice = run({"user", "unlink", kEmail, "dev-9"});
  BOOST_TEST(unknownDevice.exitCode == 1);
  BOOST_TEST(unknownDevice.err.find("dev-9") != std::string::npos);
  BOOST_TEST(run({"user", "unlink", kEmail, "dev-1"}).exitCode == 0);
  BOOST_TEST(run({"user", "devices", kEmail}).out.empty());

  const auto exported = run({"user", "data", kEmail});
  BOOST_TEST(exported.exitCode == 0);
  BOOST_TEST(exported.out.rfind("{\n  \"assessments\": []", 0) == 0u);
}

BOOST_FIXTURE_TEST_CASE(unknown_accounts_folders_and_commands, AdminFolder)
{
  const auto noData = run({"user", "export", kEmail});
  BOOST_TEST(noData.exitCode == 1);
  if (testsOnPostgres()) {
    BOOST_TEST(noData.err.find("No account") != std::string::npos, noData.err);
  } else {
    BOOST_TEST(noData.err.find("no server.db") != std::string::npos);
  }
  BOOST_TEST(!std::filesystem::exists(data + "/server.db"));

  BOOST_REQUIRE(run({"user", "add", kEmail, "--licence", "multi"}, "a long password\n").exitCode ==
                0);
  const auto unknown = run({"user", "export", "nobody@school.es"});
  BOOST_TEST(unknown.exitCode == 1);
  BOOST_TEST(unknown.err.find("No account for nobody@school.es") != std::string::npos);

  BOOST_TEST(run({"user", "rename", kEmail}).exitCode == 2);
  BOOST_TEST(run({"user", "devices", kEmail, "--port", "80"}).exitCode == 2);
  BOOST_TEST(run({"user", "devices", kEmail, "--colour", "red"}).exitCode == 2);
  BOOST_TEST(serverCommand({"user", "devices", kEmail}).err.find("--data") != std::string::npos);
  BOOST_TEST(serverCommand({}).exitCode == 2);
  const auto help = serverCommand({"--help"});
  BOOST_TEST(help.exitCode == 0);
  BOOST_TEST(help.out.find("user export EMAIL") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(serve_refuses_a_busy_port_and_half_a_tls_setup)
{
  AdminFolder folder;
  ServerProcess first(folder.data);
  const auto busy =
      serverCommand({"serve", "--data", folder.data, "--port", std::to_string(first.port())});
  BOOST_TEST(busy.exitCode == 1);
  BOOST_TEST(busy.err.find("Couldn't listen") != std::string::npos);
  const auto halfTls = serverCommand({"serve", "--data", folder.data, "--tls-cert", "cert.pem"});
  BOOST_TEST(halfTls.exitCode == 1);
  BOOST_TEST(halfTls.err.find("--tls-key") != std::string::npos);
  const auto missingCert = serverCommand(
      {"serve", "--data", folder.data, "--tls-cert", "nowhere.pem", "--tls-key", "nowhere.key"});
  BOOST_TEST(missingCert.exitCode == 1);
  BOOST_TEST(missingCert.err.find("Couldn't use the TLS certificate 'nowhere.pem'") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
