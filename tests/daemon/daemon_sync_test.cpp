// pupitred's logic in process, with a scripted server behind sync::Transport: what sign-in
// keeps and where, what a sync reports, and how offline, refusals and unlinking change the
// state. The real HTTP server is exercised by the end-to-end tests.
#include "daemon.h"
#include "fixtures/daemon_fixture.h"
#include "fixtures/fake_transport.h"
#include "pupitre/ipc/client.h"
#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/model/classes.h"
#include "pupitre/private_file.h"
#include "pupitre/sync/engine.h"
#ifdef _WIN32
#include "pupitre/win/private_acl.h"
#include "support/windows_acl.h"
#endif

#include <boost/test/unit_test.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <sys/stat.h>

using namespace pupitre;
using Poco::JSON::Object;
using test::contains;
using test::FakeServer;
using test::FakeTransport;
using test::kPassword;
using test::kRemoteClass;
using test::kToken;
namespace notifications = ipc::notifications;

namespace {

// Notifications seen by a subscribed client.
class Inbox
{
public:
  void add(const std::string& method, const Object::Ptr& params)
  {
    std::lock_guard lock(m_mutex);
    m_seen.emplace_back(method, params);
    m_changed.notify_all();
  }
  // Waits for `method` (with `field` == `value` when given) and returns its params.
  Object::Ptr waitFor(const std::string& method, const std::string& field = {},
                      const std::string& value = {})
  {
    std::unique_lock lock(m_mutex);
    Object::Ptr found;
    m_changed.wait_for(lock, std::chrono::seconds(10), [&] {
      for (const auto& [m, params] : m_seen) {
        if (m == method && (field.empty() || params->optValue<std::string>(field, "") == value)) {
          found = params;
          return true;
        }
      }
      return false;
    });
    return found;
  }
  std::size_t count(const std::string& method)
  {
    std::lock_guard lock(m_mutex);
    return static_cast<std::size_t>(std::count_if(
        m_seen.begin(), m_seen.end(), [&](const auto& entry) { return entry.first == method; }));
  }
  // Waits until `method` was seen `times` times; false when that does not happen in `wait`.
  bool waitForCount(const std::string& method, std::size_t times, std::chrono::milliseconds wait)
  {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, wait, [&] {
      return static_cast<std::size_t>(
                 std::count_if(m_seen.begin(), m_seen.end(),
                               [&](const auto& entry) { return entry.first == method; })) >= times;
    });
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::pair<std::string, Object::Ptr>> m_seen;
};

struct InProcessDaemon
{
  test::Sandbox sandbox;
  std::shared_ptr<FakeServer> server = std::make_shared<FakeServer>();
  test::ManualClock clock; // when syncs are due
  std::string tokenFile = sandbox.path("tokens/pupitre.device-token");
  // Before the client: its reader thread adds to the inbox until the client is gone.
  Inbox inbox;
  std::unique_ptr<daemon::Daemon> daemon;
  std::unique_ptr<ipc::IpcClient> client;

  InProcessDaemon() { start(); }

  void start()
  {
    daemon::DaemonOptions options;
    options.database = sandbox.path("pupitre.db");
    options.endpoint = sandbox.path("run/pupitred.sock");
    options.tokenFolder = sandbox.path("tokens");
    options.keyring = false;
    options.wallClock = clock.wallClock();
    options.transports = [s = server](const std::string&) {
      return std::make_unique<FakeTransport>(s);
    };
    daemon = std::make_unique<daemon::Daemon>(
        options,
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>()));
    daemon->start();
    client = std::make_unique<ipc::IpcClient>(options.endpoint);
    client->setNotificationHandler(
        [this](const std::string& m, const Object::Ptr& p) { inbox.add(m, p); });
    client->call(ipc::methods::kSubscribe);
  }
  void restart()
  {
    client.reset();
    daemon.reset();
    start();
  }
  Object::Ptr login()
  {
    Object::Ptr params = new Object;
    params->set("server", "http://fake/");
    params->set("email", "ana@school.es");
    params->set("password", kPassword);
    return client->callObject(ipc::methods::kLogin, params);
  }
  Object::Ptr status() { return client->callObject(ipc::methods::kStatus); }
  std::string sync()
  {
    return client->callObject(ipc::methods::kSync)->getValue<std::string>("id");
  }
  void addClass(const std::string& name)
  {
    store::Database db(sandbox.path("pupitre.db"));
    model::Classes(db).create({.name = name});
  }
};

bool anyFileContains(const std::filesystem::path& dir, const std::string& text)
{
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() &&
        contains(readWholeFile(entry.path().string()).value_or(""), text)) {
      return true;
    }
  }
  return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(daemon_sync_tests)

BOOST_FIXTURE_TEST_CASE(sign_in_keeps_the_device_token_in_a_0600_file_and_never_the_password,
                        InProcessDaemon)
{
  const auto signedIn = login();
  BOOST_TEST(signedIn->getValue<bool>("signed_in"));
  BOOST_TEST(signedIn->getValue<std::string>("email") == "ana@school.es");
  BOOST_TEST(signedIn->getValue<std::string>("server") == "http://fake");
  BOOST_TEST(signedIn->getValue<std::string>("licence") == "multi");
  BOOST_TEST(signedIn->getValue<std::string>("token_storage") == "file");
  BOOST_TEST(signedIn->getValue<std::string>("state") == ipc::states::kIdle);
  BOOST_TEST(server->passwordsSeen == std::vector<std::string>{kPassword});
#ifdef _WIN32
  // No file modes: the DACL allows the user and SYSTEM alone.
  const std::set<std::string> userAndSystem{win::currentUserSid(), "S-1-5-18"};
  BOOST_TEST((test::allowedSids(tokenFile) == userAndSystem));
#else
  struct stat st
  {
  };
  BOOST_REQUIRE(stat(tokenFile.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
#endif
  BOOST_TEST(readWholeFile(tokenFile).value_or("") == kToken + "\n");
  BOOST_TEST(!anyFileContains(sandbox.dir(), kPassword));
  BOOST_TEST(inbox.waitFor(notifications::kLoginChanged));

  restart(); // the sign-in outlives the daemon
  BOOST_TEST(status()->getValue<bool>("signed_in"));
}

BOOST_FIXTURE_TEST_CASE(a_sync_reports_its_progress_and_result_and_empties_the_outbox,
                        InProcessDaemon)
{
  login();
  addClass("4B Maths");
  addClass("3A Physics");
  const auto pendingBefore = status()->getValue<std::int64_t>("pending");
  BOOST_TEST(pendingBefore > 0);
  server->sendRemoteClass = true;

  const std::string id = sync();
  const auto finished = inbox.waitFor(notifications::kSyncFinished, "id", id);
  BOOST_REQUIRE(finished);
  BOOST_TEST(finished->getValue<std::int64_t>("uploaded") == pendingBefore);
  BOOST_TEST(finished->getValue<std::int64_t>("downloaded") > 0);
  BOOST_TEST(inbox.waitFor(notifications::kSyncStarted, "id", id));
  BOOST_TEST(inbox.waitFor(notifications::kSyncProgress, "stage", "push"));
  BOOST_TEST(inbox.waitFor(notifications::kSyncProgress, "stage", "pull"));
  BOOST_TEST(inbox.waitFor(notifications::kDataChanged));
  BOOST_TEST(inbox.waitFor(notifications::kStateChanged, "state", ipc::states::kSyncing));
  BOOST_TEST(server->tokensUsed.back() == kToken);

  const auto after = status();
  BOOST_TEST(after->getValue<std::int64_t>("pending") == 0);
  BOOST_TEST(!after->isNull("last_sync"));
  BOOST_TEST(after->getValue<std::string>("state") == ipc::states::kIdle);
  store::Database db(sandbox.path("pupitre.db"));
  BOOST_TEST(model::Classes(db).get(kRemoteClass).name == "5C History");
}

BOOST_FIXTURE_TEST_CASE(an_unreachable_server_makes_the_state_offline_not_an_error, InProcessDaemon)
{
  login();
  addClass("4B Maths");
  server->mode = FakeServer::Mode::Offline;
  const std::string id = sync();
  const auto failed = inbox.waitFor(notifications::kSyncFailed, "id", id);
  BOOST_REQUIRE(failed);
  BOOST_TEST(failed->getValue<std::string>("code") == ipc::reasons::kOffline);
  BOOST_TEST(contains(failed->getValue<std::string>("reason"), "Couldn't reach the server"));
  BOOST_TEST(inbox.waitFor(notifications::kStateChanged, "state", ipc::states::kOffline));
  const auto offline = status();
  BOOST_TEST(offline->getValue<std::string>("state") == ipc::states::kOffline);
  BOOST_TEST(offline->getValue<std::int64_t>("pending") > 0); // nothing lost
  BOOST_TEST(offline->getValue<bool>("signed_in"));

  server->mode = FakeServer::Mode::Normal; // back online: the next sync clears the state
  BOOST_REQUIRE(inbox.waitFor(notifications::kSyncFinished, "id", sync()));
  BOOST_TEST(status()->getValue<std::string>("state") == ipc::states::kIdle);
  BOOST_TEST(status()->getValue<std::int64_t>("pending") == 0);
}

BOOST_FIXTURE_TEST_CASE(an_unlinked_device_is_signed_out_and_keeps_its_data, InProcessDaemon)
{
  login();
  addClass("4B Maths");
  server->mode = FakeServer::Mode::Unlinked;
  const auto failed = inbox.waitFor(notifications::kSyncFailed, "id", sync());
  BOOST_REQUIRE(failed);
  BOOST_TEST(failed->getValue<std::string>("code") == sync::errors::kDeviceUnlinked);
  const auto status = this->status();
  BOOST_TEST(!status->getValue<bool>("signed_in"));
  BOOST_TEST(status->getValue<std::string>("state") == ipc::states::kSignedOut);
  BOOST_TEST(status->getValue<std::string>("state_reason") ==
             "This device was unlinked from the account.");
  BOOST_TEST(status->getValue<std::string>("email") ==
             "ana@school.es"); // remembered for signing in again
  BOOST_TEST(status->getValue<std::int64_t>("pending") > 0);
  BOOST_TEST(!std::filesystem::exists(tokenFile));
  const auto loginChanged = inbox.waitFor(notifications::kLoginChanged);
  BOOST_REQUIRE(loginChanged);
  store::Database db(sandbox.path("pupitre.db"));
  BOOST_TEST(model::Classes(db).list().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(sign_out_tells_the_server_and_forgets_the_token, InProcessDaemon)
{
  login();
  const auto status = client->callObject(ipc::methods::kLogout);
  BOOST_TEST(status->getValue<bool>("server_told"));
  BOOST_TEST(!status->getValue<bool>("signed_in"));
  BOOST_TEST(server->logouts == 1);
  BOOST_TEST(server->tokensUsed == std::vector<std::string>{kToken});
  BOOST_TEST(!std::filesystem::exists(tokenFile));
  // Offline, the token is forgotten all the same.
  login();
  server->mode = FakeServer::Mode::Offline;
  BOOST_TEST(!client->callObject(ipc::methods::kLogout)->getValue<bool>("server_told"));
  BOOST_TEST(!std::filesystem::exists(tokenFile));
  try {
    sync();
    BOOST_FAIL("sync while signed out");
  } catch (const ipc::RpcError& e) {
    BOOST_TEST(e.code() == ipc::errors::kNotSignedIn);
  }
}

BOOST_FIXTURE_TEST_CASE(a_device_holding_one_accounts_data_refuses_another_account, InProcessDaemon)
{
  login();
  server->sendRemoteClass = true;
  BOOST_REQUIRE(inbox.waitFor(notifications::kSyncFinished, "id", sync()));
  client->call(ipc::methods::kLogout);
  Object::Ptr params = new Object;
  params->set("server", "http://fake");
  params->set("email", "someone.else@school.es");
  params->set("password", kPassword);
  try {
    client->call(ipc::methods::kLogin, params);
    BOOST_FAIL("signed in to another account");
  } catch (const ipc::RpcError& e) {
    BOOST_TEST(e.reason() == ipc::reasons::kOtherAccount);
    BOOST_TEST(contains(e.what(), "ana@school.es"));
  }
  BOOST_TEST(login()->getValue<bool>("signed_in")); // the same account again is fine
}

BOOST_FIXTURE_TEST_CASE(a_due_schedule_syncs_at_start, InProcessDaemon)
{
  login();
  Object::Ptr params = new Object;
  params->set("minutes", 60);
  client->call(ipc::methods::kSchedule, params); // never synced: due at once
  BOOST_REQUIRE(inbox.waitFor(notifications::kSyncFinished));
  const auto status = this->status();
  BOOST_TEST(status->getValue<int>("schedule_minutes") == 60);
  BOOST_TEST(!status->isNull("next_sync"));
  const int pulls = server->pulls;
  restart(); // synced a moment ago: not due again
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  BOOST_TEST(server->pulls == pulls);
  BOOST_TEST(this->status()->getValue<int>("schedule_minutes") == 60);
}

BOOST_FIXTURE_TEST_CASE(a_scheduled_sync_includes_what_this_device_chose_in_the_app,
                        InProcessDaemon)
{
  login();
  {
    store::Database app(sandbox.path("pupitre.db")); // as the Synchronise dialog saves it
    app.setSetting(sync::settings::kIncludePictures, "1");
    app.setSetting(sync::settings::kIncludeResources, "0");
  }
  Object::Ptr params = new Object;
  params->set("minutes", 60);
  client->call(ipc::methods::kSchedule, params); // never synced: due at once
  const auto started = inbox.waitFor(notifications::kSyncStarted);
  BOOST_REQUIRE(started);
  BOOST_TEST(started->getValue<bool>("data"));
  BOOST_TEST(started->getValue<bool>("pictures"));
  BOOST_TEST(!started->getValue<bool>("resources"));
}

BOOST_FIXTURE_TEST_CASE(while_offline_a_schedule_retries_with_a_growing_delay, InProcessDaemon)
{
  using std::chrono::milliseconds;
  login();
  server->mode = FakeServer::Mode::Offline;
  Object::Ptr params = new Object;
  params->set("minutes", 60);
  client->call(ipc::methods::kSchedule, params);
  BOOST_REQUIRE(inbox.waitForCount(notifications::kSyncFailed, 1, milliseconds(5000)));
  BOOST_TEST(status()->getValue<std::string>("state") == ipc::states::kOffline);
  // Retried 15 s later, then 30 s after that: not a storm, not a give-up.
  clock.advance(14'000);
  BOOST_TEST(!inbox.waitForCount(notifications::kSyncStarted, 2, milliseconds(1500)));
  clock.advance(2'000);
  BOOST_REQUIRE(inbox.waitForCount(notifications::kSyncFailed, 2, milliseconds(5000)));
  clock.advance(16'000);
  BOOST_TEST(!inbox.waitForCount(notifications::kSyncStarted, 3, milliseconds(1500)));
  clock.advance(15'000);
  BOOST_REQUIRE(inbox.waitForCount(notifications::kSyncFailed, 3, milliseconds(5000)));
  // Back online: the next retry succeeds and the schedule returns to its interval.
  server->mode = FakeServer::Mode::Normal;
  clock.advance(60'000);
  BOOST_REQUIRE(inbox.waitFor(notifications::kSyncFinished));
  BOOST_TEST(status()->getValue<std::string>("state") == ipc::states::kIdle);
  const auto started = inbox.count(notifications::kSyncStarted);
  clock.advance(30 * 60'000);
  BOOST_TEST(!inbox.waitForCount(notifications::kSyncStarted, started + 1, milliseconds(1500)));
  clock.advance(31 * 60'000);
  BOOST_TEST(inbox.waitForCount(notifications::kSyncStarted, started + 1, milliseconds(5000)));
}

BOOST_FIXTURE_TEST_CASE(a_sync_asked_for_while_one_runs_follows_it_and_sends_the_latest_edits,
                        InProcessDaemon)
{
  login();
  addClass("4B Maths");
  server->holdPushes = true;
  const std::string first = sync();
  auto pushHeld = [this] {
    std::lock_guard lock(server->mutex);
    return server->pushesHeld > 0;
  };
  for (int i = 0; i < 2000 && !pushHeld(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  BOOST_REQUIRE(pushHeld());
  BOOST_TEST(status()->getValue<std::string>("state") == ipc::states::kSyncing);
  addClass("3A Physics"); // after the running sync read its outbox
  const std::string second = sync();
  BOOST_TEST(second != first);
  BOOST_TEST(sync() == second); // queued requests share one sync
  {
    std::lock_guard lock(server->mutex);
    server->holdPushes = false;
  }
  server->released.notify_all();
  BOOST_REQUIRE(inbox.waitFor(notifications::kSyncFinished, "id", first));
  BOOST_REQUIRE(inbox.waitFor(notifications::kSyncFinished, "id", second));
  BOOST_TEST(status()->getValue<std::int64_t>("pending") == 0);
  BOOST_TEST(inbox.count(notifications::kSyncStarted) == 2u);
}

BOOST_FIXTURE_TEST_CASE(devices_lists_the_account_and_marks_this_one, InProcessDaemon)
{
  login();
  const auto account = client->callObject(ipc::methods::kDevices);
  BOOST_TEST(account->getValue<std::string>("licence") == "multi");
  BOOST_TEST(account->getValue<int>("max_devices") == 3);
  BOOST_TEST(account->getArray("devices")->size() == 1u);
  BOOST_TEST(account->getArray("devices")->getObject(0)->getValue<std::string>("name") == "laptop");
}

BOOST_AUTO_TEST_SUITE_END()
