// Evaluation periods (terms) and the final mark between real devices through a real server:
// they sync like every other record (field versions, conflicts, deletes), and the averages
// per term and the final follow what each device pulled.
#include "cluster.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

namespace {

// A class (with its default terms) and one student, on both devices of a signed-in cluster.
struct SharedClass
{
  Cluster cluster;
  std::string cls;
  std::string student;

  SharedClass()
  {
    cluster.loginAll();
    cls = cluster[0].write({"class", "add", "4B Mathematics", "--year", "2026-2027"});
    student = cluster[0].write({"student", "add", cls, "Ana", "García"});
    cluster.syncUntilQuiet();
  }
};

Poco::JSON::Array::Ptr termList(const Device& device, const std::string& cls)
{
  const auto result = device.data({"term", "list", cls, "--json"});
  BOOST_TEST_INFO(result.err);
  BOOST_TEST_REQUIRE(result.exitCode == 0);
  return parseArray(result.out);
}

Poco::JSON::Object::Ptr averagesOf(const Device& device, const std::string& cls,
                                   const std::vector<std::string>& more = {})
{
  std::vector<std::string> args{"averages", cls, "--json"};
  args.insert(args.end(), more.begin(), more.end());
  const auto result = device.data(args);
  BOOST_TEST_INFO(result.err);
  BOOST_TEST_REQUIRE(result.exitCode == 0);
  const auto all = parseArray(result.out);
  BOOST_TEST_REQUIRE(all->size() == 1u);
  return all->getObject(0);
}

// The average of term `index` in `averages --json` (-1 for none).
double termAverage(const Poco::JSON::Object::Ptr& averages, unsigned index)
{
  const auto term = averages->getArray("terms")->getObject(index);
  return term->isNull("average") ? -1 : term->getValue<double>("average");
}

} // namespace

BOOST_AUTO_TEST_SUITE(terms_tests)

BOOST_AUTO_TEST_CASE(terms_made_on_one_device_appear_on_the_other)
{
  SharedClass world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  // The default set came with the class.
  const auto onB = termList(b, world.cls);
  BOOST_TEST_REQUIRE(onB->size() == 3u);
  BOOST_TEST(onB->getObject(0)->getValue<std::string>("name") == "1st term");
  BOOST_TEST(onB->getObject(2)->getValue<std::string>("end") == "2027-06-30");

  const auto summer = a.write(
      {"term", "add", world.cls, "Summer school", "2027-07-01", "2027-07-31", "--weight", "0.5"});
  a.syncOk();
  b.syncOk();
  const auto after = termList(b, world.cls);
  BOOST_TEST_REQUIRE(after->size() == 4u);
  BOOST_TEST(after->getObject(3)->getValue<std::string>("id") == summer);
  BOOST_TEST(after->getObject(3)->getValue<std::string>("name") == "Summer school");
  BOOST_TEST(after->getObject(3)->getValue<double>("weight") == 0.5);

  // Deleted on B: gone on A; restored on A: back on B with its values.
  b.write({"term", "delete", summer});
  b.syncOk();
  a.syncOk();
  BOOST_TEST(termList(a, world.cls)->size() == 3u);
  a.write({"restore", summer});
  a.syncOk();
  b.syncOk();
  BOOST_TEST(termList(b, world.cls)->size() == 4u);
  world.cluster.syncUntilQuiet();
  world.cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(a_term_renamed_on_both_devices_keeps_the_later_name_and_the_conflict)
{
  SharedClass world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  const auto first = termList(a, world.cls)->getObject(0)->getValue<std::string>("id");

  a.write({"term", "update", first, "--name", "Autumn"});
  waitForLaterEditTime();
  b.write({"term", "update", first, "--name", "1ª evaluación"});
  b.syncOk();
  BOOST_TEST(a.syncOk().conflicts == 1);
  world.cluster.syncUntilQuiet();
  const auto all = world.cluster.requireConverged();
  const auto row = exportedRow(all, "terms", first);
  BOOST_TEST_REQUIRE(row);
  BOOST_TEST(row->getValue<std::string>("name") == "1ª evaluación");
  for (Device* device : {&a, &b}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto lost = conflictsOn(device->conflicts(), first, "name");
      BOOST_TEST_REQUIRE(lost.size() == 1u);
      BOOST_TEST(lost[0]->getValue<std::string>("lost_value") == "Autumn");
      BOOST_TEST(lost[0]->getValue<std::string>("table") == "term");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_assessment_moved_by_date_into_term_2_changes_the_term_averages)
{
  SharedClass world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  const auto october =
      a.write({"assessment", "add", world.cls, "October test", "--date", "2026-10-05"});
  const auto november =
      a.write({"assessment", "add", world.cls, "November test", "--date", "2026-11-05"});
  a.write({"mark", "set", world.student, october, "8"});
  a.write({"mark", "set", world.student, november, "4"});
  a.syncOk();
  b.syncOk();
  auto onB = averagesOf(b, world.cls);
  BOOST_TEST(termAverage(onB, 0) == 6);
  BOOST_TEST(termAverage(onB, 1) == -1);
  BOOST_TEST(onB->getValue<double>("final") == 6);

  a.write({"assessment", "update", november, "--date", "2027-01-20"}); // into the 2nd term
  a.syncOk();
  b.syncOk();
  onB = averagesOf(b, world.cls);
  BOOST_TEST(termAverage(onB, 0) == 8);
  BOOST_TEST(termAverage(onB, 1) == 4);
  BOOST_TEST(onB->getValue<double>("final") == 6);
  const auto second = termList(b, world.cls)->getObject(1)->getValue<std::string>("id");
  const auto term2 = averagesOf(b, world.cls, {"--term", second});
  BOOST_TEST(term2->getValue<double>("final") == 4);
  BOOST_TEST(term2->getValue<std::string>("term_id") == second);

  // The weighted final follows the class's mode and the terms' weights set on B.
  const auto firstTerm = termList(b, world.cls)->getObject(0)->getValue<std::string>("id");
  b.write({"term", "update", firstTerm, "--weight", "3"});
  b.write({"class", "update", world.cls, "--final-mode", "weighted"});
  b.syncOk();
  a.syncOk();
  BOOST_TEST(averagesOf(a, world.cls)->getValue<double>("final") == 7);
  BOOST_TEST(averagesOf(a, world.cls)->getValue<std::string>("final_mode") == "weighted");
}

BOOST_AUTO_TEST_CASE(the_teachers_final_mark_round_trips_and_clears)
{
  SharedClass world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  const auto october =
      a.write({"assessment", "add", world.cls, "October test", "--date", "2026-10-05"});
  a.write({"mark", "set", world.student, october, "6"});
  a.write({"final", "set", world.cls, world.student, "7.5"});
  a.syncOk();
  b.syncOk();
  auto onB = averagesOf(b, world.cls);
  BOOST_TEST(onB->getValue<double>("final") == 7.5);
  BOOST_TEST(onB->getValue<bool>("overridden"));
  BOOST_TEST(onB->getValue<double>("computed_final") == 6);

  b.write({"final", "set", world.cls, world.student, "--clear"});
  b.syncOk();
  a.syncOk();
  const auto onA = averagesOf(a, world.cls);
  BOOST_TEST(onA->getValue<double>("final") == 6);
  BOOST_TEST(!onA->getValue<bool>("overridden"));
  world.cluster.syncUntilQuiet();
  world.cluster.requireConverged();
}

BOOST_AUTO_TEST_SUITE_END()
