// Devices whose clock is wrong (sync.md, "Hybrid logical clock"; docs/sync-protocol.md,
// "Clocks"): the most recent edit must win by the moment it was made, even when a device's
// clock was set back or ahead after its last sync, with or without a restart of the computer,
// and against a server that accepts less than five minutes of clock advance. The wrong clock
// is played with PUPITRE_CLOCK_SKEW_MS on the device's pupitrectl and pupitred, a restarted
// computer with PUPITRE_BOOT_ID.
#include "cluster.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

using namespace pupitre::e2e;

namespace {

using Env = std::map<std::string, std::string>;

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

Env skewed(std::int64_t ms)
{
  return {{"PUPITRE_CLOCK_SKEW_MS", std::to_string(ms)}};
}

Env skewedAfterReboot(std::int64_t ms)
{
  auto env = skewed(ms);
  env["PUPITRE_BOOT_ID"] = "a-boot-after-the-clock-test-restarted-the-computer";
  return env;
}

// Two devices, A and C (as in issue 12), signed in and synced, sharing a student.
struct TwoDevices
{
  Cluster cluster;
  Device& a;
  Device& c;
  std::string student;

  explicit TwoDevices(Cluster::Options options = {})
      : cluster(std::move(options)), a(cluster[0]), c(cluster[1])
  {
    cluster.loginAll();
    const auto cls = a.write({"class", "add", "4B Mathematics"});
    student = a.write({"student", "add", cls, "Ana", "García"});
    cluster.syncUntilQuiet();
  }

  std::string notesOn(const std::string& exportJson) const
  {
    const auto row = exportedRow(exportJson, "students", student);
    return row ? row->getValue<std::string>("notes") : "(no such student)";
  }

  // Both sync until quiet and hold the same data; the notes everyone sees.
  std::string convergedNotes()
  {
    cluster.syncUntilQuiet();
    return notesOn(cluster.requireConverged());
  }

  // Every device lists `lost` as the value that lost to `won` on the student's notes.
  void requireConflict(const std::string& lost, const std::string& won)
  {
    for (Device* device : {&a, &c}) {
      BOOST_TEST_CONTEXT("device " << device->name())
      {
        const auto found = conflictsOn(device->conflicts(), student, "notes");
        BOOST_REQUIRE_EQUAL(found.size(), 1u);
        BOOST_TEST(found[0]->getValue<std::string>("lost_value") == lost);
        BOOST_TEST(found[0]->getValue<std::string>("won_value") == won);
      }
    }
  }
};

void pauseOneSecond()
{
  std::this_thread::sleep_for(std::chrono::seconds(1));
}

} // namespace

BOOST_AUTO_TEST_SUITE(clock_tests)

// Issue 12, item 2: the corrected time was the wall clock plus the offset measured at the last
// sync, so a clock set back 3 h gave C's new edit the stamp of its previous one plus one.
BOOST_AUTO_TEST_CASE(an_edit_made_after_the_clock_was_set_back_wins_over_an_older_one)
{
  TwoDevices world;
  world.c.write({"student", "update", world.student, "--notes", "c1"});
  pauseOneSecond();
  world.a.write({"student", "update", world.student, "--notes", "a1"});
  pauseOneSecond();

  // C's clock goes 3 h back (its daemon restarts with it); the teacher edits again on C.
  world.c.stop();
  world.c.write({"student", "update", world.student, "--notes", "c2"}, skewed(-3 * kHourMs));
  world.c.start(skewed(-3 * kHourMs));

  world.a.syncOk();
  world.c.syncOk();
  BOOST_TEST(world.convergedNotes() == "c2");
  world.requireConflict("a1", "c2");
  world.cluster.requireIntegrity();
}

// Issue 12, item 3, on the same boot: the boot clock tells that C's clock jumped a day ahead,
// so its edit gets the time it was really made and loses to A's, made a second later.
BOOST_AUTO_TEST_CASE(an_edit_made_after_the_clock_jumped_ahead_loses_to_a_later_one)
{
  TwoDevices world;
  world.c.stop();
  world.c.write({"student", "update", world.student, "--notes", "c1"}, skewed(kDayMs));
  pauseOneSecond();
  world.a.write({"student", "update", world.student, "--notes", "a1"});
  world.c.start(skewed(kDayMs));

  world.a.syncOk();
  world.c.syncOk();
  BOOST_TEST(world.convergedNotes() == "a1");
  world.requireConflict("c1", "a1");
  world.cluster.requireIntegrity();
}

// Issue 12, item 3, after a restart of the computer: the boot clock cannot tell, so C's edit
// is stamped a day ahead and refused by the server; re-stamped at its own time corrected by
// the clock error the server measured (not at the time of the sync), it loses to A's.
BOOST_AUTO_TEST_CASE(an_edit_stamped_a_day_ahead_after_a_reboot_is_restamped_at_its_own_time)
{
  TwoDevices world;
  world.c.stop();
  world.c.write({"student", "update", world.student, "--notes", "c1"}, skewedAfterReboot(kDayMs));
  pauseOneSecond();
  world.a.write({"student", "update", world.student, "--notes", "a1"});
  world.c.start(skewedAfterReboot(kDayMs));

  world.a.syncOk();
  world.c.syncOk(); // refused once (clock_ahead), re-stamped, sent again
  BOOST_TEST(world.c.pending() == 0);
  BOOST_TEST(contains(world.c.log(), "were re-stamped at their edit time"), world.c.log());
  BOOST_TEST(world.convergedNotes() == "a1");
  world.requireConflict("c1", "a1");

  // C's next edit, on the corrected clock, is later than A's.
  world.c.write({"student", "update", world.student, "--notes", "c2"}, skewedAfterReboot(kDayMs));
  BOOST_TEST(world.convergedNotes() == "c2");
  world.cluster.requireIntegrity();
}

// Issue 12, item 4: the daemon re-stamped only beyond its own 5-minute constant, so a server
// allowing 60 s refused a device 3 minutes ahead on every sync for minutes. The server
// announces its limit and the daemon re-stamps by it: the first sync goes through.
BOOST_AUTO_TEST_CASE(a_server_allowing_one_minute_ahead_takes_a_device_three_minutes_ahead)
{
  Cluster cluster({.devices = 2, .serverOptions = {"--max-clock-ahead", "60"}});
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto ahead = skewed(3 * 60'000);
  b.stop();
  b.start(ahead);
  cluster.loginAll();
  const auto cls = b.write({"class", "add", "3C Physics"}, ahead);
  b.write({"student", "add", cls, "Luis", "Pérez", "--notes", "Made three minutes ahead"}, ahead);

  const auto first = b.sync();
  BOOST_TEST_REQUIRE(first.exitCode == 0, "B's first sync failed: " << first.err);
  BOOST_TEST(parseSyncCounts(first.out).sent > 0);
  BOOST_TEST(b.pending() == 0);
  a.syncOk();
  BOOST_TEST(contains(a.data({"list", "students", "--class", cls}).out, "Pérez"));
  cluster.syncUntilQuiet();
  cluster.requireConverged();
}

BOOST_AUTO_TEST_SUITE_END()
