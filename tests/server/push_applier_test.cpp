// Push semantics (sync.md): per-field last-writer-wins by edit time, liveness as a field,
// conflicts with their loser; through SyncService and SQLite, and once on a bare VersionStore.
#include "server/sync/push_applier.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";
const std::string kRow = "0190a1b2-0000-7000-8000-000000000001";

store::Value text(const std::string& s)
{
  return store::Value{s};
}
const store::Value kDeleted{std::int64_t{1}};
const store::Value kAlive{std::int64_t{0}};

struct TwoDevices : ServiceFixture
{
  TwoDevices()
  {
    addAccount(kEmail);
    tokenA = login(kEmail, "A");
    tokenB = login(kEmail, "B");
    t0 = clock.now() - 60 * 60 * 1000; // an hour ago
  }
  // The minute `m` after t0, by `device`.
  sync::Stamp at(int minute, const std::string& device)
  {
    return stampAt(t0 + minute * 60 * 1000, device);
  }
  std::vector<sync::FieldWrite> current() { return pullAll(tokenA).changes; }
  std::vector<sync::Conflict> conflicts() { return pullAll(tokenA).conflicts; }
  bool exported(const std::string& row)
  {
    return exportJson(kEmail).find(row) != std::string::npos;
  }

  std::string tokenA;
  std::string tokenB;
  std::int64_t t0 = 0;
};

} // namespace

BOOST_AUTO_TEST_SUITE(push_applier)

BOOST_FIXTURE_TEST_CASE(an_older_edit_synced_last_loses_and_is_kept_as_a_conflict, TwoDevices)
{
  push(tokenB, 1, {fieldWrite("student", kRow, "given_name", text("Tuesday"), at(20, "B"))});
  const auto result =
      push(tokenA, 1, {fieldWrite("student", kRow, "given_name", text("Monday"), at(10, "A"))});
  BOOST_TEST(result.applied == 0);
  BOOST_TEST(result.ignored == 1);
  BOOST_TEST(result.conflicts == 1);
  BOOST_TEST(store::toText(*valueIn(current(), kRow, "given_name")) == "Tuesday");

  const auto list = conflicts();
  BOOST_REQUIRE_EQUAL(list.size(), 1u);
  BOOST_TEST(list[0].id == sync::conflictId(kRow, "given_name", at(10, "A")));
  BOOST_TEST(store::toText(list[0].lostValue) == "Monday");
  BOOST_TEST(list[0].lostStamp == at(10, "A"));
  BOOST_TEST(store::toText(list[0].wonValue) == "Tuesday");
  BOOST_TEST(list[0].wonStamp == at(20, "B"));
}

BOOST_FIXTURE_TEST_CASE(a_newer_edit_synced_last_wins, TwoDevices)
{
  push(tokenA, 1, {fieldWrite("student", kRow, "given_name", text("Monday"), at(10, "A"))});
  const auto result =
      push(tokenB, 1, {fieldWrite("student", kRow, "given_name", text("Tuesday"), at(20, "B"))});
  BOOST_TEST(result.applied == 1);
  BOOST_TEST(result.conflicts == 1);
  BOOST_TEST(store::toText(*valueIn(current(), kRow, "given_name")) == "Tuesday");
  BOOST_TEST(store::toText(conflicts().at(0).lostValue) == "Monday");
}

BOOST_FIXTURE_TEST_CASE(edits_of_different_fields_are_both_kept, TwoDevices)
{
  push(tokenA, 1, {fieldWrite("student", kRow, "given_name", text("Ana"), at(10, "A"))});
  push(tokenB, 1, {fieldWrite("student", kRow, "email", text("ana@x.es"), at(5, "B"))});
  const auto now = current();
  BOOST_TEST(store::toText(*valueIn(now, kRow, "given_name")) == "Ana");
  BOOST_TEST(store::toText(*valueIn(now, kRow, "email")) == "ana@x.es");
  BOOST_TEST(conflicts().empty());
}

BOOST_FIXTURE_TEST_CASE(an_edit_made_on_top_of_the_current_value_is_no_conflict, TwoDevices)
{
  push(tokenA, 1, {fieldWrite("student", kRow, "given_name", text("Ana"), at(10, "A"))});
  const auto result =
      push(tokenB, 1,
           {fieldWrite("student", kRow, "given_name", text("Anna"), at(20, "B"), at(10, "A"))});
  BOOST_TEST(result.applied == 1);
  BOOST_TEST(result.conflicts == 0);
  BOOST_TEST(conflicts().empty());
}

BOOST_FIXTURE_TEST_CASE(equal_times_break_the_tie_on_the_device_id, TwoDevices)
{
  push(tokenB, 1, {fieldWrite("student", kRow, "given_name", text("from B"), at(10, "B"))});
  push(tokenA, 1, {fieldWrite("student", kRow, "given_name", text("from A"), at(10, "A"))});
  BOOST_TEST(store::toText(*valueIn(current(), kRow, "given_name")) == "from B"); // "B" > "A"
}

BOOST_FIXTURE_TEST_CASE(delete_then_a_later_concurrent_edit_keeps_the_record, TwoDevices)
{
  push(tokenA, 1, {fieldWrite("student", kRow, "given_name", text("Ana"), at(0, "A"))});
  push(tokenA, 2, {fieldWrite("student", kRow, "deleted", kDeleted, at(10, "A"), at(0, "A"))});
  BOOST_TEST(!exported(kRow));
  // B edited later, without having seen the deletion.
  push(tokenB, 1,
       {fieldWrite("student", kRow, "given_name", text("Anna"), at(20, "B"), at(0, "A"))});
  BOOST_TEST(exported(kRow));
  BOOST_TEST(exportJson(kEmail).find("Anna") != std::string::npos);
  BOOST_TEST(store::toText(*valueIn(current(), kRow, "deleted")) == "0");

  const auto list = conflicts();
  BOOST_REQUIRE_EQUAL(list.size(), 1u);
  BOOST_TEST(list[0].field == "deleted");
  BOOST_TEST(store::toText(list[0].lostValue) == "1");
  BOOST_TEST(list[0].lostStamp == at(10, "A"));
}

BOOST_AUTO_TEST_CASE(edit_then_a_later_delete_removes_the_record_in_either_order_of_arrival)
{
  std::vector<std::string> exports;
  std::vector<std::vector<sync::Conflict>> lists;
  for (const bool editArrivesFirst : {true, false}) {
    TwoDevices f;
    f.push(f.tokenA, 1, {fieldWrite("student", kRow, "given_name", text("Ana"), f.at(0, "A"))});
    const auto edit =
        fieldWrite("student", kRow, "given_name", text("Anna"), f.at(10, "B"), f.at(0, "A"));
    const auto del = fieldWrite("student", kRow, "deleted", kDeleted, f.at(20, "A"), f.at(0, "A"));
    if (editArrivesFirst) {
      f.push(f.tokenB, 1, {edit});
      f.push(f.tokenA, 2, {del});
    } else {
      f.push(f.tokenA, 2, {del});
      f.push(f.tokenB, 1, {edit});
    }
    BOOST_TEST(!f.exported(kRow));
    // The tombstone keeps the last values: restoring brings the edit back.
    BOOST_TEST(store::toText(*valueIn(f.current(), kRow, "given_name")) == "Anna");
    exports.push_back(f.exportJson(kEmail));
    lists.push_back(f.conflicts());
  }
  BOOST_TEST(exports[0] == exports[1]);
  for (const auto& list : lists) {
    BOOST_REQUIRE_EQUAL(list.size(), 1u);
    BOOST_TEST(list[0].field == "deleted");
    BOOST_TEST(store::toText(list[0].lostValue) == "0"); // the edit's "alive" lost
    BOOST_TEST(list[0].id == lists[0][0].id);
  }
}

BOOST_FIXTURE_TEST_CASE(deleted_wins_a_tie_with_an_edit_of_the_same_stamp, TwoDevices)
{
  push(tokenA, 1,
       {fieldWrite("student", kRow, "given_name", text("Ana"), at(10, "A")),
        fieldWrite("student", kRow, "deleted", kDeleted, at(10, "A"))});
  BOOST_TEST(!exported(kRow));
  // Arriving in two batches, in the other order, gives the same.
  push(tokenB, 1, {fieldWrite("class", "c1", "deleted", kDeleted, at(10, "B"))});
  push(tokenB, 2, {fieldWrite("class", "c1", "name", text("5B"), at(10, "B"))});
  BOOST_TEST(!exported("c1"));
  BOOST_TEST(conflicts().empty());
}

BOOST_FIXTURE_TEST_CASE(restoring_a_deleted_record_is_no_conflict, TwoDevices)
{
  push(tokenA, 1, {fieldWrite("student", kRow, "given_name", text("Ana"), at(0, "A"))});
  push(tokenA, 2, {fieldWrite("student", kRow, "deleted", kDeleted, at(10, "A"), at(0, "A"))});
  // B saw the deletion, then restored the record and edited it in one transaction.
  const auto result =
      push(tokenB, 1,
           {fieldWrite("student", kRow, "given_name", text("Anna"), at(20, "B"), at(0, "A")),
            fieldWrite("student", kRow, "deleted", kAlive, at(20, "B"), at(10, "A"))});
  BOOST_TEST(exported(kRow));
  BOOST_TEST(result.conflicts == 0);
  BOOST_TEST(conflicts().empty());
}

BOOST_FIXTURE_TEST_CASE(a_changed_liveness_is_pulled_and_an_unchanged_one_is_not, TwoDevices)
{
  push(tokenA, 1, {fieldWrite("class", "c1", "name", text("5B"), at(0, "A"))});
  // A liveness that only follows from field writes is derived by devices: not sent.
  BOOST_TEST(!valueIn(current(), "c1", "deleted"));
  push(tokenA, 2, {fieldWrite("class", "c1", "deleted", kDeleted, at(5, "A"))});
  const auto cursor = pullAll(tokenB).cursor;
  push(tokenB, 1, {fieldWrite("class", "c1", "name", text("5C"), at(10, "B"))});
  const auto page = pullAll(tokenB, cursor);
  BOOST_TEST(store::toText(*valueIn(page.changes, "c1", "deleted")) == "0");
  BOOST_TEST(store::toText(*valueIn(page.changes, "c1", "name")) == "5C");
}

BOOST_AUTO_TEST_CASE(the_decision_logic_runs_on_any_version_store)
{
  // A map-backed store, as a PostgreSQL backend would be one more implementation.
  struct MapStore : server::VersionStore
  {
    std::map<std::pair<std::string, std::string>, server::StoredVersion> versions;
    std::map<std::string, sync::Conflict> conflictList;
    std::int64_t seq = 0;
    std::optional<server::StoredVersion> version(const std::string& row,
                                                 const std::string& field) override
    {
      const auto it = versions.find({row, field});
      return it == versions.end() ? std::nullopt : std::optional(it->second);
    }
    std::optional<std::string> rowTable(const std::string& row) override
    {
      const auto it = versions.lower_bound({row, ""});
      return it != versions.end() && it->first.first == row ? std::optional(it->second.table)
                                                            : std::nullopt;
    }
    void putVersion(const server::StoredVersion& v) override { versions[{v.rowId, v.field}] = v; }
    std::int64_t nextSeq() override { return ++seq; }
    bool addConflict(const sync::Conflict& c) override
    {
      return conflictList.emplace(c.id, c).second;
    }
  } mapStore;

  server::PushApplier applier(mapStore);
  const sync::Stamp early{clock::makeHlc(1000, 0), "A"};
  const sync::Stamp late{clock::makeHlc(2000, 0), "B"};
  BOOST_REQUIRE(applier.apply({fieldWrite("mark", "m1", "value", store::Value{12.5}, late)}).ok());
  const auto result = server::PushApplier(mapStore).apply(
      {fieldWrite("mark", "m1", "value", store::Value{9.0}, early)});
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(result.value().conflicts == 1);
  BOOST_TEST(std::get<double>(mapStore.versions.at({"m1", "value"}).value) == 12.5);
  BOOST_TEST(mapStore.versions.at({"m1", "deleted"}).stamp == late);
  BOOST_TEST(mapStore.versions.at({"m1", "value"}).seq == 1);

  const auto refused =
      server::PushApplier(mapStore).apply({fieldWrite("student", "m1", "email", text("x"), late)});
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().status == 400);
}

BOOST_AUTO_TEST_SUITE_END()
