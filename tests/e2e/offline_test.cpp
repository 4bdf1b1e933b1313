// Working without the server (sync.md, rules 1, 2 and 5): a device that has never synced, or
// whose server is down, keeps every edit and sends it all when the server is back; the
// daemon says it is offline meanwhile.
#include "cluster.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

BOOST_AUTO_TEST_SUITE(offline_tests)

BOOST_AUTO_TEST_CASE(a_device_that_never_synced_catches_up_with_many_edits)
{
  Cluster cluster;
  Device& a = cluster[0];
  Device& b = cluster[1];
  BOOST_TEST(a.login(cluster.server.url()).exitCode == 0);
  const auto shared = a.write({"class", "add", "Shared class"});
  a.syncOk();

  // B works offline (never signed in) for a whole term: a class, students, marks, and the
  // same mark typed over and over, which stays one pending change.
  const auto cls = b.write({"class", "add", "Offline class"});
  const auto test1 = b.write({"assessment", "add", cls, "Test 1"});
  std::vector<std::string> students;
  for (int i = 0; i < 12; ++i) {
    students.push_back(b.write({"student", "add", cls, "Pupil" + std::to_string(i), "Offline"}));
    b.write({"mark", "set", students.back(), test1, std::to_string(i % 11)});
  }
  const auto before = b.pending();
  for (int value = 0; value <= 10; ++value) {
    b.write({"mark", "set", students[0], test1, std::to_string(value)});
  }
  BOOST_TEST(b.pending() == before); // the outbox is state, not a log
  const auto offlineExport = b.exportJson();

  BOOST_TEST(b.login(cluster.server.url()).exitCode == 0);
  const auto caughtUp = b.syncOk();
  BOOST_TEST(caughtUp.sent == before);
  BOOST_TEST(caughtUp.received > 0); // A's class came down
  BOOST_TEST(b.pending() == 0);
  cluster.syncUntilQuiet();
  const auto all = cluster.requireConverged();
  BOOST_TEST(exportedRow(all, "classes", shared));
  for (const auto& id : students) {
    BOOST_TEST(exportedRow(all, "students", id));
  }
  const auto marks = a.data({"list", "marks", "--class", cls, "--json"});
  BOOST_TEST(marks.exitCode == 0);
  BOOST_TEST(contains(marks.out, "\"value\": 10"), marks.out); // the last value typed
  // Nothing B had offline was changed by the sync: its old export is part of the new one.
  const auto offlineRows = parseObject(offlineExport)->getArray("students");
  BOOST_TEST(offlineRows->size() == students.size());
}

BOOST_AUTO_TEST_CASE(a_server_that_is_down_is_reported_offline_and_edits_wait_for_it)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  cluster.syncUntilQuiet();

  cluster.server.stop();
  std::vector<std::string> added;
  for (int i = 0; i < 5; ++i) {
    added.push_back(a.write({"student", "add", cls, "Pupil" + std::to_string(i), "Down"}));
    const auto sync = a.sync();
    BOOST_TEST(sync.exitCode == 1);
    BOOST_TEST(
        contains(sync.err, "sync failed: Couldn't reach the server at " + cluster.server.url()));
  }
  const auto status = a.status();
  BOOST_TEST(status->getValue<std::string>("state") == "offline");
  BOOST_TEST(contains(status->getValue<std::string>("state_reason"),
                      "Couldn't reach the server at " + cluster.server.url()));
  BOOST_TEST(status->getValue<bool>("signed_in")); // offline is not signed out
  BOOST_TEST(status->getValue<int>("pending") > 0);
  const auto text = a.ctl({"status"});
  BOOST_TEST(contains(text.out, "State:      offline — Couldn't reach the server"));

  // The same data folder, the same port: the edits go up and reach B.
  cluster.server.start();
  const auto back = a.syncOk();
  BOOST_TEST(back.sent > 0);
  BOOST_TEST(a.status()->getValue<std::string>("state") == "idle");
  BOOST_TEST(b.syncOk().received == back.sent);
  const auto all = cluster.requireConverged();
  for (const auto& id : added) {
    BOOST_TEST(exportedRow(all, "students", id));
  }
  cluster.requireIntegrity();
}

BOOST_AUTO_TEST_SUITE_END()
