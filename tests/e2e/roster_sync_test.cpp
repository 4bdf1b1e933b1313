// A class list imported and a class copied on one device reach the others like any edit.
#include "cluster.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

BOOST_AUTO_TEST_SUITE(roster_sync_tests)

BOOST_AUTO_TEST_CASE(imported_students_and_a_copied_class_reach_the_other_device)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "3B"});
  const auto exams = a.write({"category", "add", cls, "Exams", "--weight", "2"});
  a.write({"assessment", "add", cls, "Fractions", "--category", exams});
  cluster.syncUntilQuiet();

  const std::string list = cluster.sandbox.path("lista.csv");
  pupitre::test::writeFile(list, "\xEF\xBB\xBF"
                                 "Apellidos;Nombre;Correo\r\n"
                                 "García López;Ana María;ana@colegio.es\r\n"
                                 "Núñez;José Ángel;\r\n");
  const auto imported = a.data({"student", "import", cls, list});
  BOOST_TEST_REQUIRE(imported.exitCode == 0, imported.err);
  const auto copy = a.write({"class", "copy", cls, "--name", "3C"});
  cluster.syncUntilQuiet();
  cluster.requireConverged();

  const auto students = b.data({"list", "students", "--class", cls});
  BOOST_TEST(contains(students.out, "García López\tAna María\tana@colegio.es"));
  BOOST_TEST(contains(students.out, "Núñez\tJosé Ángel"));
  const auto copied = b.data({"list", "assessments", "--class", copy});
  BOOST_TEST(contains(copied.out, "Fractions"));

  // The same list imported on B finds everyone there: nothing doubled.
  const auto again = b.data({"student", "import", cls, list});
  BOOST_TEST_REQUIRE(again.exitCode == 0, again.err);
  BOOST_TEST(contains(again.out, "0 students created in 3B, 2 skipped."));
}

BOOST_AUTO_TEST_SUITE_END()
