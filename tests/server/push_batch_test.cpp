// Push batches as a whole: idempotent by batch number, refused entirely (nothing applied)
// for a clock too far ahead or an unknown table or field, licence and tokens checked.
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct OneDevice : ServiceFixture
{
  OneDevice()
  {
    addAccount(kEmail);
    token = login(kEmail, "A");
  }
  sync::FieldWrite name(const std::string& row, const std::string& value, std::int64_t msAgo = 1000)
  {
    return fieldWrite("class", row, "name", store::Value{value}, stampAt(clock.now() - msAgo, "A"));
  }
  std::string token;
};

} // namespace

BOOST_AUTO_TEST_SUITE(push_batch)

BOOST_FIXTURE_TEST_CASE(a_repeated_batch_gets_the_stored_answer_and_applies_nothing, OneDevice)
{
  const auto first = push(token, 1, {name("c1", "5B"), name("c2", "6A")});
  BOOST_TEST(first.batch == 1);
  BOOST_TEST(first.applied == 2);
  const auto before = exportJson(kEmail);
  const auto cursor = pullAll(token).cursor;

  // The reply was lost and the device resends batch 1; even different content is not applied.
  const auto again = push(token, 1, {name("c1", "changed", 10), name("c3", "new", 10)});
  BOOST_TEST(again.batch == first.batch);
  BOOST_TEST(again.applied == first.applied);
  BOOST_TEST(again.ignored == first.ignored);
  BOOST_TEST(again.conflicts == first.conflicts);
  BOOST_TEST(exportJson(kEmail) == before);
  BOOST_TEST(pullAll(token).cursor == cursor);
}

BOOST_FIXTURE_TEST_CASE(an_older_batch_number_is_answered_and_not_applied, OneDevice)
{
  push(token, 1, {name("c1", "5B")});
  push(token, 2, {name("c2", "6A")});
  const auto before = exportJson(kEmail);
  const auto old = push(token, 1, {name("c9", "never", 10)});
  BOOST_TEST(old.batch == 2); // the stored answer of the last batch
  BOOST_TEST(exportJson(kEmail) == before);
}

BOOST_FIXTURE_TEST_CASE(a_batch_number_that_skips_ahead_is_accepted, OneDevice)
{
  push(token, 1, {name("c1", "5B")});
  const auto result = push(token, 7, {name("c2", "6A")});
  BOOST_TEST(result.batch == 7);
  BOOST_TEST(result.applied == 1);
  BOOST_TEST(push(token, 7, {name("c3", "x", 10)}).applied == 1); // the stored answer of 7
  BOOST_TEST(exportJson(kEmail).find("\"x\"") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(each_device_numbers_its_own_batches, OneDevice)
{
  const auto tokenB = login(kEmail, "B");
  push(token, 1, {name("c1", "5B")});
  const auto result =
      service.push(tokenB, {1,
                            {fieldWrite("class", "c2", "name", store::Value{std::string("6A")},
                                        stampAt(clock.now() - 1000, "B"))}});
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(result.value().applied == 1);
}

BOOST_FIXTURE_TEST_CASE(a_stamp_too_far_ahead_refuses_the_whole_batch, OneDevice)
{
  const auto ahead = name("c2", "from the future", -(6 * 60 * 1000)); // 6 minutes ahead
  const auto refused = service.push(token, {1, {name("c1", "5B"), ahead}});
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().status == 409);
  BOOST_TEST(refused.error().code == "clock_ahead");
  BOOST_TEST(refused.error().serverTimeMs == clock.now());
  BOOST_TEST(refused.error().maxClockAheadMs == sync::kMaxClockAheadMs); // the limit it applies
  BOOST_TEST(pullAll(token).changes.empty());

  // Not recorded as applied: the device re-stamps and resends batch 1.
  const auto retried = push(token, 1, {name("c1", "5B"), name("c2", "from the future")});
  BOOST_TEST(retried.applied == 2);
}

BOOST_FIXTURE_TEST_CASE(a_stamp_within_the_allowance_is_accepted, OneDevice)
{
  BOOST_TEST(push(token, 1, {name("c1", "5B", -(4 * 60 * 1000))}).applied == 1);
}

BOOST_AUTO_TEST_CASE(the_allowance_is_configurable)
{
  Sandbox sandbox;
  ManualClock clock;
  const auto opened = openTestStore(sandbox.dir().string());
  auto& store = *opened;
  server::SyncService service(store, {clock.wallClock(), 1000});
  server::AccountAdmin(store, clock.wallClock()).addUser(kEmail, kPassword, "multi");
  const auto token = service.login({kEmail, kPassword, "A", "A"}).value().token;
  const auto refused = service.push(
      token,
      {1, {fieldWrite("class", "c1", "name", store::Value{}, stampAt(clock.now() + 2000, "A"))}});
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == "clock_ahead");
}

BOOST_FIXTURE_TEST_CASE(an_unknown_table_or_field_refuses_the_whole_batch, OneDevice)
{
  for (const auto& bad :
       {fieldWrite("pupil", "p1", "name", store::Value{}, stampAt(clock.now(), "A")),
        fieldWrite("class", "c1", "teacher", store::Value{}, stampAt(clock.now(), "A")),
        fieldWrite("class", "", "name", store::Value{}, stampAt(clock.now(), "A"))}) {
    const auto refused = service.push(token, {1, {name("c1", "5B"), bad}});
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().status == 400);
    BOOST_TEST(refused.error().code == "bad_request");
  }
  BOOST_TEST(pullAll(token).changes.empty());
  BOOST_TEST(push(token, 1, {name("c1", "5B")}).applied == 1);
}

BOOST_FIXTURE_TEST_CASE(a_record_filed_under_two_kinds_refuses_the_batch, OneDevice)
{
  push(token, 1, {name("c1", "5B")});
  const auto refused =
      service.push(token, {2,
                           {name("c2", "6A"), fieldWrite("student", "c1", "email", store::Value{},
                                                         stampAt(clock.now(), "A"))}});
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().status == 400);
  BOOST_TEST(exportJson(kEmail).find("6A") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(pushing_records_when_the_device_was_last_seen, OneDevice)
{
  clock.advance(3600 * 1000);
  push(token, 1, {name("c1", "5B")});
  const auto devices = admin.devices(kEmail);
  BOOST_REQUIRE_EQUAL(devices.size(), 1u);
  BOOST_TEST(devices[0].lastSeenMs == clock.now());
}

BOOST_AUTO_TEST_SUITE_END()
