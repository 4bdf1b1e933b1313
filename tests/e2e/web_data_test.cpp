// The web version's data (issue 15; docs/web.md, "The web replica"): a real pupitre-server
// and real pupitred, the web side spoken to over loopback as the page does (session cookie,
// CSRF token). A web edit is a server-side write of the account's web replica: it reaches
// devices through their normal pull and follows the same "most recent edit wins" rule.
#include "cluster.h"
#include "web_client.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

namespace {

// A class with one student and one assessment, made on device A and synced; the web signed in.
struct WebWorld
{
  Cluster cluster{{.devices = 1}};
  WebClient web{cluster.server.port()};
  std::string cls, student, assessment;

  WebWorld()
  {
    cluster.loginAll();
    Device& a = cluster[0];
    cls = a.write({"class", "add", "3B Lengua"});
    student = a.write({"student", "add", cls, "Marta", "Soler"});
    assessment = a.write({"assessment", "add", cls, "Dictado", "--date", "2026-10-05"});
    a.syncOk();
    web.login();
  }

  // The mark's value on device A ("(none)" without one), as its export has it.
  std::string valueOnDevice()
  {
    const auto all = parseObject(cluster[0].exportJson());
    BOOST_REQUIRE(all);
    const auto marks = all->getArray("marks");
    for (std::size_t i = 0; marks && i < marks->size(); ++i) {
      const auto m = marks->getObject(static_cast<unsigned>(i));
      if (m->getValue<std::string>("student_id") == student &&
          m->getValue<std::string>("assessment_id") == assessment) {
        return m->get("value").convert<std::string>();
      }
    }
    return "(none)";
  }
  // The mark's value in the web's gradebook.
  std::string valueOnWeb()
  {
    const auto book = web.getJson("/api/v1/web/gradebook?class=" + cls);
    const auto marks = book->getArray("marks");
    for (std::size_t i = 0; marks && i < marks->size(); ++i) {
      const auto m = marks->getObject(static_cast<unsigned>(i));
      if (m->getValue<std::string>("student_id") == student) {
        return m->get("value").convert<std::string>();
      }
    }
    return "(none)";
  }
  HttpAnswer putMark(const std::string& value)
  {
    return web.put("/api/v1/web/mark", markJson(student, assessment, value));
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(web_data_tests)

BOOST_AUTO_TEST_CASE(a_web_mark_reaches_a_device_and_a_device_mark_reaches_the_web)
{
  WebWorld world;
  Device& a = world.cluster[0];
  const auto written = world.putMark("7,5");
  BOOST_TEST_REQUIRE(written.status == 200, written.body);
  BOOST_TEST(parseObject(written.body)->getObject("mark")->getValue<double>("value") == 7.5);
  BOOST_TEST(a.syncOk().received > 0);
  BOOST_TEST(world.valueOnDevice() == "7.5");

  const auto before = world.web.version();
  waitForLaterEditTime();
  a.write({"mark", "set", world.student, world.assessment, "9"});
  BOOST_TEST(a.syncOk().sent > 0);
  BOOST_TEST(world.web.version() > before);
  BOOST_TEST(world.valueOnWeb() == "9");
  world.cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(a_later_web_edit_wins_over_an_earlier_offline_edit)
{
  WebWorld world;
  Device& a = world.cluster[0];
  a.write({"mark", "set", world.student, world.assessment, "6"}); // offline, first
  waitForLaterEditTime();
  BOOST_TEST_REQUIRE(world.putMark("8").status == 200); // later, on the web
  const auto sync = a.syncOk();                         // the device syncs last
  BOOST_TEST(sync.conflicts == 1);
  BOOST_TEST(world.valueOnDevice() == "8");
  BOOST_TEST(world.valueOnWeb() == "8");
  world.cluster.requireConverged();

  // The device's value is in the conflict list, on the device and on the web.
  const auto onDevice = a.conflicts();
  BOOST_REQUIRE_EQUAL(onDevice->size(), 1u);
  BOOST_TEST(onDevice->getObject(0)->get("lost_value").convert<std::string>() == "6");
  const auto onWeb = world.web.getJson("/api/v1/web/conflicts")->getArray("conflicts");
  BOOST_REQUIRE_EQUAL(onWeb->size(), 1u);
  const auto conflict = onWeb->getObject(0);
  BOOST_TEST(conflict->get("lost").convert<std::string>() == "6");
  BOOST_TEST(conflict->getValue<std::string>("kept_device") == "Web version");
  // The device as the account lists it (pupitred names itself after the computer).
  const std::string lostDevice = conflict->getValue<std::string>("lost_device");
  BOOST_TEST(lostDevice != "Web version");
  BOOST_TEST(lostDevice != "another device");

  // Restore from the web: the device's value comes back everywhere.
  const auto restored =
      world.web.post("/api/v1/web/conflicts/restore",
                     "{\"id\":\"" + conflict->getValue<std::string>("id") + "\"}");
  BOOST_TEST_REQUIRE(restored.status == 200, restored.body);
  BOOST_TEST(world.valueOnWeb() == "6");
  a.syncOk();
  BOOST_TEST(world.valueOnDevice() == "6");
}

BOOST_AUTO_TEST_CASE(a_later_offline_edit_wins_over_an_earlier_web_edit)
{
  WebWorld world;
  Device& a = world.cluster[0];
  BOOST_TEST_REQUIRE(world.putMark("8").status == 200); // first, on the web
  waitForLaterEditTime();
  a.write({"mark", "set", world.student, world.assessment, "5"}); // later, offline
  a.syncOk();
  BOOST_TEST(world.valueOnDevice() == "5");
  BOOST_TEST(world.valueOnWeb() == "5");
  world.cluster.requireConverged();
  const auto onWeb = world.web.getJson("/api/v1/web/conflicts")->getArray("conflicts");
  BOOST_REQUIRE_EQUAL(onWeb->size(), 1u);
  BOOST_TEST(onWeb->getObject(0)->get("lost").convert<std::string>() == "8");
  BOOST_TEST(onWeb->getObject(0)->getValue<std::string>("lost_device") == "Web version");
}

BOOST_AUTO_TEST_CASE(an_invalid_mark_is_refused_and_nothing_is_written)
{
  WebWorld world;
  const auto before = world.web.version();
  const auto refused = world.putMark("15");
  BOOST_TEST(refused.status == 400);
  const auto error = parseObject(refused.body)->getObject("error");
  BOOST_REQUIRE(error);
  BOOST_TEST(error->getValue<std::string>("code") == "invalid");
  BOOST_TEST(error->getValue<std::string>("field") == "value");
  BOOST_TEST(contains(error->getValue<std::string>("message"), "outside"));
  BOOST_TEST(world.web.version() == before);
  world.cluster[0].syncOk();
  BOOST_TEST(world.valueOnDevice() == "(none)");

  // Every web refusal has that shape, the session check's too (the page reads error.code).
  WebClient stranger(world.cluster.server.port());
  const auto notSignedIn = stranger.get("/api/v1/web/classes");
  BOOST_TEST(notSignedIn.status == 401);
  const auto nested = parseObject(notSignedIn.body);
  BOOST_REQUIRE(nested && nested->getObject("error"));
  BOOST_TEST(nested->getObject("error")->getValue<std::string>("code") == "unauthorized");
}

BOOST_AUTO_TEST_CASE(another_account_gets_404_for_every_id_of_this_one)
{
  WebWorld world;
  const auto added = world.cluster.server.admin(
      {"user", "add", "bea@school.es", "--licence", "multi", "--devices", "3"},
      std::string(kPassword) + "\n");
  BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
  WebClient other(world.cluster.server.port());
  other.login("bea@school.es");
  const std::string& cls = world.cls;
  for (const std::string& path :
       {"/api/v1/web/gradebook?class=" + cls,
        "/api/v1/web/attendance?class=" + cls + "&date=2026-10-05",
        "/api/v1/web/journal?class=" + cls, "/api/v1/web/students?class=" + cls,
        "/api/v1/web/resources?class=" + cls, "/api/v1/web/picture?student=" + world.student}) {
    BOOST_TEST(other.get(path).status == 404, path);
  }
  BOOST_TEST(other.put("/api/v1/web/mark", markJson(world.student, world.assessment, "5")).status ==
             404);
  BOOST_TEST(
      other
          .put("/api/v1/web/attendance", "{\"student_id\":\"" + world.student +
                                             "\",\"date\":\"2026-10-05\",\"state\":\"absent\"}")
          .status == 404);
  BOOST_TEST(other
                 .post("/api/v1/web/journal",
                       "{\"class_id\":\"" + cls + "\",\"date\":\"2026-10-05\",\"title\":\"x\"}")
                 .status == 404);
  BOOST_TEST(other.put("/api/v1/web/student", "{\"id\":\"" + world.student + "\",\"notes\":\"x\"}")
                 .status == 404);
  BOOST_TEST(other
                 .post("/api/v1/web/resources?class=" + cls + "&name=a.txt", "hello",
                       "application/octet-stream")
                 .status == 404);
  BOOST_TEST(other.getJson("/api/v1/web/classes")->getArray("classes")->size() == 0u);
  // Nothing of A's account changed.
  world.cluster[0].syncOk();
  BOOST_TEST(world.valueOnDevice() == "(none)");
  BOOST_TEST(world.web.getJson("/api/v1/web/journal?class=" + cls)->getArray("entries")->size() ==
             0u);
}

BOOST_AUTO_TEST_CASE(an_upload_over_the_quota_is_refused_and_nothing_is_stored)
{
  WebWorld world;
  const auto quota = world.cluster.server.admin({"user", "quota", kEmail, "1KB"});
  BOOST_REQUIRE_MESSAGE(quota.exitCode == 0, quota.err);
  const std::string big(4000, 'x');
  const auto refused =
      world.web.post("/api/v1/web/resources?class=" + world.cls + "&name=notes.txt", big,
                     "application/octet-stream");
  BOOST_TEST(refused.status == 413);
  BOOST_TEST(parseObject(refused.body)->getObject("error")->getValue<std::string>("code") ==
             "quota");
  const auto list = world.web.getJson("/api/v1/web/resources?class=" + world.cls);
  BOOST_TEST(list->getArray("resources")->size() == 0u);
  BOOST_TEST(list->getObject("storage")->getValue<std::int64_t>("used") == 0);

  // Within the quota: stored, listed, downloadable, and on the device after its sync.
  const auto stored = world.web.post("/api/v1/web/resources?class=" + world.cls + "&name=a.txt",
                                     "hello", "application/octet-stream");
  BOOST_TEST_REQUIRE(stored.status == 200, stored.body);
  const auto id = parseObject(stored.body)->getObject("resource")->getValue<std::string>("id");
  const auto file = world.web.get("/api/v1/web/resource?id=" + id);
  BOOST_TEST(file.status == 200);
  BOOST_TEST(file.body == "hello");
  world.cluster[0].syncOk();
  BOOST_TEST(exportedRow(world.cluster[0].exportJson(), "resources", id) != nullptr);
}

BOOST_AUTO_TEST_CASE(a_web_delete_and_its_undo_reach_the_device)
{
  WebWorld world;
  Device& a = world.cluster[0];
  const std::string entry =
      a.write({"journal", "add", world.cls, "2026-10-05", "Read the poem", "--title", "Poem"});
  a.syncOk();
  const auto stored = world.web.post("/api/v1/web/resources?class=" + world.cls + "&name=a.txt",
                                     "hello", "application/octet-stream");
  BOOST_TEST_REQUIRE(stored.status == 200, stored.body);
  const auto resource =
      parseObject(stored.body)->getObject("resource")->getValue<std::string>("id");
  a.syncOk();
  BOOST_TEST_REQUIRE(exportedRow(a.exportJson(), "journal", entry) != nullptr);
  BOOST_TEST_REQUIRE(exportedRow(a.exportJson(), "resources", resource) != nullptr);

  const auto body = [](const std::string& table, const std::string& id) {
    return "{\"table\":\"" + table + "\",\"id\":\"" + id + "\"}";
  };
  // Delete both on the web: gone from the web's lists and, after its sync, from the device.
  const auto deleted = world.web.post("/api/v1/web/delete", body("journal_entry", entry));
  BOOST_TEST_REQUIRE(deleted.status == 200, deleted.body);
  BOOST_TEST(world.web.post("/api/v1/web/delete", body("resource", resource)).status == 200);
  BOOST_TEST(
      world.web.getJson("/api/v1/web/journal?class=" + world.cls)->getArray("entries")->size() ==
      0u);
  BOOST_TEST(world.web.getJson("/api/v1/web/resources?class=" + world.cls)
                 ->getArray("resources")
                 ->size() == 0u);
  a.syncOk();
  BOOST_TEST(exportedRow(a.exportJson(), "journal", entry) == nullptr);
  BOOST_TEST(exportedRow(a.exportJson(), "resources", resource) == nullptr);
  // Deleting it again: 404, nothing changes.
  BOOST_TEST(world.web.post("/api/v1/web/delete", body("journal_entry", entry)).status == 404);

  // Undo: back on the web and, after the next sync, on the device with its fields.
  const auto undone = world.web.post("/api/v1/web/undelete", body("journal_entry", entry));
  BOOST_TEST_REQUIRE(undone.status == 200, undone.body);
  BOOST_TEST(world.web.post("/api/v1/web/undelete", body("resource", resource)).status == 200);
  BOOST_TEST(
      world.web.getJson("/api/v1/web/journal?class=" + world.cls)->getArray("entries")->size() ==
      1u);
  a.syncOk();
  const auto back = exportedRow(a.exportJson(), "journal", entry);
  BOOST_REQUIRE(back);
  BOOST_TEST(back->getValue<std::string>("title") == "Poem");
  BOOST_TEST(exportedRow(a.exportJson(), "resources", resource) != nullptr);
  world.cluster.requireConverged();

  // A table other than the two, or an id of the other table: 400 / 404.
  BOOST_TEST(world.web.post("/api/v1/web/delete", body("student", world.student)).status == 400);
  BOOST_TEST(world.web.post("/api/v1/web/delete", body("resource", entry)).status == 404);
  BOOST_TEST(world.web.post("/api/v1/web/delete", body("journal_entry", world.student)).status ==
             404);
  a.syncOk();
  BOOST_TEST(exportedRow(a.exportJson(), "journal", entry) != nullptr);
}

BOOST_AUTO_TEST_CASE(another_account_cannot_delete_or_undelete_this_ones_records)
{
  WebWorld world;
  Device& a = world.cluster[0];
  const std::string entry =
      a.write({"journal", "add", world.cls, "2026-10-05", "Read the poem", "--title", "Poem"});
  a.syncOk();
  const auto added = world.cluster.server.admin(
      {"user", "add", "bea@school.es", "--licence", "multi", "--devices", "3"},
      std::string(kPassword) + "\n");
  BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
  WebClient other(world.cluster.server.port());
  other.login("bea@school.es");
  const std::string body = "{\"table\":\"journal_entry\",\"id\":\"" + entry + "\"}";
  BOOST_TEST(other.post("/api/v1/web/delete", body).status == 404);
  BOOST_TEST_REQUIRE(world.web.post("/api/v1/web/delete", body).status == 200);
  BOOST_TEST(other.post("/api/v1/web/undelete", body).status == 404);
  a.syncOk();
  BOOST_TEST(exportedRow(a.exportJson(), "journal", entry) == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
