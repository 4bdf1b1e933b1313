// Rules a merge can break (docs/data-model.md): two devices each make a valid edit, and the
// merge of both is a state neither would have allowed. Real database files play the devices;
// tests/e2e/merged_rules_test.cpp does the same through a server and real processes.
#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/attendance.h"
#include "pupitre/model/averages.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/hidden_edits.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/records.h"
#include "pupitre/model/students.h"
#include "pupitre/store/database.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace pupitre;
using namespace pupitre::model;

namespace {

constexpr double kTolerance = 1e-9;

// One device's sync with another, without a server: its outbox applied there, acknowledged.
void send(store::Database& from, store::Database& to)
{
  const auto changes = sync::pendingChanges(from);
  sync::applyRemote(to, changes);
  sync::acknowledge(from, changes);
}

// Two devices with the same class: Ana and an exam marked out of 20, a quiz out of 10 in
// which she has a 6.
struct TwoDevices
{
  test::Sandbox sandbox;
  test::ManualClock clockA, clockB;
  store::Database a{sandbox.path("a.db"), clockA.wallClock()};
  store::Database b{sandbox.path("b.db"), clockB.wallClock()};
  std::string cls, ana, exam, quiz;

  TwoDevices()
  {
    cls = Classes(a).create({.name = "4B Maths"});
    ana = Students(a).create({.classId = cls, .givenName = "Ana", .familyName = "García"});
    exam =
        Assessments(a).create({.classId = cls, .name = "Exam", .scale = Scale::numeric(0, 20, 10)});
    quiz = Assessments(a).create({.classId = cls, .name = "Quiz", .position = 1});
    Marks(a).set(ana, quiz, {.value = "6"});
    send(a, b);
  }

  void exchange()
  {
    clockA.advance(1000);
    clockB.advance(1000);
    send(a, b);
    send(b, a);
  }

  // A narrows the exam to 0–10 while B enters 15 on it.
  void narrowTheExamWhileBMarksIt()
  {
    Assessments(a).update(exam, {.scale = Scale::numeric(0, 10, 5)});
    clockB.advance(500);
    Marks(b).set(ana, exam, {.value = "15"});
    exchange();
  }
};

AssessmentChanges scaleChange(const Scale& scale)
{
  AssessmentChanges changes;
  changes.scale = scale;
  return changes;
}

} // namespace

BOOST_AUTO_TEST_SUITE(merged_rules_tests)

BOOST_FIXTURE_TEST_CASE(a_narrowed_scale_and_a_mark_on_the_old_one_merge_into_a_flagged_mark,
                        TwoDevices)
{
  narrowTheExamWhileBMarksIt();
  for (store::Database* device : {&a, &b}) {
    // Both devices hold the 15 (nothing is dropped) on a 0–10 scale.
    BOOST_TEST(Assessments(*device).get(exam).scale.max == 10.0);
    BOOST_TEST(store::toText(Marks(*device).find(ana, exam)->value) == "15");
    const auto averages = classAverages(*device, cls);
    BOOST_TEST_REQUIRE(averages.size() == 1u);
    const auto& av = averages[0];
    BOOST_TEST(*av.final == 6.0, boost::test_tools::tolerance(kTolerance));
    BOOST_TEST_REQUIRE(av.outOfScale.size() == 1u);
    BOOST_TEST(av.outOfScale[0].studentId == ana);
    BOOST_TEST(av.outOfScale[0].assessmentId == exam);
    BOOST_TEST(av.outOfScale[0].message() ==
               "15 is outside this assessment's scale 0–10; change the mark or the scale.");
  }

  // Mended by the scale (back to 0–20, on B): the 15 counts again, everywhere.
  Assessments(b).update(exam, scaleChange(Scale::numeric(0, 20, 10)));
  exchange();
  for (store::Database* device : {&a, &b}) {
    const auto av = classAverages(*device, cls)[0];
    BOOST_TEST(av.complete());
    BOOST_TEST(*av.final == 6.75, boost::test_tools::tolerance(kTolerance)); // (6 + 7.5) / 2
  }
}

BOOST_FIXTURE_TEST_CASE(an_assessment_holding_a_merged_mark_out_of_scale_can_still_be_edited,
                        TwoDevices)
{
  Assessments(a).update(exam, scaleChange(Scale::numeric(0, 10, 5)));
  clockB.advance(500);
  Marks(b).set(ana, exam, {.value = "15"});
  exchange();

  // The app saves the whole dialog, scale included, when the teacher renames the column.
  AssessmentChanges rename;
  rename.name = "Final exam";
  rename.scale = Assessments(a).get(exam).scale;
  BOOST_CHECK_NO_THROW(Assessments(a).update(exam, rename));
  BOOST_TEST(Assessments(a).get(exam).name == "Final exam");
  // A scale the flagged mark fits no better is not refused because of it either…
  BOOST_CHECK_NO_THROW(Assessments(a).update(exam, scaleChange(Scale::numeric(0, 12, 6))));
  // …but a mark that fits today still has to fit tomorrow.
  const auto bo = Students(a).create({.classId = cls, .givenName = "Bo", .familyName = "Li"});
  Marks(a).set(bo, exam, {.value = "11"});
  BOOST_CHECK_THROW(Assessments(a).update(exam, scaleChange(Scale::numeric(0, 10, 5))),
                    ValidationError);
}

BOOST_FIXTURE_TEST_CASE(category_weights_set_to_zero_on_two_devices_leave_no_final_and_say_so,
                        TwoDevices)
{
  // Two categories; each device moves all the weight onto the other one.
  const auto tests = Categories(a).create({.classId = cls, .name = "Tests", .weight = 1});
  const auto labs = Categories(a).create({.classId = cls, .name = "Labs", .weight = 1});
  Assessments(a).update(quiz, {.categoryId = tests});
  const auto lab = Assessments(a).create({.classId = cls, .categoryId = labs, .name = "Lab"});
  Marks(a).set(ana, lab, {.value = "8"});
  exchange();
  Categories(a).update(tests, {.weight = 0});
  Categories(b).update(labs, {.weight = 0});
  exchange();
  for (store::Database* device : {&a, &b}) {
    const auto av = classAverages(*device, cls)[0];
    BOOST_TEST(!av.final.has_value());
    BOOST_TEST(av.byCategory.size() == 2u); // the category means are still there
    BOOST_TEST(av.finalWithoutWeight);
    BOOST_TEST(av.note() == "no final average: every category with marks weighs 0");
  }
}

BOOST_FIXTURE_TEST_CASE(a_mark_typed_on_an_assessment_deleted_elsewhere_is_listed_until_resolved,
                        TwoDevices)
{
  deleteRecord(a, exam); // A deletes the exam…
  clockB.advance(500);
  Marks(b).set(ana, exam, {.value = "17"}); // …while B, not knowing, marks it
  exchange();
  for (store::Database* device : {&a, &b}) {
    // Hidden with its assessment (sync.md), not counted, but listed: nothing silently gone.
    BOOST_TEST(*classAverages(*device, cls)[0].final == 6.0,
               boost::test_tools::tolerance(kTolerance));
    const auto hidden = hiddenEdits(*device);
    BOOST_TEST_REQUIRE(hidden.size() == 1u);
    BOOST_TEST(hidden[0].table == "mark");
    BOOST_TEST(hidden[0].rowId == Marks::markId(ana, exam));
    BOOST_TEST(hidden[0].parentTable == "assessment");
    BOOST_TEST(hidden[0].parentId == exam);
    BOOST_TEST(hidden[0].editedBy == b.deviceId());
    BOOST_TEST(hidden[0].deletedBy == a.deviceId());
    BOOST_TEST(hidden[0].editedAt > hidden[0].deletedAt);
    BOOST_TEST(hidden[0].message() == "The mark " + Marks::markId(ana, exam) +
                                          " was edited after its assessment " + exam +
                                          " was deleted.");
  }

  // The teacher restores the exam on A: the mark shows and counts again on both devices.
  restoreRecord(a, exam);
  exchange();
  for (store::Database* device : {&a, &b}) {
    BOOST_TEST(hiddenEdits(*device).empty());
    BOOST_TEST(*classAverages(*device, cls)[0].final == 7.25,
               boost::test_tools::tolerance(kTolerance)); // (6 + 8.5) / 2
  }
}

BOOST_FIXTURE_TEST_CASE(a_student_added_to_a_class_deleted_elsewhere_is_listed_with_her_attendance,
                        TwoDevices)
{
  deleteRecord(a, cls);
  clockB.advance(500);
  const auto bo = Students(b).create({.classId = cls, .givenName = "Bo", .familyName = "Li"});
  Attendance(b).set(ana, "2026-10-05", AttendanceState::Late);
  exchange();
  for (store::Database* device : {&a, &b}) {
    const auto hidden = hiddenEdits(*device);
    BOOST_TEST_REQUIRE(hidden.size() == 2u);
    for (const auto& h : hidden) {
      BOOST_TEST(h.parentTable == "class");
      BOOST_TEST(h.parentId == cls);
    }
    BOOST_TEST((hidden[0].rowId == bo || hidden[1].rowId == bo)); // the new student
    BOOST_TEST((hidden[0].table == "attendance" || hidden[1].table == "attendance")); // Ana's
  }

  // Keeping the deletion: B deletes what it added; both lists empty once synchronised.
  for (const auto& h : hiddenEdits(b)) {
    deleteRecord(b, h.rowId);
  }
  exchange();
  BOOST_TEST(hiddenEdits(a).empty());
  BOOST_TEST(hiddenEdits(b).empty());
  BOOST_TEST(Students(b).list(cls).size() == 1u); // Ana, hidden with her class, untouched
}

BOOST_FIXTURE_TEST_CASE(records_deleted_knowingly_are_not_listed, TwoDevices)
{
  // Deleting a student with marks, then the class: the children were not edited afterwards.
  deleteRecord(a, ana);
  clockA.advance(100);
  deleteRecord(a, cls);
  exchange();
  BOOST_TEST(hiddenEdits(a).empty());
  BOOST_TEST(hiddenEdits(b).empty());
}

BOOST_AUTO_TEST_SUITE_END()
