// The boot clock rule (docs/sync-protocol.md, "Clocks"): between syncs, a wall clock set back
// or ahead is corrected by "server time at the last sync + boot-clock time elapsed" while the
// boot is the same; after a restart of the computer the offset rule alone applies.
#include "pupitre/clock/boot_clock.h"
#include "pupitre/store/database.h"
#include "support/sandbox.h"
#include "support/scoped_env.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using clock::BootTime;
using clock::ClockAnchor;

namespace {

constexpr std::int64_t kMonday = 1'790'000'000'000;
constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;

// A device database on a wall clock and a boot clock that the test moves.
struct BootFixture
{
  test::Sandbox sandbox;
  test::ManualClock wall{kMonday};
  test::ManualBootClock boot{"boot-1"};
  store::Database db{sandbox.path("pupitre.db"), wall.wallClock(), boot.bootClock()};

  // Time passes for everyone: the server's clock, the wall clock and the boot clock.
  void pass(std::int64_t ms)
  {
    wall.advance(ms);
    boot.advance(ms);
    server += ms;
  }
  // The physical time of the next local edit's stamp.
  std::int64_t nextEditMs()
  {
    store::WriteTxn txn(db);
    const auto ms = static_cast<std::int64_t>(clock::physicalMs(txn.stamp()));
    txn.commit();
    return ms;
  }

  std::int64_t server = kMonday + 1500; // the server's clock, 1.5 s ahead of this device's
};

} // namespace

BOOST_AUTO_TEST_SUITE(boot_clock_tests)

BOOST_AUTO_TEST_CASE(the_anchor_tells_the_time_on_the_same_boot_only)
{
  const ClockAnchor anchor{"boot-1", kMonday, 5'000};
  BOOST_TEST(clock::anchoredTimeMs(anchor, {"boot-1", 65'000}).value_or(0) == kMonday + 60'000);
  BOOST_TEST(!clock::anchoredTimeMs(anchor, {"boot-2", 65'000}));
  BOOST_TEST(!clock::anchoredTimeMs(anchor, {"boot-1", 4'000})); // went back: not this boot
  BOOST_TEST(!clock::anchoredTimeMs({"", kMonday, 5'000}, {"", 65'000})); // unknown boot
}

BOOST_AUTO_TEST_CASE(a_wall_clock_that_disagrees_beyond_the_tolerance_is_corrected)
{
  const ClockAnchor anchor{"boot-1", kMonday, 0};
  const BootTime minuteLater{"boot-1", 60'000};
  const std::int64_t truth = kMonday + 60'000;
  // Close enough: the wall clock (with its offset) is believed, as before.
  BOOST_TEST(clock::correctedTimeMs(truth + 1'500, anchor, minuteLater) == truth + 1'500);
  BOOST_TEST(clock::correctedTimeMs(truth - 1'900, anchor, minuteLater) == truth - 1'900);
  // Set back three hours, or ahead a day: the boot clock says the time.
  BOOST_TEST(clock::correctedTimeMs(truth - 3 * kHour, anchor, minuteLater) == truth);
  BOOST_TEST(clock::correctedTimeMs(truth + kDay, anchor, minuteLater) == truth);
  // Another boot, or no anchor yet: the wall clock and offset only.
  BOOST_TEST(clock::correctedTimeMs(truth - 3 * kHour, anchor, {"boot-2", 60'000}) ==
             truth - 3 * kHour);
  BOOST_TEST(clock::correctedTimeMs(truth - 3 * kHour, std::nullopt, minuteLater) ==
             truth - 3 * kHour);
}

BOOST_AUTO_TEST_CASE(the_tolerance_allows_for_the_boot_clocks_drift_over_days)
{
  const ClockAnchor anchor{"boot-1", kMonday, 0};
  const BootTime weekLater{"boot-1", 7 * kDay};
  const std::int64_t anchored = kMonday + 7 * kDay;
  // 0.01 % of a week is 60.48 s: a wall clock 50 s off the boot clock's count is believed.
  BOOST_TEST(clock::correctedTimeMs(anchored + 50'000, anchor, weekLater) == anchored + 50'000);
  BOOST_TEST(clock::correctedTimeMs(anchored - 2 * kHour, anchor, weekLater) == anchored);
}

BOOST_AUTO_TEST_CASE(anchors_are_kept_as_one_line_of_text)
{
  const ClockAnchor anchor{"8c5f0a2e-1d7b-4a8e-9f1e-2b8a3c4d5e6f", kMonday, 123'456};
  const auto parsed = clock::parseAnchor(clock::formatAnchor(anchor));
  BOOST_REQUIRE(parsed);
  BOOST_TEST(parsed->bootId == anchor.bootId);
  BOOST_TEST(parsed->serverMs == kMonday);
  BOOST_TEST(parsed->sinceBootMs == 123'456);
  BOOST_TEST(!clock::parseAnchor(""));
  BOOST_TEST(!clock::parseAnchor("boot-1 12x 5"));
  BOOST_TEST(!clock::parseAnchor("boot-1 12"));
}

BOOST_FIXTURE_TEST_CASE(an_edit_after_the_clock_was_set_back_gets_the_time_it_was_made, BootFixture)
{
  db.observeServerTime(server); // a sync
  BOOST_TEST(db.serverOffsetMs() == 1'500);
  BOOST_REQUIRE(db.clockAnchor());
  BOOST_TEST(db.clockAnchor()->serverMs == server);
  const auto first = nextEditMs();
  BOOST_TEST(first == server);

  pass(10 * 60'000);
  wall.advance(-3 * kHour); // the teacher sets the clock three hours back
  BOOST_TEST(nextEditMs() == server);
  pass(1'000);
  BOOST_TEST(nextEditMs() == server); // and it keeps counting from there
}

BOOST_FIXTURE_TEST_CASE(an_edit_after_the_clock_jumped_ahead_gets_the_time_it_was_made, BootFixture)
{
  db.observeServerTime(server);
  pass(5 * 60'000);
  wall.advance(kDay);
  BOOST_TEST(nextEditMs() == server);
  BOOST_TEST(db.correctedWallMs() == server);
}

BOOST_FIXTURE_TEST_CASE(after_a_reboot_the_offset_rule_alone_applies, BootFixture)
{
  db.observeServerTime(server);
  pass(60'000);
  boot.reboot("boot-2");
  wall.advance(kDay); // a day ahead, and nothing to tell
  BOOST_TEST(db.correctedWallMs() == wall.now() + 1'500);

  // The next sync anchors the new boot and measures the new offset.
  db.observeServerTime(server);
  BOOST_TEST(db.clockAnchor()->bootId == "boot-2");
  BOOST_TEST(db.serverOffsetMs() == 1'500 - kDay);
  pass(1'000);
  BOOST_TEST(nextEditMs() == server);
}

BOOST_FIXTURE_TEST_CASE(the_anchor_is_kept_in_the_file_for_every_program_on_it, BootFixture)
{
  db.observeServerTime(server);
  pass(30'000);
  // pupitrectl, started later with its clock set back a day, on the same boot.
  test::ManualClock behind(wall.now() - kDay);
  store::Database other(db.path(), behind.wallClock(), boot.bootClock());
  BOOST_TEST(other.correctedWallMs() == server);
  // Without a boot clock (tests that move the wall clock by hand): the offset rule.
  store::Database plain(db.path(), behind.wallClock());
  BOOST_TEST(plain.correctedWallMs() == behind.now() + 1'500);
}

BOOST_FIXTURE_TEST_CASE(the_anchor_is_rewritten_only_when_it_is_off_or_old, BootFixture)
{
  db.observeServerTime(server);
  const auto anchored = db.clockAnchor()->serverMs;
  pass(20'000);
  db.observeServerTime(server + 100); // it predicted within 250 ms: no write
  BOOST_TEST(db.clockAnchor()->serverMs == anchored);
  pass(50'000);
  db.observeServerTime(server); // over a minute old: refreshed
  BOOST_TEST(db.clockAnchor()->serverMs == server);
  pass(1'000);
  db.observeServerTime(server + 5'000); // the server's clock was set: refreshed at once
  BOOST_TEST(db.clockAnchor()->serverMs == server + 5'000);
}

BOOST_AUTO_TEST_CASE(the_system_boot_clock_counts_on_and_keeps_its_boot_id)
{
  const auto boot = clock::systemBootClock();
  const BootTime first = boot();
  const BootTime second = boot();
  BOOST_TEST(second.sinceBootMs >= first.sinceBootMs);
  BOOST_TEST(first.sinceBootMs > 0);
  BOOST_TEST(second.bootId == first.bootId);
#ifdef __linux__
  BOOST_TEST(!first.bootId.empty());
  BOOST_TEST(clock::systemBootClock()().bootId == first.bootId);
#endif
}

BOOST_AUTO_TEST_CASE(the_boot_id_variable_plays_a_restarted_computer)
{
  const std::string real = clock::systemBootClock()().bootId;
  test::ScopedEnv reboot("PUPITRE_BOOT_ID", "after restart");
  const BootTime played = clock::systemBootClock()();
  BOOST_TEST(played.bootId == "after_restart"); // one word, as the anchor keeps it
  BOOST_TEST(played.bootId != real);
}

BOOST_AUTO_TEST_SUITE_END()
