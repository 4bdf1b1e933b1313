// The other screens do what the teacher asks: the register keys and the journal that saves
// as one types.
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "panels/attendance_panel.h"
#include "panels/journal_panel.h"
#include "panels/students_panel.h"

#include "pupitre/model/attendance.h"
#include "pupitre/model/journal.h"
#include "pupitre/model/students.h"

#include <wx/cmdproc.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(panels)

BOOST_AUTO_TEST_CASE(attendance_keys_set_the_state_and_move_to_the_next_student)
{
  test::AppFixture app;
  app.frame->showPage(1);
  auto* attendance = app.frame->attendance();
  attendance->setDay("2027-06-30"); // after the generated days: nothing recorded yet
  auto* list = attendance->list();
  BOOST_REQUIRE_GT(list->GetItemCount(), 2);
  list->Select(0);
  list->Focus(0);
  list->SetFocus();
  test::pump(100);
  wxUIActionSimulator sim;
  sim.Char('a');
  const std::string classId = app.frame->classes()->selectedClass();
  const auto students = model::Students(*app.db).list(classId);
  BOOST_REQUIRE(test::waitUntil([&] {
    return !model::Attendance(*app.db).list(classId, "2027-06-30", "2027-06-30").empty();
  }));
  auto records = model::Attendance(*app.db).list(classId, "2027-06-30", "2027-06-30");
  BOOST_REQUIRE_EQUAL(records.size(), 1u);
  BOOST_CHECK_EQUAL(records[0].studentId, students[0].id);
  BOOST_CHECK(records[0].state == model::AttendanceState::Absent);
  // The next key goes to the next student.
  BOOST_CHECK(list->IsSelected(1));
  attendance->markSelected(model::AttendanceState::Late);
  records = model::Attendance(*app.db).list(classId, "2027-06-30", "2027-06-30");
  BOOST_CHECK_EQUAL(records.size(), 2u);
  // Undo takes the last mark back.
  app.frame->commands().Undo();
  records = model::Attendance(*app.db).list(classId, "2027-06-30", "2027-06-30");
  BOOST_CHECK_EQUAL(records.size(), 1u);
}

BOOST_AUTO_TEST_CASE(the_journal_saves_what_is_typed_after_a_pause)
{
  test::AppFixture app;
  app.frame->showPage(2);
  auto* journal = app.frame->journal();
  const std::string entry = journal->selectedEntry();
  BOOST_REQUIRE(!entry.empty());
  journal->body()->SetValue("We read chapter 4 aloud.");
  // Not at once (the teacher is still typing)...
  test::pump(200);
  BOOST_CHECK_NE(model::Journal(*app.db).get(entry).body, "We read chapter 4 aloud.");
  // ...but soon after the last key.
  BOOST_CHECK(test::waitUntil(
      [&] { return model::Journal(*app.db).get(entry).body == "We read chapter 4 aloud."; }, 3000));
}

BOOST_AUTO_TEST_CASE(a_removed_student_comes_back_with_undo)
{
  test::AppFixture app;
  app.frame->showPage(3);
  auto* students = app.frame->students();
  const std::string classId = app.frame->classes()->selectedClass();
  const auto before = model::Students(*app.db).list(classId);
  BOOST_REQUIRE(!before.empty());
  const int rows = students->list()->GetItemCount();

  students->removeStudent(before[0].id);
  BOOST_CHECK_EQUAL(model::Students(*app.db).list(classId).size(), before.size() - 1);
  BOOST_CHECK_EQUAL(students->list()->GetItemCount(), rows - 1);

  app.frame->commands().Undo();
  const auto after = model::Students(*app.db).list(classId);
  BOOST_REQUIRE_EQUAL(after.size(), before.size());
  BOOST_CHECK_EQUAL(model::Students(*app.db).get(before[0].id).familyName, before[0].familyName);
  BOOST_CHECK_EQUAL(students->list()->GetItemCount(), rows);
}

BOOST_AUTO_TEST_SUITE_END()
