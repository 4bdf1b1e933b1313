// Conflicts a device reports in a push (docs/sync-protocol.md, "Reported conflicts"): the loss
// of its own edit, beaten on the device by a newer write it pulled before the edit was sent.
// The server keeps each once, under the id devices compute, and only when it holds the winner
// or a newer version; a report of another device's loss is refused.
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct TwoDevices : ServiceFixture
{
  TwoDevices()
  {
    addAccount(kEmail);
    a = login(kEmail, "A");
    b = login(kEmail, "B");
    push(b, 1, {won()});
  }
  sync::FieldWrite won() const
  {
    return fieldWrite("class", "c", "name", store::Value{std::string("B's")}, wonStamp);
  }
  sync::Conflict report(const std::string& lostDevice = "A") const
  {
    sync::Conflict c;
    c.table = "class";
    c.rowId = "c";
    c.field = "name";
    c.lostValue = store::Value{std::string("A's")};
    c.lostStamp = stampAt(clock.now() - 2000, lostDevice);
    c.wonValue = store::Value{std::string("B's")};
    c.wonStamp = wonStamp;
    return c;
  }
  server::Outcome<sync::PushResult> pushReports(std::int64_t batch,
                                                std::vector<sync::Conflict> reports)
  {
    sync::PushRequest request;
    request.batch = batch;
    request.conflicts = std::move(reports);
    return service.push(a, request);
  }
  sync::Stamp wonStamp = stampAt(clock.now() - 1000, "B");
  std::string a;
  std::string b;
};

} // namespace

BOOST_AUTO_TEST_SUITE(conflict_reports)

BOOST_FIXTURE_TEST_CASE(a_reported_loss_is_kept_once_under_the_devices_id, TwoDevices)
{
  const auto first = pushReports(1, {report()});
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST(first.value().conflicts == 1);
  BOOST_TEST(first.value().applied == 0);
  // The same batch again, then the same entry in a new batch: still one entry.
  BOOST_TEST(pushReports(1, {report()}).value().conflicts == 1);
  BOOST_TEST(pushReports(2, {report()}).value().conflicts == 0);

  const auto page = pullAll(b);
  BOOST_TEST_REQUIRE(page.conflicts.size() == 1u);
  const auto& c = page.conflicts[0];
  BOOST_TEST(c.id == sync::conflictId("c", "name", report().lostStamp));
  BOOST_TEST(store::toText(c.lostValue) == "A's");
  BOOST_TEST(c.lostStamp == report().lostStamp);
  BOOST_TEST(c.wonStamp == wonStamp);
  BOOST_TEST(store::toText(valueIn(page.changes, "c", "name").value()) == "B's");
}

BOOST_FIXTURE_TEST_CASE(a_loss_to_a_winner_the_server_never_had_is_ignored, TwoDevices)
{
  auto unknown = report();
  unknown.wonStamp = stampAt(clock.now() - 500, "B"); // newer than anything B pushed
  const auto result = pushReports(1, {unknown});
  BOOST_TEST_REQUIRE(result.ok());
  BOOST_TEST(result.value().conflicts == 0);
  BOOST_TEST(pullAll(b).conflicts.empty());

  auto unknownRecord = report();
  unknownRecord.rowId = "never-pushed";
  BOOST_TEST(pushReports(2, {unknownRecord}).value().conflicts == 0);
}

BOOST_FIXTURE_TEST_CASE(a_loss_superseded_since_is_still_kept, TwoDevices)
{
  push(b, 2,
       {fieldWrite("class", "c", "name", store::Value{std::string("B's again")},
                   stampAt(clock.now() - 100, "B"), wonStamp)});
  BOOST_TEST(pushReports(1, {report()}).value().conflicts == 1);
}

BOOST_FIXTURE_TEST_CASE(reports_of_another_devices_loss_or_of_no_loss_are_refused, TwoDevices)
{
  const auto others = pushReports(1, {report("B")});
  BOOST_TEST_REQUIRE(!others.ok());
  BOOST_TEST(others.error().status == 400);
  BOOST_TEST(others.error().message.find("its own edits") != std::string::npos,
             others.error().message);

  auto notOlder = report();
  notOlder.lostStamp = stampAt(clock.now(), "A");
  BOOST_TEST(!pushReports(2, {notOlder}).ok());

  auto unknownField = report();
  unknownField.field = "no_such_field";
  BOOST_TEST(!pushReports(3, {unknownField}).ok());

  std::vector<sync::Conflict> tooMany(sync::kMaxPushConflicts + 1, report());
  BOOST_TEST(!pushReports(4, tooMany).ok());
  BOOST_TEST(pullAll(b).conflicts.empty()); // nothing kept from refused batches
}

BOOST_AUTO_TEST_SUITE_END()
