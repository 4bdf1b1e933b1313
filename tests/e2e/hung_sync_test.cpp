// A sync that hangs can be left (issue 13, item 5): a server that accepts a request and never
// answers ends the sync "offline" within the daemon's read timeout, and `sync.cancel`
// (`pupitrectl sync --cancel`) stops a sync held at the server at once. Either way nothing is
// lost: the changes stay pending, an in-flight batch is sent again and applied once.
#include "cluster.h"
#include "request_gate.h"
#include "sync_watch.h"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace pupitre::e2e;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPush = "/api/v1/push";

void loginThrough(const Device& device, const std::string& url)
{
  const auto result = device.login(url);
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "login failed: " << result.err);
}

// The class A wrote reached the server (and only once: one class of that name).
void requireOnServer(Cluster& cluster, const std::string& classId)
{
  const auto all = cluster.server.exportAccount();
  BOOST_TEST(exportedRow(all, "classes", classId));
}

} // namespace

BOOST_AUTO_TEST_SUITE(hung_sync_tests)

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_ends_the_sync_offline_within_the_timeout)
{
  Cluster cluster({.devices = 1});
  Device& a = cluster[0];
  // The daemon's timeouts are 15 s to connect and 30 s per read; 2 s here.
  a.stop();
  a.start({{"PUPITRE_SERVER_TIMEOUT_S", "2"}});
  RequestGate gate(cluster.server.port());
  loginThrough(a, gate.url());
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  a.write({"student", "add", cls, "Ana", "García"});
  const auto pending = a.pending();
  BOOST_TEST_REQUIRE(pending > 0);

  gate.holdFrom(kPush, 1); // the server "accepts" the push and never answers
  SyncWatch watch(a.socket());
  BOOST_TEST_REQUIRE(gate.waitForHeld().has_value());
  // Well before the old 120 s read timeout.
  BOOST_TEST(watch.waitForEnd(20s) == "failed");
  const auto status = a.status();
  BOOST_TEST(status->getValue<std::string>("state") == "offline");
  BOOST_TEST(contains(status->getValue<std::string>("state_reason"), "Couldn't reach the server"),
             status->getValue<std::string>("state_reason"));
  BOOST_TEST(a.pending() == pending); // nothing was acknowledged, nothing is lost

  gate.open(); // the held batch reaches the server now; its answer finds no one
  a.syncOk();  // the in-flight batch is sent again and applied once
  BOOST_TEST(a.pending() == 0);
  requireOnServer(cluster, cls);
  BOOST_TEST(a.status()->getValue<std::string>("state") == "idle");
}

BOOST_AUTO_TEST_CASE(cancel_stops_a_sync_held_at_the_server_at_once_and_loses_nothing)
{
  Cluster cluster({.devices = 1});
  Device& a = cluster[0];
  RequestGate gate(cluster.server.port());
  loginThrough(a, gate.url());
  const auto none = a.ctl({"sync", "--cancel"});
  BOOST_TEST(none.exitCode == 0, none.err);
  BOOST_TEST(contains(none.out, "No sync is running."), none.out);

  const auto cls = a.write({"class", "add", "4B Mathematics"});
  a.write({"student", "add", cls, "Ana", "García"});
  const auto pending = a.pending();

  gate.holdFrom(kPush, 1);
  SyncWatch watch(a.socket());
  BOOST_TEST_REQUIRE(gate.waitForHeld().has_value());
  const auto cancel = a.ctl({"sync", "--cancel"});
  BOOST_TEST(cancel.exitCode == 0, cancel.err);
  BOOST_TEST(contains(cancel.out, "Cancelled " + watch.syncId()), cancel.out);
  // Far sooner than the daemon's 30 s read timeout could end it.
  BOOST_TEST(watch.waitForEnd(10s) == "failed");
  const auto status = a.status();
  BOOST_TEST(status->getValue<std::string>("state") == "idle");
  BOOST_TEST(a.pending() == pending);
  BOOST_TEST(contains(a.log(), "cancelled"));

  gate.open(); // the abandoned batch reaches the server after all
  a.syncOk();  // sent again as the same batch: applied once
  BOOST_TEST(a.pending() == 0);
  requireOnServer(cluster, cls);
  const auto students = parseObject(cluster.server.exportAccount())->getArray("students");
  BOOST_TEST(students->size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
