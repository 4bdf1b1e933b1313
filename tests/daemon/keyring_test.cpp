// The device token in the desktop keyring: a private session bus with gnome-keyring's Secret
// Service, an in-process daemon signing in (through a scripted server), the token found
// there after a restart and gone after sign-out, and no token file meanwhile.
#include "daemon.h"
#include "fixtures/daemon_fixture.h"
#include "pupitre/ipc/client.h"
#include "pupitre/ipc/protocol.h"
#include "support/preconditions.h"
#include "support/scoped_env.h"

#include <boost/test/unit_test.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <thread>

using namespace pupitre;
using Poco::JSON::Object;
using test::contains;

namespace {

constexpr const char* kDbusDaemon = "/usr/bin/dbus-daemon";
constexpr const char* kDbusSend = "/usr/bin/dbus-send";
constexpr const char* kGnomeKeyring = "/usr/bin/gnome-keyring-daemon";
const std::string kToken = "keyring-token-7d1e";

class SignInOnly : public sync::Transport
{
public:
  sync::LoginResult login(const sync::LoginRequest& request) override
  {
    sync::LoginResult result;
    result.token = kToken;
    result.account.email = request.email;
    result.account.licence = "multi";
    return result;
  }
  sync::AccountInfo account() override { return {}; }
  sync::AccountInfo unlink(const std::string&) override { return {}; }
  sync::AccountInfo renameDevice(const std::string&, const std::string&) override { return {}; }
  void logout() override {}
  sync::PushResult push(const sync::PushRequest&) override { return {}; }
  sync::PullPage pull(std::int64_t, std::size_t) override { return {}; }
  std::optional<std::int64_t> lastServerTimeMs() const override { return std::nullopt; }
  void setToken(const std::string&) override {}
};

// A session bus and an unlocked gnome-keyring on it, for this test process.
struct PrivateKeyring
{
  test::Sandbox sandbox;
  std::unique_ptr<test::BackgroundProcess> bus;
  std::unique_ptr<test::BackgroundProcess> keyring;
  std::string address;

  bool start()
  {
    bus = std::make_unique<test::BackgroundProcess>(
        kDbusDaemon, std::vector<std::string>{"--session", "--nofork", "--print-address=1"});
    const auto line = bus->waitForLine("unix:");
    if (!line) {
      return false;
    }
    address = *line;
    std::filesystem::create_directories(sandbox.path("xdg"));
    std::filesystem::permissions(sandbox.path("xdg"), std::filesystem::perms::owner_all);
    const std::map<std::string, std::string> env{{"DBUS_SESSION_BUS_ADDRESS", address},
                                                 {"HOME", sandbox.path("home")},
                                                 {"XDG_RUNTIME_DIR", sandbox.path("xdg")}};
    keyring = std::make_unique<test::BackgroundProcess>(
        "/bin/sh",
        std::vector<std::string>{"-c",
                                 std::string("printf keyring-password | exec ") + kGnomeKeyring +
                                     " --unlock --components=secrets --foreground >/dev/null 2>&1"},
        env);
    for (int i = 0; i < 100; ++i) {
      const auto owner =
          test::runProcess(kDbusSend,
                           {"--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                            "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"},
                           {}, env);
      if (contains(owner.out, "boolean true")) {
        setenv("DBUS_SESSION_BUS_ADDRESS", address.c_str(), 1);
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  ~PrivateKeyring() { unsetenv("DBUS_SESSION_BUS_ADDRESS"); }
};

} // namespace

// The Secret Service (D-Bus) is Linux's keyring; Windows keeps the token in the Credential
// Manager (credential_token_store.cpp, tested by the Windows smoke test).
BOOST_AUTO_TEST_SUITE(keyring_tests,
                      *boost::unit_test::precondition(test::unixOnly(
                          "the Secret Service keyring over D-Bus is Linux's; Windows uses the "
                          "Credential Manager")))

BOOST_AUTO_TEST_CASE(the_device_token_lives_in_the_keyring_when_a_secret_service_runs,
                     *boost::unit_test::precondition(test::needsFile(kDbusDaemon)) *
                         boost::unit_test::precondition(test::needsFile(kDbusSend)) *
                         boost::unit_test::precondition(test::needsFile(kGnomeKeyring)))
{
  PrivateKeyring keyring;
  BOOST_REQUIRE_MESSAGE(keyring.start(), "no Secret Service came up on the private bus");
  test::Sandbox sandbox;
  daemon::DaemonOptions options;
  options.database = sandbox.path("pupitre.db");
  options.endpoint = sandbox.path("run/pupitred.sock");
  options.tokenFolder = sandbox.path("tokens");
  options.transports = [](const std::string&) { return std::make_unique<SignInOnly>(); };
  auto quiet = std::make_shared<spdlog::logger>("keyring-test",
                                                std::make_shared<spdlog::sinks::null_sink_mt>());
  auto statusOf = [&](daemon::Daemon&) {
    return ipc::IpcClient(options.endpoint).callObject(ipc::methods::kStatus);
  };
  {
    daemon::Daemon daemon(options, quiet);
    daemon.start();
    ipc::IpcClient client(options.endpoint);
    Object::Ptr params = new Object;
    params->set("server", "http://fake");
    params->set("email", "ana@school.es");
    params->set("password", "not-kept-anywhere");
    const auto status = client.callObject(ipc::methods::kLogin, params);
    BOOST_TEST(status->getValue<std::string>("token_storage") == "keyring");
    BOOST_TEST(!std::filesystem::exists(sandbox.path("tokens/pupitre.device-token")));
  }
  {
    daemon::Daemon daemon(options, quiet);
    daemon.start();
    const auto status = statusOf(daemon);
    BOOST_TEST(status->getValue<bool>("signed_in")); // found in the keyring again
    BOOST_TEST(status->getValue<std::string>("token_storage") == "keyring");
    ipc::IpcClient(options.endpoint).call(ipc::methods::kLogout);
  }
  daemon::Daemon daemon(options, quiet);
  daemon.start();
  BOOST_TEST(!statusOf(daemon)->getValue<bool>("signed_in")); // sign-out cleared the keyring entry
}

BOOST_AUTO_TEST_SUITE_END()
