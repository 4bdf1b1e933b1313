// Rules a merge can break (docs/data-model.md): two devices each make a valid edit, and the
// merge of both is a state neither would have allowed. Real database files play the devices;
// tests/e2e/merged_rules_test.cpp does the same through a server and real processes.
#include "pupitre/error.h"
#include "pupitre/model/assessments.h"
#include "pupitre/model/averages.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
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

BOOST_AUTO_TEST_SUITE_END()
