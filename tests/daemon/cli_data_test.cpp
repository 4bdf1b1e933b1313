// pupitrectl's offline data commands, run as a real process on a database in a sandbox.
#include "pupitre/store/database.h"
#include "pupitre/sync/outbox.h"
#include "support/process.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

struct Cli
{
  test::Sandbox sandbox;
  std::string dbPath = sandbox.path("pupitre.db");

  test::ProcessResult run(std::vector<std::string> args, const std::map<std::string, std::string>& env = {})
  {
    args.insert(args.begin(), {"--db", dbPath});
    return test::runProcess(PUPITRECTL, args, {}, env);
  }
  // Runs a command that must succeed and print an id.
  std::string id(const std::vector<std::string>& args)
  {
    const auto result = run(args);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "pupitrectl failed: " << result.err);
    return test::firstLine(result.out);
  }
  std::string ok(const std::vector<std::string>& args)
  {
    const auto result = run(args);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "pupitrectl failed: " << result.err);
    return result.out;
  }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

BOOST_AUTO_TEST_SUITE(cli_data_tests)

BOOST_FIXTURE_TEST_CASE(a_class_with_a_student_mark_attendance_and_journal_is_exported, Cli)
{
  const auto cls = id({"class", "add", "4B Maths", "--subject", "Maths"});
  const auto student = id({"student", "add", cls, "Ana", "García", "--email", "ana@school.es"});
  const auto test1 = id({"assessment", "add", cls, "Test 1", "--weight", "2", "--date", "2026-10-01"});
  id({"mark", "set", student, test1, "7,5", "--comment", "Good work"});
  id({"attendance", "set", student, "2026-10-01", "late"});
  const auto entry = id({"journal", "add", cls, "2026-10-01", "Fractions: introduction"});
  ok({"journal", "update", entry, "Fractions: introduction and exercises", "--done"});

  const auto exported = ok({"export"});
  BOOST_TEST(contains(exported, "\"name\": \"4B Maths\""));
  BOOST_TEST(contains(exported, "\"family_name\": \"García\""));
  BOOST_TEST(contains(exported, "\"value\": 7.5"));
  BOOST_TEST(contains(exported, "\"comment\": \"Good work\""));
  BOOST_TEST(contains(exported, "\"state\": \"late\""));
  BOOST_TEST(contains(exported, "\"body\": \"Fractions: introduction and exercises\""));
  BOOST_TEST(!contains(exported, "hlc"));
  // Canonical: the same data exports to the same bytes.
  BOOST_TEST(ok({"export"}) == exported);
}

BOOST_FIXTURE_TEST_CASE(what_the_cli_reports_as_done_is_in_the_database_with_its_field_versions, Cli)
{
  const auto cls = id({"class", "add", "3A"});
  const auto student = id({"student", "add", cls, "Luis", "Pérez"});
  BOOST_TEST(std::stoll(ok({"pending"})) > 0);
  ok({"student", "update", student, "--email", "luis@school.es"});

  store::Database db(dbPath);
  BOOST_TEST(sync::pendingCount(db) == std::stoll(ok({"pending"})));
  bool emailPending = false;
  for (const auto& change : sync::pendingChanges(db)) {
    if (change.rowId == student && change.field == "email") {
      emailPending = std::get<std::string>(change.value) == "luis@school.es";
    }
  }
  BOOST_TEST(emailPending);
}

BOOST_FIXTURE_TEST_CASE(bad_input_fails_with_a_clear_message_and_changes_nothing, Cli)
{
  const auto cls = id({"class", "add", "3A"});
  const auto student = id({"student", "add", cls, "Luis", "Pérez"});
  const auto test1 = id({"assessment", "add", cls, "Quiz"});
  const auto before = ok({"export"});
  const auto pendingBefore = ok({"pending"});

  auto failing = [&](const std::vector<std::string>& args, const std::string& message) {
    const auto result = run(args);
    BOOST_TEST(result.exitCode != 0, "expected failure for " << args[0]);
    BOOST_TEST(contains(result.err, message), "stderr: " << result.err);
    BOOST_TEST(result.out.empty());
  };
  failing({"mark", "set", student, test1, "12"}, "outside this assessment's scale (0 to 10)");
  failing({"mark", "set", student, test1, "abc"}, "is not a number");
  failing({"attendance", "set", student, "2026-02-30", "present"}, "YYYY-MM-DD");
  failing({"attendance", "set", student, "2026-10-01", "sleeping"}, "present, absent, late or justified");
  failing({"student", "update", "01a2221c-0000-7000-8000-000000000000", "--email", "a@b.c"}, "no student");
  failing({"student", "update", student, "--email", "not an email"}, "not an e-mail address");
  failing({"assessment", "add", cls, "Exam", "--date", "tomorrow"}, "YYYY-MM-DD");
  failing({"class", "add", "   "}, "cannot be empty");
  failing({"mark", "set", student, test1}, "missing arguments");
  failing({"list", "teachers"}, "cannot list 'teachers'");
  failing({"frobnicate"}, "unknown command");

  BOOST_TEST(ok({"export"}) == before);
  BOOST_TEST(ok({"pending"}) == pendingBefore);
}

BOOST_FIXTURE_TEST_CASE(a_deleted_record_is_gone_from_lists_and_refuses_edits, Cli)
{
  const auto cls = id({"class", "add", "3A"});
  const auto student = id({"student", "add", cls, "Luis", "Pérez"});
  BOOST_TEST(contains(ok({"delete", student}), "Deleted student"));
  BOOST_TEST(!contains(ok({"list", "students"}), student));
  const auto edit = run({"student", "update", student, "--given", "Lucho"});
  BOOST_TEST(edit.exitCode != 0);
  BOOST_TEST(contains(edit.err, "was deleted"));
  const auto again = run({"delete", student});
  BOOST_TEST(again.exitCode != 0);
  BOOST_TEST(contains(again.err, "was deleted"));
}

BOOST_FIXTURE_TEST_CASE(lists_filter_by_class_and_speak_json, Cli)
{
  const auto a = id({"class", "add", "3A"});
  const auto b = id({"class", "add", "3B"});
  const auto ana = id({"student", "add", a, "Ana", "García"});
  const auto bea = id({"student", "add", b, "Bea", "Ruiz"});
  const auto listA = ok({"list", "students", "--class", a});
  BOOST_TEST(contains(listA, ana));
  BOOST_TEST(!contains(listA, bea));
  const auto json = ok({"list", "students", "--json"});
  BOOST_TEST(json.front() == '[');
  BOOST_TEST(contains(json, "\"given_name\": \"Bea\""));
}

BOOST_FIXTURE_TEST_CASE(averages_follow_weights_and_skip_excused_marks, Cli)
{
  const auto cls = id({"class", "add", "3A"});
  const auto ana = id({"student", "add", cls, "Ana", "García"});
  const auto t1 = id({"assessment", "add", cls, "T1", "--weight", "1"});
  const auto t2 = id({"assessment", "add", cls, "T2", "--weight", "3", "--scale", "0-20", "--pass", "10"});
  const auto t3 = id({"assessment", "add", cls, "T3"});
  id({"mark", "set", ana, t1, "4"});
  id({"mark", "set", ana, t2, "16"}); // 8 on 10
  id({"mark", "set", ana, t3, "", "--status", "excused"});
  // (4*1 + 8*3) / 4 = 7
  BOOST_TEST(contains(ok({"averages", cls}), "García, Ana\t7"));
}

BOOST_FIXTURE_TEST_CASE(help_is_available_at_every_level, Cli)
{
  BOOST_TEST(contains(run({"--help"}).out, "pupitrectl [--db FILE] mark set"));
  const auto mark = run({"mark", "--help"});
  BOOST_TEST(mark.exitCode == 0);
  BOOST_TEST(contains(mark.out, "STUDENT_ID ASSESSMENT_ID VALUE"));
  BOOST_TEST(!contains(mark.out, "journal add"));
  BOOST_TEST(contains(run({"list", "--help"}).out, "classes|students"));
}

BOOST_FIXTURE_TEST_CASE(a_skewed_clock_stamps_changes_in_its_own_time, Cli)
{
  const auto cls = id({"class", "add", "3A"});
  const auto dayMs = std::to_string(24LL * 3600 * 1000);
  const auto result = run({"class", "update", cls, "--name", "3A bis"}, {{"PUPITRE_CLOCK_SKEW_MS", dayMs}});
  BOOST_REQUIRE(result.exitCode == 0);
  store::Database db(dbPath);
  clock::Hlc nameStamp = 0;
  for (const auto& change : sync::pendingChanges(db)) {
    if (change.field == "name" && change.rowId == cls) { // not its terms' names
      nameStamp = change.stamp.hlc;
    }
  }
  const auto now = static_cast<std::uint64_t>(clock::systemWallClock()());
  BOOST_TEST(clock::physicalMs(nameStamp) > now + 23ULL * 3600 * 1000);
}

BOOST_AUTO_TEST_SUITE_END()
