// `pupitrectl student import` and `class copy`, run as real processes on real files: what is
// created, what is skipped, and that a malformed file creates nothing.
#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/store/database.h"
#include "support/process.h"
#include "support/sandbox.h"
#include "support/workbook.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

struct RosterCli
{
  test::Sandbox sandbox;
  std::string dbPath = sandbox.path("pupitre.db");

  test::ProcessResult run(std::vector<std::string> args, const std::string& input = {})
  {
    args.insert(args.begin(), {"--db", dbPath});
    return test::runProcess(PUPITRECTL, args, input);
  }
  std::string ok(const std::vector<std::string>& args, const std::string& input = {})
  {
    const auto result = run(args, input);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "pupitrectl failed: " << result.err);
    return result.out;
  }
  std::vector<model::Student> students(const std::string& classId)
  {
    store::Database db(dbPath);
    return model::Students(db).list(classId);
  }
};

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_roster)

BOOST_FIXTURE_TEST_CASE(a_dry_run_prints_what_would_be_created_and_changes_nothing, RosterCli)
{
  const auto cls = test::firstLine(ok({"class", "add", "3B"}));
  ok({"student", "add", cls, "Pablo", "Ruiz"});
  // As a Spanish Excel saves "CSV UTF-8": BOM, ';', CRLF, a quoted cell over two lines.
  test::writeFile(sandbox.path("lista.csv"),
                  "\xEF\xBB\xBF"
                  "Apellidos;Nombre;Correo electrónico;Observaciones\r\n"
                  "García López;Ana María;ana@colegio.es;\"Alergia:\r\nfrutos secos\"\r\n"
                  "RUIZ;pablo;;\r\n"
                  "Núñez;José Ángel;;\r\n"
                  "Garcia Lopez;Ana Maria;;\r\n");
  const auto dry = ok({"student", "import", cls, sandbox.path("lista.csv"), "--dry-run"});
  BOOST_TEST_MESSAGE(dry);
  BOOST_TEST(contains(dry, "would create\t2\t\tGarcía López\tAna María\tana@colegio.es\t\n"));
  BOOST_TEST(contains(dry, "skip\t4\t\tRUIZ\tpablo\t\talready in the class as Ruiz, Pablo\n"));
  BOOST_TEST(contains(dry, "would create\t5\t\tNúñez\tJosé Ángel\t\t\n"));
  BOOST_TEST(contains(dry, "skip\t6\t\tGarcia Lopez\tAna Maria\t\tsame name as row 2\n"));
  BOOST_TEST(contains(dry, "2 students would be created in 3B, 2 skipped (dry run: nothing was "
                           "changed).\n"));
  BOOST_CHECK_EQUAL(students(cls).size(), 1u);

  const auto done = ok({"student", "import", cls, sandbox.path("lista.csv")});
  BOOST_TEST(contains(done, "2 students created in 3B, 2 skipped.\n"));
  const auto all = students(cls);
  BOOST_REQUIRE_EQUAL(all.size(), 3u);
  BOOST_CHECK_EQUAL(all[0].familyName, "García López");
  BOOST_CHECK_EQUAL(all[0].notes, "Alergia: frutos secos");
  BOOST_TEST(contains(done, "create\t2\t" + all[0].id + "\tGarcía López"));
  // Imported again: everyone is already there.
  const auto again = ok({"student", "import", cls, sandbox.path("lista.csv")});
  BOOST_TEST(contains(again, "0 students created in 3B, 4 skipped.\n"));
  BOOST_CHECK_EQUAL(students(cls).size(), 3u);
}

BOOST_FIXTURE_TEST_CASE(an_xlsx_file_and_names_on_standard_input, RosterCli)
{
  const auto cls = test::firstLine(ok({"class", "add", "3B"}));
  test::writeZip(sandbox.path("lista.xlsx"), test::libreOfficeClassList());
  const auto out = ok({"student", "import", cls, sandbox.path("lista.xlsx")});
  BOOST_TEST(contains(out, "4 students created in 3B, 1 skipped.\n"));
  const auto all = students(cls);
  BOOST_REQUIRE_EQUAL(all.size(), 4u);
  BOOST_CHECK_EQUAL(all[1].familyName, "Núñez");
  BOOST_CHECK_EQUAL(all[1].notes, "Alergia: frutos secos");

  const auto other = test::firstLine(ok({"class", "add", "3C"}));
  const auto pasted = ok({"student", "import", other, "-", "--surnames", "1"},
                         "Mary Ann Smith\nGarcía López, Ana\n");
  BOOST_TEST(contains(pasted, "create\t1\t"));
  const auto names = students(other);
  BOOST_REQUIRE_EQUAL(names.size(), 2u);
  BOOST_CHECK_EQUAL(names[0].givenName, "Ana");
  BOOST_CHECK_EQUAL(names[1].givenName, "Mary Ann");
  BOOST_CHECK_EQUAL(names[1].familyName, "Smith");

  // --columns says which column is which.
  const auto third = test::firstLine(ok({"class", "add", "3D"}));
  test::writeFile(sandbox.path("given-first.csv"), "Ana,García\nPablo,Ruiz\n");
  ok({"student", "import", third, sandbox.path("given-first.csv"), "--columns", "given,family"});
  BOOST_CHECK_EQUAL(students(third)[0].familyName, "García");
}

BOOST_FIXTURE_TEST_CASE(a_malformed_file_creates_nothing_and_says_where, RosterCli)
{
  const auto cls = test::firstLine(ok({"class", "add", "3B"}));
  test::writeFile(sandbox.path("bad.csv"), "Apellidos;Nombre\nGarcía;Ana\nRuiz;\"Pablo\n");
  auto result = run({"student", "import", cls, sandbox.path("bad.csv")});
  BOOST_CHECK_EQUAL(result.exitCode, 1);
  BOOST_TEST(contains(result.err, "Row 3, column B: a cell opens a quote"));
  BOOST_CHECK(students(cls).empty());

  test::writeFile(sandbox.path("email.csv"),
                  "Apellidos;Nombre;Email\nGarcía;Ana;ana@x.es\nRuiz;Pablo;pablo@\n");
  result = run({"student", "import", cls, sandbox.path("email.csv")});
  BOOST_CHECK_EQUAL(result.exitCode, 1);
  BOOST_TEST(contains(result.err, "Row 3, column C: 'pablo@' is not an e-mail address"));
  BOOST_CHECK(students(cls).empty());

  test::writeFile(sandbox.path("old.xls"), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  result = run({"student", "import", cls, sandbox.path("old.xls")});
  BOOST_CHECK_EQUAL(result.exitCode, 1);
  BOOST_TEST(contains(result.err, "old Excel workbook (.xls)"));

  result = run({"student", "import", cls, sandbox.path("bad.csv"), "--columns", "given,surname"});
  BOOST_CHECK_EQUAL(result.exitCode, 2);
}

BOOST_FIXTURE_TEST_CASE(class_copy_makes_a_class_with_the_same_columns, RosterCli)
{
  const auto cls = test::firstLine(ok({"class", "add", "3B", "--subject", "Maths"}));
  const auto exams = test::firstLine(ok({"category", "add", cls, "Exams", "--weight", "3"}));
  ok({"assessment", "add", cls, "Fractions", "--category", exams, "--scale", "0-20", "--date",
      "2026-10-05"});
  ok({"student", "add", cls, "Ana", "García"});
  const auto copy = test::firstLine(ok({"class", "copy", cls, "--name", "3C"}));
  store::Database db(dbPath);
  BOOST_CHECK_EQUAL(model::Classes(db).get(copy).name, "3C");
  BOOST_CHECK_EQUAL(model::Classes(db).get(copy).subject, "Maths");
  const auto categories = model::Categories(db).list(copy);
  BOOST_REQUIRE_EQUAL(categories.size(), 1u);
  BOOST_CHECK_EQUAL(categories[0].weight, 3);
  const auto assessments = model::Assessments(db).list(copy);
  BOOST_REQUIRE_EQUAL(assessments.size(), 1u);
  BOOST_CHECK_EQUAL(assessments[0].categoryId, categories[0].id);
  BOOST_CHECK_EQUAL(assessments[0].scale.max, 20);
  BOOST_CHECK(model::Students(db).list(copy).empty());
  BOOST_CHECK_EQUAL(run({"class", "copy", cls}).exitCode, 2); // --name is required
}

BOOST_AUTO_TEST_SUITE_END()
