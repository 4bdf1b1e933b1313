// Pull: the account's changes after a cursor, in sequence order, in pages with `more`.
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct Pulling : ServiceFixture
{
  Pulling()
  {
    addAccount(kEmail);
    tokenA = login(kEmail, "A");
    tokenB = login(kEmail, "B");
  }
  // `count` classes named in one batch.
  void addClasses(std::int64_t batch, int count, const std::string& prefix = "c")
  {
    std::vector<sync::FieldWrite> writes;
    for (int i = 0; i < count; ++i) {
      writes.push_back(fieldWrite("class", prefix + std::to_string(i), "name",
                                  store::Value{"Class " + std::to_string(i)},
                                  stampAt(clock.now() - 1000, "A")));
    }
    push(tokenA, batch, writes);
  }
  std::string tokenA;
  std::string tokenB;
};

} // namespace

BOOST_AUTO_TEST_SUITE(pull)

BOOST_FIXTURE_TEST_CASE(an_empty_account_pulls_nothing, Pulling)
{
  const auto page = service.pull(tokenB, 0);
  BOOST_REQUIRE(page.ok());
  BOOST_TEST(page.value().cursor == 0);
  BOOST_TEST(!page.value().more);
  BOOST_TEST(page.value().changes.empty());
}

BOOST_FIXTURE_TEST_CASE(pages_follow_the_cursor_until_nothing_more, Pulling)
{
  addClasses(1, 25);
  std::int64_t cursor = 0;
  std::set<std::string> rows;
  int pages = 0;
  for (bool more = true; more; ++pages) {
    const auto page = service.pull(tokenB, cursor, 10);
    BOOST_REQUIRE(page.ok());
    BOOST_TEST(page.value().changes.size() <= 10u);
    BOOST_TEST(page.value().cursor > cursor);
    for (const auto& w : page.value().changes) {
      BOOST_TEST(rows.insert(w.rowId).second); // each change once
    }
    cursor = page.value().cursor;
    more = page.value().more;
  }
  BOOST_TEST(pages == 3);
  BOOST_TEST(rows.size() == 25u);

  // After the last page: nothing, same cursor.
  const auto after = service.pull(tokenB, cursor, 10);
  BOOST_TEST(after.value().changes.empty());
  BOOST_TEST(after.value().cursor == cursor);
  BOOST_TEST(!after.value().more);
}

BOOST_FIXTURE_TEST_CASE(a_page_counts_the_items_after_it_when_asked, Pulling)
{
  addClasses(1, 25);
  push(tokenB, 1,
       {fieldWrite("class", "c0", "name", store::Value{std::string("B's name")},
                   stampAt(clock.now() - 5000, "B"))});            // loses: one conflict more
  BOOST_TEST(service.pull(tokenB, 0, 10).value().remaining == -1); // not asked

  const auto first = service.pull(tokenB, 0, 10, true).value();
  BOOST_TEST(first.changes.size() + first.conflicts.size() == 10u);
  BOOST_TEST(first.remaining == 16); // 25 changes and 1 conflict in all
  const auto second = service.pull(tokenB, first.cursor, 10, true).value();
  BOOST_TEST(second.remaining == 6);
  const auto last = service.pull(tokenB, second.cursor, 10, true).value();
  BOOST_TEST(!last.more);
  BOOST_TEST(last.remaining == 0);
  BOOST_TEST(last.changes.size() + last.conflicts.size() == 6u);
}

BOOST_FIXTURE_TEST_CASE(an_exactly_full_page_says_whether_more_remain, Pulling)
{
  addClasses(1, 10);
  const auto page = service.pull(tokenB, 0, 10);
  BOOST_TEST(page.value().changes.size() == 10u);
  BOOST_TEST(!page.value().more);
}

BOOST_FIXTURE_TEST_CASE(a_later_change_moves_a_field_behind_the_cursor, Pulling)
{
  addClasses(1, 3);
  const auto cursor = service.pull(tokenB, 0).value().cursor;
  push(tokenA, 2,
       {fieldWrite("class", "c1", "name", store::Value{std::string("renamed")},
                   stampAt(clock.now(), "A"))});
  const auto page = service.pull(tokenB, cursor).value();
  BOOST_REQUIRE_EQUAL(page.changes.size(), 1u);
  BOOST_TEST(store::toText(page.changes[0].value) == "renamed");
  BOOST_TEST(pullAll(tokenB).changes.size() == 3u); // a fresh device sees each field once, current
}

BOOST_FIXTURE_TEST_CASE(conflicts_come_in_sequence_with_the_changes, Pulling)
{
  addClasses(1, 2);
  const auto cursor = service.pull(tokenB, 0).value().cursor;
  // B's older, concurrent rename loses: a conflict, after the cursor.
  push(tokenB, 1,
       {fieldWrite("class", "c0", "name", store::Value{std::string("B's name")},
                   stampAt(clock.now() - 5000, "B"))});
  const auto page = service.pull(tokenA, cursor).value();
  BOOST_TEST(page.changes.empty());
  BOOST_REQUIRE_EQUAL(page.conflicts.size(), 1u);
  BOOST_TEST(store::toText(page.conflicts[0].lostValue) == "B's name");
  BOOST_TEST(page.cursor > cursor);

  // Paging one item at a time still delivers every change and conflict exactly once.
  const auto single = pullAll(tokenA, 0, 1);
  BOOST_TEST(single.changes.size() == 2u);
  BOOST_TEST(single.conflicts.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(pulled_writes_carry_their_stamp_and_base, Pulling)
{
  const auto base = stampAt(clock.now() - 9000, "A");
  const auto stamp = stampAt(clock.now() - 1000, "B");
  push(tokenA, 1, {fieldWrite("class", "c1", "name", store::Value{std::string("5B")}, base)});
  push(tokenB, 1,
       {fieldWrite("class", "c1", "name", store::Value{std::string("5C")}, stamp, base)});
  const auto changes = pullAll(tokenA).changes;
  BOOST_REQUIRE_EQUAL(changes.size(), 1u);
  BOOST_TEST(changes[0].stamp == stamp);
  BOOST_TEST(changes[0].base == base);
  BOOST_TEST(changes[0].table == "class");
}

BOOST_FIXTURE_TEST_CASE(limits_are_clamped_and_cursors_checked, Pulling)
{
  addClasses(1, 3);
  BOOST_TEST(service.pull(tokenB, 0, 1'000'000).value().changes.size() == 3u);
  const auto refused = service.pull(tokenB, -1);
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().status == 400);
}

BOOST_FIXTURE_TEST_CASE(accounts_do_not_see_each_other, Pulling)
{
  addClasses(1, 3);
  addAccount("bruno@school.es");
  const auto other = login("bruno@school.es", "Z");
  BOOST_TEST(pullAll(other).changes.empty());
  BOOST_TEST(exportJson("bruno@school.es").find("Class") == std::string::npos);
}

// No echo (docs/sync-protocol.md): a device's pull can leave out what its own pushes wrote.
BOOST_FIXTURE_TEST_CASE(a_pull_without_own_writes_skips_them_and_moves_the_cursor_past, Pulling)
{
  addClasses(1, 25); // pushed by A
  const auto own = service.pull(tokenA, 0, 10, true, false).value();
  BOOST_TEST(own.changes.empty());
  BOOST_TEST(own.conflicts.empty());
  BOOST_TEST(!own.more);
  BOOST_TEST(own.remaining == 0);
  const auto last = service.dataVersion(store.findAccount(kEmail)->id);
  BOOST_TEST(last >= 25);
  BOOST_TEST(own.cursor == last);                    // past A's own writes: not read again
  BOOST_TEST(pullAll(tokenB).changes.size() == 25u); // B still gets them all
  BOOST_TEST(service.pull(tokenA, 0, 10).value().changes.size() == 10u); // asked with them

  // B's rename comes down to A, alone.
  push(tokenB, 1,
       {fieldWrite("class", "c3", "name", store::Value{std::string("B's name")},
                   stampAt(clock.now(), "B"))});
  const auto back = service.pull(tokenA, own.cursor, 10, true, false).value();
  BOOST_REQUIRE_EQUAL(back.changes.size(), 1u);
  BOOST_TEST(store::toText(back.changes[0].value) == "B's name");
  BOOST_TEST(back.cursor == service.dataVersion(store.findAccount(kEmail)->id));
}

BOOST_FIXTURE_TEST_CASE(pages_without_own_writes_deliver_every_other_write_once, Pulling)
{
  addClasses(1, 7, "a");
  std::vector<sync::FieldWrite> writes;
  for (int i = 0; i < 6; ++i) {
    writes.push_back(fieldWrite("class", "b" + std::to_string(i), "name",
                                store::Value{std::string("B")}, stampAt(clock.now() - 500, "B")));
  }
  push(tokenB, 1, writes);
  addClasses(2, 5, "z");
  std::int64_t cursor = 0;
  std::set<std::string> rows;
  for (bool more = true; more;) {
    const auto page = service.pull(tokenA, cursor, 4, false, false).value();
    BOOST_TEST(page.changes.size() <= 4u);
    for (const auto& w : page.changes) {
      BOOST_TEST(w.stamp.device == "B");
      BOOST_TEST(rows.insert(w.rowId).second);
    }
    BOOST_TEST(page.cursor >= cursor);
    cursor = page.cursor;
    more = page.more;
  }
  BOOST_TEST(rows.size() == 6u);
  BOOST_TEST(cursor == service.dataVersion(store.findAccount(kEmail)->id));
}

BOOST_AUTO_TEST_SUITE_END()
