// The last-writer-wins rule for one field, without storage.
#include "server/sync/field_decision.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using server::CurrentVersion;
using server::decideField;

namespace {

sync::Stamp at(clock::Hlc hlc, const std::string& device)
{
  return {hlc, device};
}
store::Value text(const char* s)
{
  return store::Value{std::string(s)};
}
store::Value flag(std::int64_t v)
{
  return store::Value{v};
}

} // namespace

BOOST_AUTO_TEST_SUITE(field_decision)

BOOST_AUTO_TEST_CASE(a_first_write_wins_without_conflict)
{
  const auto d = decideField(std::nullopt, text("Ana"), at(10, "A"), {}, false);
  BOOST_TEST(d.incomingWins);
  BOOST_TEST(!d.conflict);
  BOOST_TEST(!d.repeat);
}

BOOST_AUTO_TEST_CASE(the_later_edit_wins_whatever_the_order_of_arrival)
{
  const CurrentVersion tuesday{text("Tuesday"), at(200, "B")};
  const auto monday = decideField(tuesday, text("Monday"), at(100, "A"), {}, false);
  BOOST_TEST(!monday.incomingWins);
  BOOST_TEST(monday.conflict); // concurrent, different values: Monday's value is kept as the loser

  const CurrentVersion mondayFirst{text("Monday"), at(100, "A")};
  const auto later = decideField(mondayFirst, text("Tuesday"), at(200, "B"), {}, false);
  BOOST_TEST(later.incomingWins);
  BOOST_TEST(later.conflict);
}

BOOST_AUTO_TEST_CASE(equal_hlc_breaks_the_tie_on_the_device_id)
{
  const CurrentVersion a{text("from A"), at(100, "A")};
  BOOST_TEST(decideField(a, text("from B"), at(100, "B"), {}, false).incomingWins);
  const CurrentVersion b{text("from B"), at(100, "B")};
  BOOST_TEST(!decideField(b, text("from A"), at(100, "A"), {}, false).incomingWins);
}

BOOST_AUTO_TEST_CASE(the_same_stamp_again_is_a_repeat)
{
  const CurrentVersion current{text("x"), at(100, "A")};
  const auto d = decideField(current, text("x"), at(100, "A"), {}, false);
  BOOST_TEST(d.repeat);
  BOOST_TEST(!d.incomingWins);
  BOOST_TEST(!d.conflict);
}

BOOST_AUTO_TEST_CASE(deleted_wins_a_tie_on_liveness_and_alive_does_not)
{
  const CurrentVersion alive{flag(0), at(100, "A")};
  const auto del = decideField(alive, flag(1), at(100, "A"), {}, true);
  BOOST_TEST(del.incomingWins);
  BOOST_TEST(!del.repeat);

  const CurrentVersion deleted{flag(1), at(100, "A")};
  const auto revive = decideField(deleted, flag(0), at(100, "A"), {}, true);
  BOOST_TEST(revive.repeat);
  BOOST_TEST(!revive.incomingWins);
}

BOOST_AUTO_TEST_CASE(an_edit_on_top_of_the_current_version_is_no_conflict)
{
  const CurrentVersion current{text("old"), at(100, "A")};
  const auto d = decideField(current, text("new"), at(200, "B"), at(100, "A"), false);
  BOOST_TEST(d.incomingWins);
  BOOST_TEST(!d.conflict);
}

BOOST_AUTO_TEST_CASE(successive_edits_of_one_device_are_no_conflict)
{
  const CurrentVersion current{text("old"), at(100, "A")};
  BOOST_TEST(!decideField(current, text("new"), at(200, "A"), at(50, "B"), false).conflict);
}

BOOST_AUTO_TEST_CASE(concurrent_writes_of_the_same_value_are_no_conflict)
{
  const CurrentVersion current{store::Value{std::int64_t{4}}, at(100, "A")};
  const auto d = decideField(current, store::Value{4.0}, at(200, "B"), {}, false);
  BOOST_TEST(d.incomingWins);
  BOOST_TEST(!d.conflict);
}

BOOST_AUTO_TEST_CASE(liveness_values_read_as_devices_read_them)
{
  BOOST_TEST(server::isDeleted(server::normaliseLiveness(store::Value{std::string("1")})));
  BOOST_TEST(server::isDeleted(server::normaliseLiveness(store::Value{1.0})));
  BOOST_TEST(!server::isDeleted(server::normaliseLiveness(store::Value{std::int64_t{2}})));
  BOOST_TEST(!server::isDeleted(server::normaliseLiveness(store::Value{})));
}

BOOST_AUTO_TEST_SUITE_END()
