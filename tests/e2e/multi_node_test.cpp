// Two pupitre-server nodes on one PostgreSQL database (docs/deploy.md, "Past one server"),
// three real daemons each syncing through a load balancer that prefers one node: A and C
// through the first, B through the second. Random edits and concurrent syncs converge; the
// second node is killed (SIGKILL) while it handles B's push, and B fails over to the first
// node and converges with nothing lost. Needs PostgreSQL 15 (scripts/install-deps.sh test).
#include "cluster.h"
#include "request_gate.h"
#include "support/failover_proxy.h"
#include "support/postgres_instance.h"

#include <boost/test/unit_test.hpp>

#include <random>
#include <thread>

using namespace pupitre::e2e;
using pupitre::test::FailoverProxy;
using pupitre::test::PostgresInstance;

namespace {

constexpr const char* kPush = "/api/v1/push";

// Syncs every device at once; the results in device order.
std::vector<ProcessResult> syncAtOnce(Cluster& cluster)
{
  std::vector<ProcessResult> results(cluster.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = cluster[i].sync(); });
  }
  for (auto& t : threads) {
    t.join();
  }
  return results;
}

} // namespace

BOOST_AUTO_TEST_SUITE(multi_node)

BOOST_AUTO_TEST_CASE(three_devices_through_two_nodes_converge_and_survive_a_node_killed_mid_push)
{
  const auto seed = std::random_device{}();
  BOOST_TEST_MESSAGE("seed " << seed);
  std::mt19937 random(seed);
  Cluster cluster({.devices = 3, .database = PostgresInstance::shared().createDatabase()});
  ServerNode second(cluster.server.dataDir());
  second.setDatabase(cluster.server.database());
  second.start();
  FailoverProxy toFirst({cluster.server.port(), second.port()});
  FailoverProxy toSecond({second.port(), cluster.server.port()});
  // B's requests pass a gate first, so that the second node is killed while it has B's push.
  RequestGate gateB(toSecond.port());
  Device& a = cluster[0];
  Device& b = cluster[1];
  Device& c = cluster[2];
  BOOST_REQUIRE(a.login(toFirst.url()).exitCode == 0);
  BOOST_REQUIRE(b.login(gateB.url()).exitCode == 0);
  BOOST_REQUIRE(c.login(toFirst.url()).exitCode == 0);

  const auto cls = a.write({"class", "add", "1A History"});
  cluster.syncUntilQuiet();
  std::vector<std::string> students;
  // Rounds of random edits on every device, then every device syncs at once.
  for (int round = 0; round < 4; ++round) {
    for (std::size_t d = 0; d < cluster.size(); ++d) {
      const int added = 1 + static_cast<int>(random() % 3);
      for (int i = 0; i < added; ++i) {
        students.push_back(
            cluster[d].write({"student", "add", cls, "Given" + std::to_string(students.size()),
                              "Family" + cluster[d].name()}));
      }
      const auto& someone = students[random() % students.size()];
      // The student may not have reached this device yet: then the edit is refused.
      cluster[d].data({"student", "update", someone, "--notes",
                       "round " + std::to_string(round) + " by " + cluster[d].name()});
    }
    for (const auto& result : syncAtOnce(cluster)) {
      BOOST_TEST(result.exitCode == 0, result.err);
    }
  }
  cluster.syncUntilQuiet();
  cluster.requireConverged();
  BOOST_TEST(toSecond.connections()[0] > 0); // B did go through the second node

  // B saves many students; its push reaches the second node, which is killed at once.
  for (int i = 0; i < 150; ++i) {
    students.push_back(b.write({"student", "add", cls, "Late" + std::to_string(i), "FamilyB"}));
  }
  a.write({"student", "update", students.front(), "--notes", "A while B pushes"});
  gateB.holdFrom(kPush, 1);
  std::thread syncB([&] { b.sync(); });
  BOOST_REQUIRE(gateB.waitForHeld().has_value());
  gateB.passOne();
  std::this_thread::sleep_for(std::chrono::milliseconds(random() % 30));
  second.kill();
  gateB.open();
  syncB.join();
  // A and C sync meanwhile through the first node; then everyone until nothing moves: B's
  // balancer finds the second node down and sends B to the first.
  const int firstBefore = toSecond.connections()[1];
  cluster.syncUntilQuiet(10);
  BOOST_TEST(toSecond.connections()[1] > firstBefore);
  const auto all = cluster.requireConverged();
  int missing = 0;
  for (const auto& id : students) {
    missing += exportedRow(all, "students", id) ? 0 : 1;
  }
  BOOST_TEST(missing == 0, missing << " of " << students.size() << " students were lost");
}

BOOST_AUTO_TEST_SUITE_END()
