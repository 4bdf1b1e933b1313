// The push size learned from refusals (learned_push_bytes.h): kept per server, doubled after a
// few syncs that pushed under it without a refusal, forgotten at the announced size.
#include "pupitre/sync/engine.h"
#include "pupitre/sync/learned_push_bytes.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {
const std::string kServer = "https://pupitre.school.example";
constexpr std::size_t kAnnounced = std::size_t{8} << 20;
} // namespace

BOOST_FIXTURE_TEST_SUITE(learned_push_bytes, test::DatabaseFixture)

BOOST_AUTO_TEST_CASE(nothing_is_learned_at_first)
{
  BOOST_TEST(!sync::learnedPushBytes(db, kServer));
}

BOOST_AUTO_TEST_CASE(what_is_learned_applies_to_its_server_only)
{
  sync::learnPushBytes(db, kServer, 512 * 1024);
  const auto learned = sync::learnedPushBytes(db, kServer);
  BOOST_TEST_REQUIRE(learned.has_value());
  BOOST_TEST(learned->bytes == 512u * 1024);
  BOOST_TEST(learned->syncsPassed == 0);
  BOOST_TEST(!sync::learnedPushBytes(db, "http://127.0.0.1:8080"));
}

BOOST_AUTO_TEST_CASE(it_doubles_after_syncs_that_passed_and_is_forgotten_at_the_announced_size)
{
  sync::learnPushBytes(db, kServer, std::size_t{2} << 20);
  for (int i = 1; i < sync::kProbeAfterSyncs; ++i) {
    sync::pushPassedUnderLearned(db, kServer, kAnnounced);
    BOOST_TEST(sync::learnedPushBytes(db, kServer)->bytes == std::size_t{2} << 20);
  }
  sync::pushPassedUnderLearned(db, kServer, kAnnounced);
  BOOST_TEST(sync::learnedPushBytes(db, kServer)->bytes == std::size_t{4} << 20);
  BOOST_TEST(sync::learnedPushBytes(db, kServer)->syncsPassed == 0);
  for (int i = 0; i < sync::kProbeAfterSyncs; ++i) {
    sync::pushPassedUnderLearned(db, kServer, kAnnounced);
  }
  BOOST_TEST(!sync::learnedPushBytes(db, kServer)); // 8 MiB: the announced size again
}

BOOST_AUTO_TEST_CASE(a_new_refusal_starts_the_count_again)
{
  sync::learnPushBytes(db, kServer, std::size_t{2} << 20);
  for (int i = 1; i < sync::kProbeAfterSyncs; ++i) {
    sync::pushPassedUnderLearned(db, kServer, kAnnounced);
  }
  sync::learnPushBytes(db, kServer, std::size_t{1} << 20);
  sync::pushPassedUnderLearned(db, kServer, kAnnounced);
  BOOST_TEST(sync::learnedPushBytes(db, kServer)->bytes == std::size_t{1} << 20);
}

BOOST_AUTO_TEST_CASE(a_malformed_setting_is_as_if_nothing_was_learned)
{
  db.setSetting(sync::settings::kPushBytesLearned, "lots");
  BOOST_TEST(!sync::learnedPushBytes(db, kServer));
}

BOOST_AUTO_TEST_SUITE_END()
