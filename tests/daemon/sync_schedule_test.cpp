// When pupitred syncs by itself: the interval after the last success, at once when never
// synced, a doubling retry delay capped at 5 minutes (and at the interval) while offline.
#include "sync_schedule.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::daemon;
using std::chrono::milliseconds;

BOOST_AUTO_TEST_SUITE(sync_schedule_tests)

BOOST_AUTO_TEST_CASE(the_schedule_counts_from_the_last_successful_sync)
{
  BOOST_TEST(!nextAutomaticSync(std::nullopt, 1'000, std::nullopt).has_value()); // off
  BOOST_TEST(!nextAutomaticSync(0, 1'000, std::nullopt).has_value());
  BOOST_TEST(*nextAutomaticSync(15, std::nullopt, std::nullopt) == 0); // never synced: now
  BOOST_TEST(*nextAutomaticSync(15, 1'000'000, std::nullopt) == 1'000'000 + 15 * 60'000);
  // After a failure the retry time wins, earlier or later.
  BOOST_TEST(*nextAutomaticSync(15, 1'000'000, 1'030'000) == 1'030'000);
  BOOST_TEST(!nextAutomaticSync(std::nullopt, 1'000'000, 1'030'000).has_value());
}

BOOST_AUTO_TEST_CASE(offline_retries_double_up_to_five_minutes_and_never_past_the_interval)
{
  BOOST_TEST(offlineRetryDelay(1, 60).count() == 15'000);
  BOOST_TEST(offlineRetryDelay(2, 60).count() == 30'000);
  BOOST_TEST(offlineRetryDelay(3, 60).count() == 60'000);
  BOOST_TEST(offlineRetryDelay(5, 60).count() == 240'000);
  BOOST_TEST(offlineRetryDelay(6, 60) == kMaxRetryDelay);
  BOOST_TEST(offlineRetryDelay(1000, 60) == kMaxRetryDelay);
  BOOST_TEST(offlineRetryDelay(6, 2).count() == 120'000); // every 2 minutes: never wait longer
  BOOST_TEST(offlineRetryDelay(1, std::nullopt).count() == 15'000);
}

BOOST_AUTO_TEST_SUITE_END()
