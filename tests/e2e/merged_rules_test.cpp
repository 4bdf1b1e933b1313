// Merged states that no single device allowed (docs/data-model.md, "Rules a merge can
// break"): each device's edit was valid, the merge of both is not, and every device shows it
// instead of dropping it silently.
#include "cluster.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

namespace {

// `averages CLASS --json` on `device`: the entry of `studentId`.
Poco::JSON::Object::Ptr averagesOf(Device& device, const std::string& classId,
                                   const std::string& studentId)
{
  const auto result = device.data({"averages", classId, "--json"});
  BOOST_TEST_REQUIRE(result.exitCode == 0, result.err);
  const auto list = parseArray(result.out);
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    const auto entry = list->getObject(static_cast<unsigned>(i));
    if (entry && entry->getValue<std::string>("student_id") == studentId) {
      return entry;
    }
  }
  BOOST_FAIL("no averages for student " << studentId << " in " << result.out);
  return nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(merged_rules_tests)

// A narrows an assessment's scale from 0–20 to 0–10 while B, offline, enters 15 on it. Both
// edits were valid where they were made; after the sync both devices hold 15 on a 0–10 scale.
BOOST_AUTO_TEST_CASE(a_mark_outside_a_scale_changed_on_another_device_is_flagged_on_both)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto ana = a.write({"student", "add", cls, "Ana", "García"});
  const auto exam = a.write({"assessment", "add", cls, "Exam", "--scale", "0-20", "--pass", "10"});
  const auto quiz = a.write({"assessment", "add", cls, "Quiz"});
  a.write({"mark", "set", ana, quiz, "6"});
  cluster.syncUntilQuiet();

  a.write({"assessment", "update", exam, "--scale", "0-10", "--pass", "5"}); // no marks yet here
  const auto markId = b.write({"mark", "set", ana, exam, "15"}); // fits 0–20, which B knows
  BOOST_TEST(a.syncOk().sent > 0);
  BOOST_TEST(b.syncOk().conflicts == 0); // different records: no conflict, a merged state
  cluster.syncUntilQuiet();
  const auto all = cluster.requireConverged();
  BOOST_TEST(exportedRow(all, "assessments", exam)->getValue<double>("scale_max") == 10.0);
  BOOST_TEST(exportedRow(all, "marks", markId)->getValue<double>("value") == 15.0); // kept

  for (Device* device : {&a, &b}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto entry = averagesOf(*device, cls, ana);
      BOOST_TEST_REQUIRE(entry->has("out_of_range"),
                         "averages --json does not report the mark it leaves out");
      // The 15 does not count (the quiz's 6 alone makes the average) and the average says so.
      BOOST_TEST(entry->getValue<double>("final") == 6.0);
      BOOST_TEST(entry->getValue<bool>("complete") == false);
      BOOST_TEST(entry->getValue<std::string>("note") == "incomplete: 1 mark out of range");
      const auto leftOut = entry->getArray("out_of_range");
      BOOST_TEST_REQUIRE(leftOut);
      BOOST_TEST_REQUIRE(leftOut->size() == 1u);
      const auto mark = leftOut->getObject(0);
      BOOST_TEST(mark->getValue<std::string>("assessment_id") == exam);
      BOOST_TEST(mark->getValue<std::string>("assessment") == "Exam");
      BOOST_TEST(mark->getValue<double>("value") == 15.0);
      BOOST_TEST(mark->getValue<std::string>("scale") == "0–10");
      BOOST_TEST(mark->getValue<std::string>("message") ==
                 "15 is outside this assessment's scale 0–10; change the mark or the scale.");

      // The plain listing says it too, on the student's line.
      const auto plain = device->data({"averages", cls});
      BOOST_TEST(contains(plain.out, "García, Ana\t6\tincomplete: 1 mark out of range"), plain.out);
    }
  }

  // The teacher fixes it on either device (here: the mark, on A); the flag goes everywhere.
  a.write({"mark", "set", ana, exam, "7,5"});
  cluster.syncUntilQuiet();
  for (Device* device : {&a, &b}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto entry = averagesOf(*device, cls, ana);
      BOOST_TEST(entry->getValue<bool>("complete") == true);
      BOOST_TEST(entry->getArray("out_of_range")->size() == 0u);
      BOOST_TEST(entry->getValue<double>("final") == 6.75);
    }
  }
}

// A deletes an assessment while B, later, marks it. The deletion hides the mark (sync.md:
// deleting a parent does not rewrite its children), and both devices list the hidden edit
// until the teacher restores the assessment (or deletes the mark).
BOOST_AUTO_TEST_CASE(a_mark_on_an_assessment_deleted_on_another_device_is_listed_until_restored)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto ana = a.write({"student", "add", cls, "Ana", "García"});
  const auto exam = a.write({"assessment", "add", cls, "Exam"});
  cluster.syncUntilQuiet();

  a.write({"delete", exam});
  waitForLaterEditTime();
  const auto mark = b.write({"mark", "set", ana, exam, "8"});
  cluster.syncUntilQuiet();
  cluster.requireConverged();
  for (Device* device : {&a, &b}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto listed = device->data({"hidden", "--json"});
      BOOST_TEST_REQUIRE(listed.exitCode == 0, listed.err);
      const auto hidden = parseArray(listed.out);
      BOOST_TEST_REQUIRE(hidden);
      BOOST_TEST_REQUIRE(hidden->size() == 1u);
      const auto entry = hidden->getObject(0);
      BOOST_TEST(entry->getValue<std::string>("table") == "mark");
      BOOST_TEST(entry->getValue<std::string>("row_id") == mark);
      BOOST_TEST(entry->getValue<std::string>("parent_table") == "assessment");
      BOOST_TEST(entry->getValue<std::string>("parent_id") == exam);
      BOOST_TEST(entry->getValue<std::string>("edited_by") == b.deviceId());
      BOOST_TEST(entry->getValue<std::string>("deleted_by") == a.deviceId());
      BOOST_TEST(contains(device->data({"hidden"}).out, "pupitrectl restore " + exam));
      BOOST_TEST(averagesOf(*device, cls, ana)->isNull("final")); // the hidden mark: not counted
    }
  }

  const auto restored = a.data({"restore", exam});
  BOOST_TEST_REQUIRE(restored.exitCode == 0, restored.err);
  cluster.syncUntilQuiet();
  cluster.requireConverged();
  for (Device* device : {&a, &b}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      BOOST_TEST(parseArray(device->data({"hidden", "--json"}).out)->size() == 0u);
      BOOST_TEST(averagesOf(*device, cls, ana)->getValue<double>("final") == 8.0);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
