// The simulation's oracle must itself be right: "latest edit per field wins", liveness as a
// field, deletion winning a tie.
#include "reference_model.h"

#include <boost/test/unit_test.hpp>

namespace pupitre::sim {
namespace {

sync::FieldWrite write(const std::string& row, const std::string& field, store::Value value,
                       clock::Hlc hlc, const std::string& device)
{
  return sync::FieldWrite{"class", row, field, std::move(value), {hlc, device}, {}};
}

const store::Row* findRow(const store::LiveData& data, const std::string& id)
{
  for (const auto& row : data.at("classes")) {
    if (row.id == id) {
      return &row;
    }
  }
  return nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(reference_model)

BOOST_AUTO_TEST_CASE(the_latest_edit_of_each_field_wins_whoever_reports_it_last)
{
  ReferenceModel model(2);
  model.record(0, {write("r", "name", std::string("Monday"), 100, "b"),
                   write("r", "subject", std::string("Maths"), 100, "b")});
  model.record(1, {write("r", "name", std::string("Tuesday"), 200, "a")});
  model.record(0, {write("r", "name", std::string("Monday again"), 150, "b")});
  const auto data = model.expected();
  const auto* row = findRow(data, "r");
  BOOST_REQUIRE(row);
  BOOST_TEST(store::toText(row->values.at("name")) == "Tuesday");
  BOOST_TEST(store::toText(row->values.at("subject")) == "Maths");
  BOOST_TEST(store::isNull(row->values.at("term"))); // every field, null when never written
  BOOST_TEST(data.size() == store::syncedTables().size());
}

BOOST_AUTO_TEST_CASE(equal_clocks_break_ties_on_the_device)
{
  ReferenceModel model(2);
  model.record(0, {write("r", "name", std::string("from a"), 100, "a")});
  model.record(1, {write("r", "name", std::string("from b"), 100, "b")});
  BOOST_TEST(store::toText(findRow(model.expected(), "r")->values.at("name")) == "from b");
}

BOOST_AUTO_TEST_CASE(the_most_recent_of_deletion_and_edit_decides_whether_the_row_lives)
{
  ReferenceModel model(2);
  model.record(0, {write("r", "name", std::string("x"), 100, "a"),
                   write("r", "deleted", std::int64_t{0}, 100, "a")});
  model.record(1, {write("r", "deleted", std::int64_t{1}, 200, "b")});
  BOOST_TEST(!findRow(model.expected(), "r"));
  // An edit after the deletion brings the whole record back, with the tombstone's values.
  model.record(0, {write("r", "subject", std::string("History"), 300, "a")});
  const auto data = model.expected();
  const auto* row = findRow(data, "r");
  BOOST_REQUIRE(row);
  BOOST_TEST(store::toText(row->values.at("name")) == "x");
  // A deletion at exactly an edit's stamp wins.
  model.record(1, {write("r", "deleted", std::int64_t{1}, 300, "a")});
  BOOST_TEST(!findRow(model.expected(), "r"));
}

BOOST_AUTO_TEST_CASE(a_restamped_write_replaces_its_refused_stamp)
{
  ReferenceModel model(2);
  model.record(0, {write("r", "name", std::string("ahead"), 900, "a")});
  model.record(1, {write("r", "name", std::string("on time"), 500, "b")});
  model.record(0, {write("r", "name", std::string("ahead"), 400, "a")});
  BOOST_TEST(store::toText(findRow(model.expected(), "r")->values.at("name")) == "on time");
}

BOOST_AUTO_TEST_SUITE_END()

} // namespace pupitre::sim
