// No echo (docs/sync-protocol.md, "No echo"): a device's pull leaves out what its own pushes
// wrote — it holds those versions already — while its cursor still moves past them, and
// everything else (other devices' writes, conflicts) still comes down.
#include "cluster.h"
#include "sync_watch.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

namespace {

struct Watched
{
  std::int64_t pushed = 0; // writes and conflicts the push sent (its last progress)
  std::int64_t pulled = 0; // writes and conflicts the pull received (its last progress)
};

// A sync of `device` watched from inside: what its push sent and its pull received.
Watched watchedSync(Device& device)
{
  SyncWatch watch(device.socket());
  BOOST_REQUIRE(watch.waitForEnd() == "finished");
  Watched w;
  if (const auto push = watch.lastProgress("push")) {
    w.pushed = push->done;
  }
  if (const auto pull = watch.lastProgress("pull")) {
    w.pulled = pull->done;
  }
  return w;
}

} // namespace

BOOST_AUTO_TEST_SUITE(no_echo_tests)

BOOST_AUTO_TEST_CASE(a_device_pulls_none_of_its_own_writes_back_after_pushing)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];

  const auto cls = a.write({"class", "add", "4B Mathematics", "--subject", "Maths"});
  const auto ana = a.write({"student", "add", cls, "Ana", "García"});
  const auto luis = a.write({"student", "add", cls, "Luis", "Pérez"});
  const auto test1 = a.write({"assessment", "add", cls, "Fractions", "--date", "2026-10-05"});
  a.write({"mark", "set", ana, test1, "8,5", "--comment", "Very good"});
  a.write({"mark", "set", luis, test1, "4"});
  const auto written = a.pending();
  BOOST_REQUIRE(written > 0);

  // A pushes all of it and pulls nothing back: the server holds nothing A has not.
  const auto first = watchedSync(a);
  BOOST_TEST(first.pushed == written);
  BOOST_TEST(first.pulled == 0);
  BOOST_TEST(a.pending() == 0);

  // B still gets everything.
  const auto fresh = watchedSync(b);
  BOOST_TEST(fresh.pulled >= written);
  BOOST_TEST(b.exportJson() == a.exportJson());

  // B's edit comes down to A, and only that: A's cursor moved past its own writes.
  b.write({"student", "update", luis, "--notes", "Sits at the front"});
  const auto edited = watchedSync(b);
  BOOST_TEST(edited.pushed > 0);
  BOOST_TEST(edited.pulled == 0);
  const auto back = watchedSync(a);
  BOOST_TEST(back.pushed == 0);
  BOOST_TEST(back.pulled == edited.pushed);
  BOOST_TEST(exportedRow(a.exportJson(), "students", luis)->getValue<std::string>("notes") ==
             "Sits at the front");
  cluster.requireConverged();
  cluster.requireIntegrity();
}

BOOST_AUTO_TEST_CASE(a_conflict_a_devices_own_push_caused_still_comes_down_to_it)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "1A History"});
  const auto marta = a.write({"student", "add", cls, "Marta", "Ruiz"});
  cluster.syncUntilQuiet();

  // B edits first, A later: A's push wins and the server records B's value as lost.
  b.write({"student", "update", marta, "--notes", "from B"});
  waitForLaterEditTime();
  a.write({"student", "update", marta, "--notes", "from A"});
  BOOST_TEST(watchedSync(b).pushed == 1);
  const auto winner = watchedSync(a);
  BOOST_TEST(winner.pushed == 1);
  BOOST_TEST(winner.pulled == 1); // the conflict entry, not A's own notes
  BOOST_TEST(conflictsOn(a.conflicts(), marta, "notes").size() == 1u);
  cluster.syncUntilQuiet();
  BOOST_TEST(conflictsOn(b.conflicts(), marta, "notes").size() == 1u);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_SUITE_END()
