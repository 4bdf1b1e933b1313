// Data created on one device reach the others through the server: two and three daemons,
// records of every kind, edits of different fields of one record kept side by side.
#include "cluster.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

BOOST_AUTO_TEST_SUITE(propagation_tests)

BOOST_AUTO_TEST_CASE(a_gradebook_made_on_one_device_appears_on_the_other)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];

  const auto cls = a.write({"class", "add", "4B Mathematics", "--subject", "Maths"});
  const auto ana = a.write({"student", "add", cls, "Ana", "García", "--email", "ana@pupils.es"});
  const auto luis = a.write({"student", "add", cls, "Luis", "Pérez"});
  const auto test1 = a.write({"assessment", "add", cls, "Fractions", "--date", "2026-10-05"});
  a.write({"mark", "set", ana, test1, "8,5", "--comment", "Very good"});
  a.write({"mark", "set", luis, test1, "4"});
  a.write({"attendance", "set", luis, "2026-10-05", "late"});
  a.write({"journal", "add", cls, "2026-10-05", "Fractions test", "--done"});
  const auto written = a.pending();
  BOOST_TEST(written > 0);

  const auto sentByA = a.syncOk();
  BOOST_TEST(sentByA.sent == written);
  BOOST_TEST(a.pending() == 0);
  const auto receivedByB = b.syncOk();
  BOOST_TEST(receivedByB.sent == 0);
  BOOST_TEST(receivedByB.received == written);
  BOOST_TEST(receivedByB.conflicts == 0);

  // What the teacher sees on B: the same students and the same marks.
  const auto students = b.data({"list", "students", "--class", cls});
  BOOST_TEST(students.exitCode == 0);
  BOOST_TEST(contains(students.out, "García"));
  BOOST_TEST(contains(students.out, "Pérez"));
  const auto marks = b.data({"list", "marks", "--class", cls, "--json"});
  BOOST_TEST(contains(marks.out, "Very good"));
  BOOST_TEST(b.exportJson() == a.exportJson());

  // And back: B's edit reaches A.
  b.write({"student", "update", luis, "--notes", "Sits at the front"});
  BOOST_TEST(b.syncOk().sent > 0);
  BOOST_TEST(a.syncOk().received > 0);
  BOOST_TEST(exportedRow(a.exportJson(), "students", luis)->getValue<std::string>("notes") ==
             "Sits at the front");
  cluster.requireConverged();
  BOOST_TEST(b.conflicts()->size() == 0u);
}

BOOST_AUTO_TEST_CASE(three_devices_share_everything_and_keep_edits_of_different_fields)
{
  Cluster cluster({.devices = 3});
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  Device& c = cluster[2];

  // Each device makes its own class before anyone syncs.
  const auto clsA = a.write({"class", "add", "1A History"});
  const auto clsB = b.write({"class", "add", "2B Physics"});
  const auto clsC = c.write({"class", "add", "3C Music"});
  const auto marta = a.write({"student", "add", clsA, "Marta", "Ruiz"});
  cluster.syncUntilQuiet();
  const auto all = cluster.requireConverged();
  for (const auto& id : {clsA, clsB, clsC}) {
    BOOST_TEST(exportedRow(all, "classes", id));
  }
  BOOST_TEST(exportedRow(all, "students", marta));

  // One record, two fields, two devices: both edits stay, and nothing is a conflict.
  b.write({"student", "update", marta, "--given", "Marta Isabel"});
  c.write({"student", "update", marta, "--email", "marta@pupils.es"});
  BOOST_TEST(c.syncOk().sent > 0);
  BOOST_TEST(b.syncOk().sent > 0);
  cluster.syncUntilQuiet();
  const auto row = exportedRow(cluster.requireConverged(), "students", marta);
  BOOST_REQUIRE(row);
  BOOST_TEST(row->getValue<std::string>("given_name") == "Marta Isabel");
  BOOST_TEST(row->getValue<std::string>("email") == "marta@pupils.es");
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    BOOST_TEST(cluster[i].conflicts()->size() == 0u);
  }
  cluster.requireIntegrity();
}

BOOST_AUTO_TEST_SUITE_END()
