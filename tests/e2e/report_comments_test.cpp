// Report card comments and the class's school name (issue 17; docs/data-model.md, "Report
// card comments") between real devices through a real server: written with pupitrectl on one
// device, they sync to the other, whose report card prints them; the same comment written on
// both devices offline keeps the later one and lists the earlier as a conflict; a database
// left by the previous version (schema 4) migrates and keeps syncing.
#include "cluster.h"
#include "support/process.h"
#include "web_client.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace pupitre::e2e;

namespace {

constexpr const char* kComment = "Núria ha treballat molt bé. عمل ممتاز. 学习很认真。";

// A class (with its default terms and a school) and one student, on both devices.
struct SharedClass
{
  Cluster cluster;
  std::string cls;
  std::string student;

  SharedClass()
  {
    cluster.loginAll();
    cls = cluster[0].write({"class", "add", "4º B Història", "--year", "2026-2027"});
    student = cluster[0].write({"student", "add", cls, "Núria", "Pla i Ferrer"});
    cluster.syncUntilQuiet();
  }
};

// The text of the student's report card made on `device` (pdftotext), "" when it failed.
std::string reportCardText(Cluster& cluster, const Device& device, const std::string& student,
                           const std::vector<std::string>& more = {})
{
  const auto pdf = cluster.sandbox.path(device.name() + "-card.pdf");
  std::vector<std::string> args{"report", "student", student, "--format", "pdf", "-o", pdf};
  args.insert(args.end(), more.begin(), more.end());
  const auto written = device.data(args, {{"LANGUAGE", "en"}, {"LC_ALL", "C.UTF-8"}});
  BOOST_TEST_INFO(written.err);
  BOOST_TEST_REQUIRE(written.exitCode == 0);
  const auto text = pupitre::test::runProcess("pdftotext", {"-enc", "UTF-8", pdf, "-"});
  BOOST_TEST_REQUIRE(text.exitCode == 0);
  return text.out;
}

std::string commentOn(const Device& device, const std::string& student,
                      const std::vector<std::string>& more = {})
{
  std::vector<std::string> args{"comment", "show", student};
  args.insert(args.end(), more.begin(), more.end());
  const auto shown = device.data(args);
  BOOST_TEST_INFO(shown.err);
  BOOST_TEST_REQUIRE(shown.exitCode == 0);
  return pupitre::test::firstLine(shown.out);
}

} // namespace

BOOST_AUTO_TEST_SUITE(report_comments_tests)

BOOST_AUTO_TEST_CASE(a_comment_and_school_set_on_one_device_are_on_the_others_report_card)
{
  SharedClass world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  a.write({"comment", "set", world.student, kComment});
  a.write({"class", "update", world.cls, "--school", "IES Lluís Vives"});
  BOOST_TEST(a.syncOk().sent > 0);
  BOOST_TEST(b.syncOk().received > 0);

  BOOST_TEST(commentOn(b, world.student) == kComment);
  const auto card = reportCardText(world.cluster, b, world.student);
  BOOST_TEST(contains(card, "IES Lluís Vives"), card);
  BOOST_TEST(contains(card, "Núria ha treballat molt bé."), card);
  BOOST_TEST(contains(card, "学习很认真"), card);
  BOOST_TEST(contains(card, "ممتاز"), card);

  // A term's comment is another record; the report card of that term prints it.
  const auto terms = parseArray(b.data({"term", "list", world.cls, "--json"}).out);
  const auto first = terms->getObject(0)->getValue<std::string>("id");
  b.write({"comment", "set", world.student, "--term", first, "Bon primer trimestre."});
  b.syncOk();
  a.syncOk();
  const auto termCard = reportCardText(world.cluster, a, world.student, {"--term", first});
  BOOST_TEST(contains(termCard, "Bon primer trimestre."), termCard);
  BOOST_TEST(!contains(termCard, "学习很认真"), termCard);
  // The options of one report override what is stored, for that report only.
  const auto given = reportCardText(world.cluster, a, world.student,
                                    {"--school", "Escola Pia", "--comment", "Only on paper"});
  BOOST_TEST(contains(given, "Escola Pia"), given);
  BOOST_TEST(contains(given, "Only on paper"), given);
  BOOST_TEST(!contains(given, "IES Lluís Vives"), given);
  BOOST_TEST(commentOn(a, world.student) == kComment);

  // Cleared on A: gone from B.
  a.write({"comment", "clear", world.student});
  a.syncOk();
  b.syncOk();
  BOOST_TEST(commentOn(b, world.student).empty());
  world.cluster.syncUntilQuiet();
  world.cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(a_comment_written_on_both_devices_offline_keeps_the_later_one)
{
  SharedClass world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  const auto id = a.write({"comment", "set", world.student, "Written on A first."});
  waitForLaterEditTime();
  BOOST_TEST(b.write({"comment", "set", world.student, "Written on B later."}) == id);
  a.syncOk();
  b.syncOk();
  a.syncOk();
  world.cluster.syncUntilQuiet();
  world.cluster.requireConverged();
  for (Device* device : {&a, &b}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      BOOST_TEST(commentOn(*device, world.student) == "Written on B later.");
      const auto lost = conflictsOn(device->conflicts(), id, "text");
      BOOST_TEST_REQUIRE(lost.size() == 1u);
      BOOST_TEST(lost[0]->getValue<std::string>("lost_value") == "Written on A first.");
      BOOST_TEST(lost[0]->getValue<std::string>("table") == "report_comment");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_database_of_the_previous_version_migrates_and_keeps_syncing)
{
  SharedClass world;
  Device& a = world.cluster[0];
  Device& b = world.cluster[1];
  a.write({"assessment", "add", world.cls, "Dictat", "--date", "2026-10-05"});
  a.syncOk();
  // A's database as the previous version (schema 4) left it: no report_comment table, no
  // class.school column, and schema_migration stopping at 4.
  a.stop();
  {
    SQLite::Database old(a.database(), SQLite::OPEN_READWRITE);
    // The change-capture triggers are made again from the schema at each opening.
    std::vector<std::string> triggers;
    SQLite::Statement list(old, "SELECT name FROM sqlite_master WHERE type = 'trigger'");
    while (list.executeStep()) {
      triggers.push_back(list.getColumn(0).getString());
    }
    list.reset();
    for (const auto& trigger : triggers) {
      old.exec("DROP TRIGGER \"" + trigger + "\"");
    }
    old.exec("DROP TABLE report_comment");
    old.exec("ALTER TABLE \"class\" DROP COLUMN school");
    old.exec("DELETE FROM schema_migration WHERE version >= 5");
  }
  // B (already on this version) writes a comment meanwhile.
  b.write({"comment", "set", world.student, "Sent while A was on the old version."});
  b.write({"class", "update", world.cls, "--school", "Escola Pia"});
  b.syncOk();

  a.start();
  BOOST_TEST(a.syncOk().received > 0);
  BOOST_TEST(commentOn(a, world.student) == "Sent while A was on the old version.");
  // The migration backed the old database up first.
  const auto backups = std::filesystem::path(a.database()).parent_path() / "backups";
  bool migrationBackup = false;
  for (const auto& entry : std::filesystem::directory_iterator(backups)) {
    migrationBackup = migrationBackup || contains(entry.path().filename().string(), "migration");
  }
  BOOST_TEST(migrationBackup);
  a.write({"comment", "set", world.student, "Answered from A after the update."});
  a.syncOk();
  b.syncOk();
  BOOST_TEST(commentOn(b, world.student) == "Answered from A after the update.");
  world.cluster.syncUntilQuiet();
  const auto all = world.cluster.requireConverged();
  const auto row = exportedRow(all, "classes", world.cls);
  BOOST_TEST_REQUIRE(row);
  BOOST_TEST(row->getValue<std::string>("school") == "Escola Pia");
  world.cluster.requireIntegrity();
}

BOOST_AUTO_TEST_CASE(a_comment_written_in_the_web_version_reaches_a_device)
{
  Cluster cluster{{.devices = 1}};
  cluster.loginAll();
  Device& a = cluster[0];
  const auto cls = a.write({"class", "add", "3B Lengua", "--year", "2026-2027"});
  const auto student = a.write({"student", "add", cls, "Marta", "Soler"});
  a.write({"comment", "set", student, "Written on the device."});
  a.syncOk();
  WebClient web{cluster.server.port()};
  web.login();

  // The page reads the device's comment, with the class's students and terms.
  const auto shown = web.getJson("/api/v1/web/comments?class=" + cls);
  BOOST_TEST(shown->getArray("terms")->size() == 3u);
  const auto students = shown->getArray("students");
  BOOST_TEST_REQUIRE(students->size() == 1u);
  BOOST_TEST(students->getObject(0)->getValue<std::string>("comment") == "Written on the device.");

  const std::string written = "Marta llegeix molt bé. 很好";
  const auto put = web.put("/api/v1/web/comment",
                           "{\"class_id\": \"" + cls + "\", \"student_id\": \"" + student +
                               "\", \"term_id\": \"\", \"text\": \"  " + written + " \"}");
  BOOST_TEST_REQUIRE(put.status == 200, put.body);
  BOOST_TEST(parseObject(put.body)->getObject("comment")->getValue<std::string>("text") == written);
  const auto school =
      web.put("/api/v1/web/class", "{\"id\": \"" + cls + "\", \"school\": \"IES Lluís Vives\"}");
  BOOST_TEST_REQUIRE(school.status == 200, school.body);

  BOOST_TEST(a.syncOk().received > 0);
  BOOST_TEST(commentOn(a, student) == written);
  const auto card = reportCardText(cluster, a, student);
  BOOST_TEST(contains(card, "IES Lluís Vives"), card);
  BOOST_TEST(contains(card, "Marta llegeix molt bé."), card);

  // Too long: refused with the model's sentence, naming the field; nothing changes.
  const auto tooLong = web.put("/api/v1/web/comment",
                               "{\"class_id\": \"" + cls + "\", \"student_id\": \"" + student +
                                   "\", \"text\": \"" + std::string(1001, 'x') + "\"}");
  BOOST_TEST(tooLong.status == 400);
  const auto error = parseObject(tooLong.body)->getObject("error");
  BOOST_TEST(error->getValue<std::string>("code") == "invalid");
  BOOST_TEST(error->getValue<std::string>("field") == "text");
  BOOST_TEST(contains(error->getValue<std::string>("message"), "at most 1000 characters"));
  // A term of no class of the account: 404.
  BOOST_TEST(web.get("/api/v1/web/comments?class=" + cls + "&term=no-such-term").status == 404);
  a.syncOk();
  BOOST_TEST(commentOn(a, student) == written);
}

BOOST_AUTO_TEST_SUITE_END()
