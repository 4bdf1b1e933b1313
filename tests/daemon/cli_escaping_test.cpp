// Names that came from elsewhere cannot forge lines or shift columns in pupitrectl's tables
// (issue 11, item 12): control characters in file names and pupils' names are shown escaped,
// and pupitred refuses a device name holding them at login.
#include "fixtures/daemon_fixture.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/printable.h"
#include "pupitre/utf8_path.h"
#include "support/process.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace pupitre;
using test::contains;

namespace {

std::size_t lineCount(const std::string& text)
{
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::size_t tabsIn(const std::string& line)
{
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t'));
}

struct Cli
{
  test::Sandbox sandbox;
  std::string db = sandbox.path("pupitre.db");

  test::ProcessResult run(std::vector<std::string> args)
  {
    args.insert(args.begin(), {"--db", db});
    return test::runProcess(PUPITRECTL, args);
  }
  std::string ok(const std::vector<std::string>& args)
  {
    const auto result = run(args);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "pupitrectl failed: " << result.err);
    return result.out;
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(cli_escaping_tests)

BOOST_AUTO_TEST_CASE(printable_escapes_what_moves_the_cursor_and_keeps_the_rest)
{
  BOOST_TEST(printable("García, Ana") == "García, Ana");
  BOOST_TEST(printable("a\tb\nc\rd") == "a\\tb\\nc\\rd");
  BOOST_TEST(printable("\x1B[2J\x7F") == "\\x1B[2J\\x7F");
  BOOST_TEST(printable("back\\slash") == "back\\\\slash");
  BOOST_TEST(printable("\xC2\x85 \xE2\x80\xAE \xE2\x80\xA8") == "\\u0085 \\u202E \\u2028");
  BOOST_TEST(printable("\xFF\xC3") == "\\xFF\\xC3");
  BOOST_TEST(!hasControlCharacters("Ana's laptop \\ 2 — ñ"));
  BOOST_TEST(hasControlCharacters("Laptop\n"));
  BOOST_TEST(hasControlCharacters("\xE2\x80\xAEpotpal"));
  BOOST_TEST(hasControlCharacters("\xFF"));
}

BOOST_FIXTURE_TEST_CASE(resource_and_student_lists_keep_one_line_per_row_and_their_columns, Cli)
{
  const std::string cls = test::firstLine(ok({"class", "add", "4B"}));
#ifdef _WIN32
  // A Windows file name cannot hold C0 control characters (a name with them comes only from
  // another system's sync): here the line separator and the right-to-left override, which
  // Windows allows in names and which also move what a terminal shows.
  const std::string name = "work\u2028sheet\u202E2.pdf";
  const std::string shown = "\twork\\u2028sheet\\u202E2.pdf\t";
#else
  const std::string name = "work\nsheet\t2.pdf";
  const std::string shown = "\twork\\nsheet\\t2.pdf\t";
#endif
  // Not sandbox.path(): mingw's std::filesystem::path would re-encode the UTF-8 name.
  const std::string file = utf8String(sandbox.dir() / utf8Path(name));
  test::writeFile(file, "%PDF-1.4 a worksheet");
  ok({"resource", "add", cls, file});
  const auto resources = ok({"resource", "list"});
  BOOST_TEST(lineCount(resources) == 2u, resources);
  const std::string row = resources.substr(resources.find('\n') + 1);
  BOOST_TEST(tabsIn(row) == tabsIn(resources.substr(0, resources.find('\n'))));
  BOOST_TEST(contains(row, shown), row);

  ok({"student", "add", cls, "Ana\x1B[31m", "Gar\ncía"});
  const auto students = ok({"list", "students"});
  BOOST_TEST(lineCount(students) == 2u, students);
  BOOST_TEST(contains(students, "Ana\\x1B[31m"), students);
  BOOST_TEST(contains(students, "Gar\\ncía"), students);
}

BOOST_AUTO_TEST_CASE(pupitred_refuses_a_device_name_with_control_characters_at_login)
{
  test::Sandbox sandbox;
  test::Pupitred daemon(sandbox);
  test::RawSocket raw(daemon.socket());
  raw.send(R"({"jsonrpc":"2.0","id":7,"method":"login","params":{"server":"https://127.0.0.1:9",)"
           R"("email":"ana@school.es","password":"secret","device_name":"Tablet\n2026 forged"}})"
           "\n");
  const auto answer = raw.readLine().value_or("");
  BOOST_TEST(test::errorCode(answer) == ipc::errors::kInvalidParams, answer);
  BOOST_TEST(contains(answer, "control characters"), answer);
}

BOOST_AUTO_TEST_SUITE_END()
