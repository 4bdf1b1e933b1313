// The web version's data (server/web/): the account's web replica on the real model and sync
// engine, in this process. A second replica of the same account, in another folder, plays a
// device (the same engine and model a device runs); the e2e tests use real pupitred processes.
#include "service_fixture.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/sync/conflicts.h"
#include "server/web/web_data.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <thread>

#ifdef _WIN32
#include "pupitre/win/private_acl.h"
#include "support/windows_acl.h"

#include <set>
#endif

using namespace pupitre;
using namespace pupitre::test;
using server::web::WebData;
using server::web::WebReplica;

namespace {

Poco::JSON::Object::Ptr json(const server::Outcome<std::string>& answer)
{
  BOOST_REQUIRE_MESSAGE(answer,
                        (answer ? "" : answer.error().code + ": " + answer.error().message));
  return Poco::JSON::Parser().parse(answer.value()).extract<Poco::JSON::Object::Ptr>();
}

struct WebFixture : ServiceFixture
{
  WebFixture()
  {
    addAccount("ana@school.es");
    addAccount("bea@school.es");
    a = store.findAccount("ana@school.es")->id;
    b = store.findAccount("bea@school.es")->id;
  }
  // The class, one student and one assessment, made on the "device" and synced.
  void seed()
  {
    device.replicas().with(a, [&](WebReplica& r) {
      r.refresh();
      model::SchoolClass c;
      c.name = "3B";
      classId = model::Classes(r.db()).create(c);
      model::Student s;
      s.classId = classId;
      s.givenName = "Marta";
      s.familyName = "Soler";
      studentId = model::Students(r.db()).create(s);
      model::Assessment t;
      t.classId = classId;
      t.name = "Dictado";
      assessmentId = model::Assessments(r.db()).create(t);
      r.sync();
    });
  }
  // The mark on the "device", without syncing (offline).
  void deviceMark(const std::string& value)
  {
    device.replicas().with(a, [&](WebReplica& r) {
      model::MarkInput input;
      input.value = value;
      model::Marks(r.db()).set(studentId, assessmentId, input);
    });
  }
  std::string deviceValue()
  {
    return device.replicas().with(a, [&](WebReplica& r) {
      r.refresh();
      const auto m = model::Marks(r.db()).find(studentId, assessmentId);
      return m ? store::toText(m->value) : std::string("(none)");
    });
  }
  std::string webMark(const std::string& value)
  {
    return "{\"student_id\":\"" + studentId + "\",\"assessment_id\":\"" + assessmentId +
           "\",\"value\":\"" + value + "\"}";
  }

  WebData web{service, {sandbox.path("web")}};
  WebData device{service, {sandbox.path("device")}};
  std::int64_t a = 0;
  std::int64_t b = 0;
  std::string classId, studentId, assessmentId;
};

} // namespace

BOOST_AUTO_TEST_SUITE(web_data)

BOOST_FIXTURE_TEST_CASE(gradebook_shows_what_a_device_pushed, WebFixture)
{
  seed();
  deviceMark("6");
  deviceValue(); // syncs
  const auto book = json(web.gradebook(a, classId, ""));
  BOOST_TEST(book->getObject("class")->getValue<std::string>("name") == "3B");
  BOOST_TEST(book->getArray("students")->getObject(0)->getValue<std::string>("family_name") ==
             "Soler");
  BOOST_TEST(book->getArray("assessments")->getObject(0)->getValue<std::string>("name") ==
             "Dictado");
  BOOST_TEST(book->getArray("marks")->getObject(0)->getValue<double>("value") == 6.0);
  BOOST_TEST(book->getArray("averages")->getObject(0)->getValue<double>("final") == 6.0);
  BOOST_TEST(book->getValue<std::int64_t>("version") == service.dataVersion(a));
}

BOOST_FIXTURE_TEST_CASE(a_web_mark_reaches_a_device_and_grows_the_version, WebFixture)
{
  seed();
  const auto before = json(web.changes(a))->getValue<std::int64_t>("version");
  const auto answer = json(web.setMark(a, webMark("7,5")));
  BOOST_TEST(answer->getObject("mark")->getValue<double>("value") == 7.5);
  BOOST_TEST(answer->getObject("averages")->getValue<double>("final") == 7.5);
  const auto after = json(web.changes(a))->getValue<std::int64_t>("version");
  BOOST_TEST(after > before);
  BOOST_TEST(answer->getValue<std::int64_t>("version") == after);
  BOOST_TEST(deviceValue() == "7.5");
  // Emptying the cell removes the mark, there and on the device.
  const auto cleared = json(web.setMark(a, webMark("")));
  BOOST_TEST(cleared->isNull("mark"));
  BOOST_TEST(deviceValue() == "(none)");
}

BOOST_FIXTURE_TEST_CASE(an_invalid_mark_is_refused_with_the_sentence, WebFixture)
{
  seed();
  const auto before = service.dataVersion(a);
  const auto answer = web.setMark(a, webMark("15"));
  BOOST_REQUIRE(!answer);
  BOOST_TEST(answer.error().status == 400);
  BOOST_TEST(answer.error().code == "invalid");
  BOOST_TEST(answer.error().field == "value");
  BOOST_TEST(answer.error().message.find("outside") != std::string::npos, answer.error().message);
  BOOST_TEST(service.dataVersion(a) == before);
  BOOST_TEST(deviceValue() == "(none)");
}

BOOST_FIXTURE_TEST_CASE(another_accounts_ids_are_unknown, WebFixture)
{
  seed();
  BOOST_TEST(web.gradebook(b, classId, "").error().status == 404);
  BOOST_TEST(web.setMark(b, webMark("5")).error().status == 404);
  BOOST_TEST(web.attendance(b, classId, "2026-12-01").error().status == 404);
  BOOST_TEST(web.journal(b, classId).error().status == 404);
  BOOST_TEST(web.students(b, classId).error().status == 404);
  BOOST_TEST(web.resources(b, classId).error().status == 404);
  BOOST_TEST(web.createJournalEntry(b, "{\"class_id\":\"" + classId + "\",\"date\":\"2026-12-01\"}")
                 .error()
                 .status == 404);
  BOOST_TEST(
      web.updateStudent(b, "{\"id\":\"" + studentId + "\",\"notes\":\"x\"}").error().status == 404);
  BOOST_TEST(web.uploadResource(b, classId, "a.txt", "hello").error().status == 404);
  BOOST_TEST(deviceValue() == "(none)");
  BOOST_TEST(json(web.classes(b))->getArray("classes")->size() == 0u);
}

BOOST_FIXTURE_TEST_CASE(the_replica_keeps_its_device_id, WebFixture)
{
  std::string first;
  web.replicas().with(a, [&](WebReplica& r) { first = r.deviceId(); });
  BOOST_TEST(first.rfind("web-", 0) == 0);
  WebData again{service, {sandbox.path("web")}};
  again.replicas().with(a, [&](WebReplica& r) { BOOST_TEST(r.deviceId() == first); });
  // Marks and names: only the server's user may read them.
  const std::string replica = sandbox.path("web") + "/" + std::to_string(a) + ".db";
#ifdef _WIN32
  // No file modes: a DACL for the user and SYSTEM alone.
  const std::set<std::string> userAndSystem{win::currentUserSid(), "S-1-5-18"};
  BOOST_TEST((allowedSids(sandbox.path("web")) == userAndSystem));
  BOOST_TEST((allowedSids(replica) == userAndSystem));
#else
  namespace fs = std::filesystem;
  const auto mode = [](const std::string& path) {
    return static_cast<int>(fs::status(path).permissions() & fs::perms::all);
  };
  BOOST_TEST(mode(sandbox.path("web")) == 0700);
  BOOST_TEST(mode(replica) == 0600);
#endif
}

BOOST_FIXTURE_TEST_CASE(a_later_web_edit_wins_over_an_earlier_offline_one, WebFixture)
{
  seed();
  deviceMark("6"); // offline, first
  clock.advance(60'000);
  json(web.setMark(a, webMark("8"))); // later, on the web
  clock.advance(60'000);
  BOOST_TEST(deviceValue() == "8"); // the device syncs last and loses
  BOOST_TEST(json(web.gradebook(a, classId, ""))
                 ->getArray("marks")
                 ->getObject(0)
                 ->getValue<double>("value") == 8.0);
  const auto list = json(web.conflicts(a))->getArray("conflicts");
  BOOST_REQUIRE_EQUAL(list->size(), 1u);
  const auto conflict = list->getObject(0);
  BOOST_TEST(conflict->getValue<double>("lost") == 6.0);
  BOOST_TEST(conflict->getValue<std::string>("kept_device") == "Web version");
  BOOST_TEST(conflict->getValue<std::string>("sentence").find("Mark of Marta Soler in Dictado") ==
             0u);
  // Restore from the web: the lost value everywhere.
  json(web.restoreConflict(a, "{\"id\":\"" + conflict->getValue<std::string>("id") + "\"}"));
  BOOST_TEST(deviceValue() == "6");
}

BOOST_FIXTURE_TEST_CASE(a_later_offline_edit_wins_over_an_earlier_web_one, WebFixture)
{
  seed();
  deviceValue();                      // the device knows everything up to now
  json(web.setMark(a, webMark("8"))); // first, on the web
  clock.advance(60'000);
  deviceMark("6"); // later, offline
  BOOST_TEST(deviceValue() == "6");
  BOOST_TEST(json(web.gradebook(a, classId, ""))
                 ->getArray("marks")
                 ->getObject(0)
                 ->getValue<double>("value") == 6.0);
}

BOOST_FIXTURE_TEST_CASE(replicas_are_closed_beyond_the_limit, WebFixture)
{
  WebData few{service, {sandbox.path("few"), 1}};
  json(few.classes(a));
  json(few.classes(b));
  BOOST_TEST(few.replicas().openCount() == 1u);
  json(few.classes(a)); // opens again
}

BOOST_FIXTURE_TEST_CASE(journal_attendance_and_students_are_edited_and_reach_the_device, WebFixture)
{
  seed();
  const auto entry = json(web.createJournalEntry(
      a, "{\"class_id\":\"" + classId +
             "\",\"date\":\"2026-12-01\",\"title\":\"Fractions\",\"body\":\"p. 12\"}"));
  const auto entryId = entry->getObject("entry")->getValue<std::string>("id");
  json(web.updateJournalEntry(a, "{\"id\":\"" + entryId + "\",\"done\":true}"));
  const auto journal = json(web.journal(a, classId))->getArray("entries");
  BOOST_REQUIRE_EQUAL(journal->size(), 1u);
  BOOST_TEST(journal->getObject(0)->getValue<bool>("done"));
  BOOST_TEST(journal->getObject(0)->getValue<std::string>("title") == "Fractions");

  json(web.setAttendance(a, "{\"student_id\":\"" + studentId +
                                "\",\"date\":\"2026-12-01\",\"state\":\"late\"}"));
  const auto day = json(web.attendance(a, classId, "2026-12-01"));
  BOOST_TEST(day->getArray("records")->getObject(0)->getValue<std::string>("state") == "late");
  const auto badDate = web.attendance(a, classId, "2026-13-01");
  BOOST_TEST(badDate.error().code == "invalid");
  BOOST_TEST(badDate.error().field == "date");

  json(web.updateStudent(a, "{\"id\":\"" + studentId + "\",\"notes\":\"Front row\"}"));
  BOOST_TEST(json(web.students(a, classId))
                 ->getArray("students")
                 ->getObject(0)
                 ->getValue<std::string>("notes") == "Front row");

  // A text longer than a field may hold is refused before anything is written.
  const std::string huge(service.maxTextBytes() + 1, 'x');
  const auto tooLong =
      web.updateJournalEntry(a, "{\"id\":\"" + entryId + "\",\"body\":\"" + huge + "\"}");
  BOOST_TEST(tooLong.error().field == "body");

  const auto onDevice = device.replicas().with(a, [&](WebReplica& r) {
    r.refresh();
    return model::Students(r.db()).get(studentId).notes;
  });
  BOOST_TEST(onDevice == "Front row");
}

BOOST_FIXTURE_TEST_CASE(concurrent_edits_of_two_accounts_are_all_kept, WebFixture)
{
  seed();
  // Bea's class too, so that her requests use her replica while Ana's are under way; one
  // replica open at most, so they also close and open each other's.
  std::string beaClass;
  device.replicas().with(b, [&](WebReplica& r) {
    model::SchoolClass c;
    c.name = "Bea's class";
    beaClass = model::Classes(r.db()).create(c);
    r.sync();
  });
  std::vector<std::string> assessments;
  device.replicas().with(a, [&](WebReplica& r) {
    r.refresh();
    for (int i = 0; i < 4; ++i) {
      model::Assessment t;
      t.classId = classId;
      t.name = "Test " + std::to_string(i);
      assessments.push_back(model::Assessments(r.db()).create(t));
    }
    r.sync();
  });
  WebData busy{service, {sandbox.path("busy"), 1}};
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        const std::string body = "{\"student_id\":\"" + studentId + "\",\"assessment_id\":\"" +
                                 assessments[static_cast<std::size_t>(t)] + "\",\"value\":\"" +
                                 std::to_string(i + 1) + "\"}";
        failures += busy.setMark(a, body) ? 0 : 1;
        failures += busy.classes(b) ? 0 : 1;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  BOOST_TEST(failures.load() == 0);
  BOOST_TEST(busy.replicas().openCount() <= 1u);
  device.replicas().with(a, [&](WebReplica& r) {
    r.refresh();
    for (const auto& id : assessments) {
      const auto mark = model::Marks(r.db()).find(studentId, id);
      BOOST_TEST((mark && store::toText(mark->value) == "5"));
    }
  });
}

BOOST_FIXTURE_TEST_CASE(an_erased_accounts_replica_is_never_shown_to_a_new_account, WebFixture)
{
  // Bea's account is the last one: erased, its id goes to the next account made.
  device.replicas().with(b, [&](WebReplica& r) {
    model::SchoolClass c;
    c.name = "Bea's class";
    model::Classes(r.db()).create(c);
    r.sync();
  });
  BOOST_TEST(json(web.classes(b))->getArray("classes")->size() == 1u);
  admin.erase("bea@school.es");
  BOOST_TEST(web.classes(b).error().status == 401); // the account is gone
  clock.advance(1000);
  addAccount("carla@school.es");
  const auto carla = store.findAccount("carla@school.es")->id;
  if (testsOnPostgres()) {
    BOOST_TEST(carla != b); // PostgreSQL never hands out an id again: nothing to mix up
    return;
  }
  BOOST_REQUIRE_EQUAL(carla, b); // the same id
  BOOST_TEST(json(web.classes(carla))->getArray("classes")->size() == 0u);
  // And after a restart of the server, from the file.
  WebData again{service, {sandbox.path("web")}};
  BOOST_TEST(json(again.classes(carla))->getArray("classes")->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
