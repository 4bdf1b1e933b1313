// The hybrid logical clock: stamps never go backwards on a device, whatever its wall clock
// does, they move past every stamp received, they survive closing the database, and their
// physical part follows the clock corrected by the server offset.
#include "pupitre/clock/hlc.h"
#include "pupitre/error.h"
#include "pupitre/store/database.h"
#include "support/sandbox.h"
#include "support/scoped_env.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <vector>

using namespace pupitre;
using clock::Hlc;

namespace {

constexpr std::int64_t kMonday = 1'790'000'000'000; // 2026-09-21T14:13:20Z

// One committed local-edit transaction: the stamp the device gave it.
Hlc nextStamp(store::Database& db)
{
  store::WriteTxn txn(db);
  const Hlc stamp = txn.stamp();
  txn.commit();
  return stamp;
}

std::int64_t systemNowMs()
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(hlc_tests)

BOOST_AUTO_TEST_CASE(a_stamp_packs_milliseconds_and_counter)
{
  const Hlc stamp = clock::makeHlc(kMonday, 42);
  BOOST_TEST(clock::physicalMs(stamp) == static_cast<std::uint64_t>(kMonday));
  BOOST_TEST(clock::counterOf(stamp) == 42u);
  // Comparing stamps as integers orders them by time, then counter.
  BOOST_TEST(clock::makeHlc(kMonday, 65535) < clock::makeHlc(kMonday + 1, 0));
}

BOOST_AUTO_TEST_CASE(a_wall_clock_that_moves_forward_gives_its_time_with_a_zero_counter)
{
  const Hlc first = clock::tick(0, kMonday);
  BOOST_TEST(first == clock::makeHlc(kMonday, 0));
  const Hlc later = clock::tick(clock::makeHlc(kMonday, 7), kMonday + 250);
  BOOST_TEST(later == clock::makeHlc(kMonday + 250, 0));
}

BOOST_AUTO_TEST_CASE(stamps_keep_increasing_when_the_wall_clock_stands_still)
{
  Hlc last = clock::tick(0, kMonday);
  for (int i = 0; i < 1000; ++i) {
    const Hlc next = clock::tick(last, kMonday);
    BOOST_TEST_REQUIRE(next > last);
    BOOST_TEST(clock::physicalMs(next) == static_cast<std::uint64_t>(kMonday));
    last = next;
  }
  BOOST_TEST(clock::counterOf(last) == 1000u);
}

BOOST_AUTO_TEST_CASE(stamps_keep_increasing_when_the_wall_clock_goes_backwards)
{
  Hlc last = clock::tick(0, kMonday);
  // An hour back, then a day back, then before 1970: never a smaller stamp.
  for (const std::int64_t wall :
       {kMonday - 3'600'000, kMonday - 86'400'000, std::int64_t{-5}, std::int64_t{0}}) {
    const Hlc next = clock::tick(last, wall);
    BOOST_TEST(next > last);
    BOOST_TEST(clock::physicalMs(next) == static_cast<std::uint64_t>(kMonday));
    last = next;
  }
  // When the wall clock catches up again, the stamps follow it.
  BOOST_TEST(clock::tick(last, kMonday + 1) == clock::makeHlc(kMonday + 1, 0));
}

BOOST_AUTO_TEST_CASE(a_full_counter_borrows_a_millisecond_and_stays_increasing)
{
  Hlc last = clock::makeHlc(kMonday, 0);
  for (int i = 0; i < 65'536; ++i) {
    const Hlc next = clock::tick(last, kMonday);
    BOOST_TEST_REQUIRE(next > last);
    last = next;
  }
  // 65,535 ticks filled the counter; the 65,536th took the next millisecond.
  BOOST_TEST(last == clock::makeHlc(kMonday + 1, 0));
  // The wall clock at that borrowed millisecond does not give the same stamp twice.
  const Hlc next = clock::tick(last, kMonday + 1);
  BOOST_TEST(next == clock::makeHlc(kMonday + 1, 1));
}

BOOST_AUTO_TEST_CASE(the_clock_refuses_to_wrap_around_at_its_maximum)
{
  const Hlc top = clock::makeHlc(clock::kMaxPhysicalMs, clock::kCounterMask);
  BOOST_CHECK_THROW(clock::tick(top, kMonday), Error);
  // A wall clock beyond 48 bits is not taken as time; the counter moves instead.
  const Hlc last = clock::makeHlc(kMonday, 3);
  BOOST_TEST(clock::tick(last, static_cast<std::int64_t>(clock::kMaxPhysicalMs) + 10) ==
             clock::makeHlc(kMonday, 4));
}

BOOST_AUTO_TEST_CASE(after_observing_a_received_stamp_the_next_tick_passes_it)
{
  const Hlc mine = clock::makeHlc(kMonday, 5);
  const Hlc received = clock::makeHlc(kMonday + 60'000, 9); // another device, a minute ahead
  const Hlc observed = clock::observe(mine, received);
  BOOST_TEST(observed == received);
  const Hlc next = clock::tick(observed, kMonday); // our wall clock is still a minute behind
  BOOST_TEST(next > received);
  BOOST_TEST(next > mine);
  BOOST_TEST(next == clock::makeHlc(kMonday + 60'000, 10));
}

BOOST_AUTO_TEST_CASE(observing_an_older_stamp_changes_nothing)
{
  const Hlc mine = clock::makeHlc(kMonday, 5);
  BOOST_TEST(clock::observe(mine, clock::makeHlc(kMonday - 1000, 80)) == mine);
  BOOST_TEST(clock::tick(clock::observe(mine, 0), kMonday) == clock::makeHlc(kMonday, 6));
}

BOOST_AUTO_TEST_CASE(a_stamp_reads_as_utc_time_with_milliseconds_and_counter)
{
  // 2026-11-28T10:15:02Z is 1795860902 s after the epoch.
  BOOST_TEST(clock::formatHlc(clock::makeHlc(1'795'860'902'123, 4)) ==
             "2026-11-28T10:15:02.123Z#4");
  BOOST_TEST(clock::formatHlc(clock::makeHlc(1'795'860'902'005, 0)) ==
             "2026-11-28T10:15:02.005Z#0");
  BOOST_TEST(clock::formatHlc(0) == "1970-01-01T00:00:00.000Z#0");
  BOOST_TEST(clock::formatHlc(clock::makeHlc(kMonday, 65535)) == "2026-09-21T14:13:20.000Z#65535");
}

BOOST_FIXTURE_TEST_CASE(database_stamps_follow_the_wall_clock, test::DatabaseFixture)
{
  const Hlc first = nextStamp(db);
  BOOST_TEST(first == clock::makeHlc(clock.now(), 0));
  BOOST_TEST(db.lastHlc() == first);
  clock.advance(1500);
  const Hlc second = nextStamp(db);
  BOOST_TEST(second == clock::makeHlc(clock.now(), 0));
}

BOOST_FIXTURE_TEST_CASE(database_stamps_keep_increasing_when_the_clock_is_moved_back,
                        test::DatabaseFixture)
{
  const Hlc first = nextStamp(db);
  clock.advance(-3'600'000); // the teacher's laptop jumps an hour back
  const Hlc second = nextStamp(db);
  const Hlc third = nextStamp(db);
  BOOST_TEST(second > first);
  BOOST_TEST(third > second);
  clock.advance(-86'400'000);
  BOOST_TEST(nextStamp(db) > third);
}

BOOST_AUTO_TEST_CASE(database_stamps_keep_increasing_after_reopening_with_an_earlier_clock)
{
  test::Sandbox sandbox;
  const auto path = sandbox.path("pupitre.db");
  test::ManualClock clock(kMonday);
  Hlc last = 0;
  {
    store::Database db(path, clock.wallClock());
    for (int i = 0; i < 5; ++i) {
      last = nextStamp(db);
    }
  }
  // Reopened on a machine whose clock is a week behind.
  test::ManualClock earlier(kMonday - 7 * 86'400'000);
  store::Database db(path, earlier.wallClock());
  BOOST_TEST(db.lastHlc() == last);
  const Hlc next = nextStamp(db);
  BOOST_TEST(next > last);
  BOOST_TEST(nextStamp(db) > next);
}

BOOST_AUTO_TEST_CASE(the_app_and_the_daemon_on_one_file_share_one_clock)
{
  test::Sandbox sandbox;
  const auto path = sandbox.path("pupitre.db");
  test::ManualClock appClock(kMonday);
  test::ManualClock daemonClock(kMonday + 60'000); // whatever each process reads, one clock
  store::Database app(path, appClock.wallClock());
  store::Database daemon(path, daemonClock.wallClock());
  // Reading from a connection (here: the schema version the About box shows) must not pin
  // it to an old snapshot in which the daemon's stamp is not visible yet.
  BOOST_TEST(app.schemaVersion() >= 1);

  const Hlc fromDaemon = nextStamp(daemon);
  const Hlc fromApp = nextStamp(app);
  BOOST_TEST(fromApp > fromDaemon);
  BOOST_TEST(nextStamp(daemon) > fromApp);
}

BOOST_FIXTURE_TEST_CASE(a_rolled_back_transaction_does_not_move_the_stored_clock,
                        test::DatabaseFixture)
{
  const Hlc committed = nextStamp(db);
  {
    store::WriteTxn txn(db);
    BOOST_TEST(txn.stamp() > committed);
  } // destroyed without commit
  BOOST_TEST(db.lastHlc() == committed);
  BOOST_TEST(nextStamp(db) > committed);
}

BOOST_FIXTURE_TEST_CASE(a_database_moves_its_clock_past_stamps_it_receives, test::DatabaseFixture)
{
  nextStamp(db);
  const Hlc received = clock::makeHlc(clock.now() + 120'000, 3); // a device two minutes ahead
  {
    store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
    txn.observe(received);
    txn.commit();
  }
  BOOST_TEST(db.lastHlc() == received);
  const Hlc next = nextStamp(db);
  BOOST_TEST(next > received);
}

BOOST_FIXTURE_TEST_CASE(the_server_offset_shifts_the_time_of_new_stamps, test::DatabaseFixture)
{
  db.setServerOffsetMs(60'000); // the server's clock is a minute ahead of this device's
  BOOST_TEST(db.serverOffsetMs() == 60'000);
  BOOST_TEST(db.wallMs() == clock.now());
  BOOST_TEST(db.correctedWallMs() == clock.now() + 60'000);
  const Hlc stamp = nextStamp(db);
  BOOST_TEST(clock::physicalMs(stamp) == static_cast<std::uint64_t>(clock.now() + 60'000));
}

BOOST_FIXTURE_TEST_CASE(a_negative_server_offset_puts_new_stamps_earlier, test::DatabaseFixture)
{
  db.setServerOffsetMs(-5'000); // this device runs five seconds fast
  const Hlc stamp = nextStamp(db);
  BOOST_TEST(clock::physicalMs(stamp) == static_cast<std::uint64_t>(clock.now() - 5'000));
}

BOOST_FIXTURE_TEST_CASE(the_server_offset_is_kept_in_the_file, test::DatabaseFixture)
{
  db.setServerOffsetMs(42'000);
  store::Database reopened(db.path(), clock.wallClock());
  BOOST_TEST(reopened.serverOffsetMs() == 42'000);
  BOOST_TEST(clock::physicalMs(nextStamp(reopened)) ==
             static_cast<std::uint64_t>(clock.now() + 42'000));
}

BOOST_AUTO_TEST_CASE(the_skew_variable_shifts_the_system_wall_clock)
{
  const std::int64_t hour = 3'600'000;
  {
    test::ScopedEnv skew("PUPITRE_CLOCK_SKEW_MS", "3600000");
    const auto wall = clock::systemWallClock();
    const std::int64_t before = systemNowMs();
    const std::int64_t skewed = wall();
    const std::int64_t after = systemNowMs();
    BOOST_TEST(skewed >= before + hour);
    BOOST_TEST(skewed <= after + hour);
  }
  {
    test::ScopedEnv skew("PUPITRE_CLOCK_SKEW_MS", "-3600000");
    const auto wall = clock::systemWallClock();
    const std::int64_t before = systemNowMs();
    const std::int64_t skewed = wall();
    const std::int64_t after = systemNowMs();
    BOOST_TEST(skewed >= before - hour);
    BOOST_TEST(skewed <= after - hour);
  }
}

BOOST_AUTO_TEST_CASE(a_malformed_skew_variable_is_ignored)
{
  test::ScopedEnv skew("PUPITRE_CLOCK_SKEW_MS", "an hour");
  const auto wall = clock::systemWallClock();
  const std::int64_t before = systemNowMs();
  const std::int64_t now = wall();
  const std::int64_t after = systemNowMs();
  BOOST_TEST(now >= before);
  BOOST_TEST(now <= after);
}

BOOST_AUTO_TEST_SUITE_END()
