// DaemonLink against real processes: no daemon (the app goes on offline), a daemon it starts
// itself, and a signed-in daemon with a server, synchronising to the end.
#include "fixtures/daemon_fixture.h"
#include "gui_sync_fixture.h"
#include "sync/daemon_link.h"
#include "sync/sync_ui.h"

#include "pupitre/ipc/protocol.h"

#include <Poco/Net/ServerSocket.h>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace pupitre;
using gui::DaemonLink;

namespace {

// The pid of the process serving the Unix socket at `path` (SO_PEERCRED), 0 when none.
int peerPid(const std::string& path)
{
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  int pid = 0;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    ucred peer{};
    socklen_t size = sizeof peer;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &size) == 0) {
      pid = peer.pid;
    }
  }
  ::close(fd);
  return pid;
}

int countEvents(DaemonLink& link, const wxEventTypeTag<wxCommandEvent>& type, int& counter)
{
  link.Bind(type, [&counter](wxCommandEvent& event) {
    ++counter;
    event.Skip();
  });
  return counter;
}

} // namespace

BOOST_AUTO_TEST_SUITE(daemon_link_tests)

BOOST_AUTO_TEST_CASE(without_a_daemon_the_link_reports_it_and_requests_fail_with_a_sentence)
{
  test::Sandbox sandbox;
  DaemonLink link(sandbox.path("run/pupitred.sock"), sandbox.path("pupitre.db"));
  int statusEvents = 0;
  countEvents(link, gui::EVT_DAEMON_STATUS, statusEvents);
  link.start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return statusEvents > 0; }, std::chrono::seconds(10)));
  BOOST_TEST(!link.status().reachable);
  BOOST_TEST(!link.status().canSync());
  BOOST_TEST(gui::syncStatusText(link.status(), link.lastReport(), 0).utf8_string() ==
             "Daemon not running — working offline");

  test::Answer answer;
  link.synchronise({}, answer.done());
  BOOST_REQUIRE(answer.wait(std::chrono::seconds(20)));
  BOOST_TEST(answer.error.find("not running") != std::string::npos);
  BOOST_TEST(answer.error.find("offline") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_link_starts_pupitred_when_it_is_not_running_and_it_outlives_the_link)
{
  test::Sandbox sandbox;
  // The detached daemon logs into the data folder: keep that in the sandbox.
  ::setenv("XDG_DATA_HOME", sandbox.path("data").c_str(), 1);
  const std::string socket = sandbox.path("run/pupitred.sock");
  int pid = 0;
  {
    DaemonLink link(socket, sandbox.path("pupitre.db"), PUPITRED);
    link.start(true);
    BOOST_REQUIRE_MESSAGE(
        test::pumpUntil([&] { return link.status().reachable; }, std::chrono::seconds(30)),
        "the link did not reach the pupitred it started");
    BOOST_TEST(link.status().state == ipc::states::kSignedOut);
    BOOST_TEST(link.status().deviceId.size() == 36u);
    pid = peerPid(socket);
  }
  BOOST_REQUIRE(pid > 0);
  BOOST_TEST(::kill(pid, 0) == 0); // still running after the link went away
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 500 && ::kill(pid, 0) == 0; ++i) {
    test::pumpFor(std::chrono::milliseconds(20));
  }
  ::unsetenv("XDG_DATA_HOME");
}

BOOST_AUTO_TEST_CASE(the_link_notices_the_daemon_going_away_and_coming_back)
{
  test::Sandbox sandbox;
  auto daemon = std::make_unique<test::Pupitred>(sandbox);
  DaemonLink link(daemon->socket(), daemon->database());
  link.start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return link.status().reachable; }));
  daemon.reset();
  BOOST_REQUIRE(test::pumpUntil([&] { return !link.status().reachable; }));
  daemon = std::make_unique<test::Pupitred>(sandbox);
  BOOST_TEST(test::pumpUntil([&] { return link.status().reachable; }));
}

BOOST_AUTO_TEST_CASE(signing_in_and_synchronising_through_the_link)
{
  test::Sandbox sandbox;
  test::ServerWithAccount server(sandbox);
  test::Pupitred daemon(sandbox);
  BOOST_REQUIRE(
      test::runProcess(PUPITRECTL, {"--db", daemon.database(), "class", "add", "4B Maths"})
          .exitCode == 0);
  DaemonLink link(daemon.socket(), daemon.database());
  int syncEvents = 0;
  int dataEvents = 0;
  countEvents(link, gui::EVT_DAEMON_SYNC, syncEvents);
  countEvents(link, gui::EVT_DAEMON_DATA_CHANGED, dataEvents);
  link.start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return link.status().reachable; }));
  BOOST_TEST(!link.status().signedIn);
  BOOST_TEST(link.status().whyCannotSync().find("Sign in") != std::string::npos);

  test::Answer wrong;
  link.signIn(server.url(), server.kEmail, "not the password", wrong.done());
  BOOST_REQUIRE(wrong.wait());
  BOOST_TEST(wrong.error == "The server refused the password for ana@school.es. Check it and "
                            "sign in again.");
  BOOST_TEST(!link.status().signedIn);

  test::Answer signedIn;
  link.signIn(server.url(), server.kEmail, server.kPassword, signedIn.done());
  BOOST_REQUIRE(signedIn.wait());
  BOOST_TEST(signedIn.error.empty());
  BOOST_TEST(link.status().signedIn);
  BOOST_TEST(link.status().licence == "multi");
  BOOST_TEST(link.status().email == server.kEmail);
  BOOST_TEST(link.status().canSync());
  BOOST_TEST(link.status().pending > 0);

  test::Answer synced;
  link.synchronise({}, synced.done());
  BOOST_REQUIRE(synced.wait());
  BOOST_TEST(synced.error.empty());
  BOOST_TEST(link.lastReport().finished);
  BOOST_TEST(!link.lastReport().failed);
  BOOST_TEST(link.lastReport().uploaded > 0);
  BOOST_TEST(syncEvents >= 2); // started, finished (progress in between)
  BOOST_REQUIRE(test::pumpUntil([&] { return link.status().lastSyncMs.has_value(); }));
  BOOST_TEST(link.status().pending == 0);
  BOOST_TEST(gui::syncStatusText(link.status(), link.lastReport(), *link.status().lastSyncMs)
                 .utf8_string() == "Synchronised just now");

  bool listed = false;
  std::vector<DaemonLink::Device> devices;
  link.listDevices([&](const std::vector<DaemonLink::Device>& list, const std::string& error) {
    BOOST_TEST(error.empty());
    devices = list;
    listed = true;
  });
  BOOST_REQUIRE(test::pumpUntil([&] { return listed; }));
  BOOST_REQUIRE(devices.size() == 1u);
  BOOST_TEST(devices[0].isThisDevice);
  BOOST_TEST(link.status().storageQuota.has_value());

  test::Answer scheduled;
  link.setSchedule(15, scheduled.done());
  BOOST_REQUIRE(scheduled.wait());
  BOOST_TEST(scheduled.error.empty());
  BOOST_TEST(link.status().scheduleMinutes.value_or(0) == 15);

  test::Answer signedOut;
  link.signOut(signedOut.done());
  BOOST_REQUIRE(signedOut.wait());
  BOOST_TEST(signedOut.error.empty());
  BOOST_TEST(!link.status().signedIn);
  BOOST_TEST(!link.status().canSync());
}

BOOST_AUTO_TEST_CASE(closing_the_app_does_not_wait_for_a_request_in_flight)
{
  test::Sandbox sandbox;
  test::Pupitred daemon(sandbox);
  // A server that takes the connection and never answers: the sign-in waits for minutes.
  Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
  const std::string url = "http://127.0.0.1:" + std::to_string(silent.address().port());
  auto link = std::make_unique<DaemonLink>(daemon.socket(), daemon.database());
  link->start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return link->status().reachable; }));
  bool answered = false;
  link->signIn(url, "ana@school.es", "a long password",
               [&](const std::string&) { answered = true; });
  test::pumpFor(std::chrono::milliseconds(300));
  const auto before = std::chrono::steady_clock::now();
  link.reset();
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - before);
  BOOST_TEST(waited.count() < 3000);
  test::pumpFor(std::chrono::milliseconds(100));
  BOOST_TEST(!answered);
}

BOOST_AUTO_TEST_CASE(a_single_device_licence_is_explained)
{
  test::Sandbox sandbox;
  test::ServerWithAccount server(sandbox, "single");
  test::Pupitred daemon(sandbox);
  DaemonLink link(daemon.socket(), daemon.database());
  link.start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return link.status().reachable; }));
  test::Answer answer;
  link.signIn(server.url(), server.kEmail, server.kPassword, answer.done());
  BOOST_REQUIRE(answer.wait());
  if (answer.error.empty()) { // signed in, but the licence has no sync
    BOOST_TEST(!link.status().canSync());
    BOOST_TEST(link.status().whyCannotSync().find("one device only") != std::string::npos);
  } else {
    BOOST_TEST(answer.error.find("one device only") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
