// The register as a teacher takes it: everyone else present in one key (absences stay, one
// Undo), a note typed in the row, and two lessons on one day for a class that meets twice.
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "panels/attendance_panel.h"
#include "translations.h"

#include "pupitre/model/attendance.h"
#include "pupitre/model/students.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/cmdproc.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>
#include <wx/translation.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

using namespace pupitre;

namespace {

constexpr const char* kDay = "2027-06-30"; // after the generated days: nothing recorded yet

struct Register
{
  Register()
  {
    app.frame->showPage(1);
    panel = app.frame->attendance();
    panel->setDay(kDay);
    list = panel->list();
    classId = app.frame->classes()->selectedClass();
    students = model::Students(*app.db).list(classId);
    BOOST_REQUIRE_GT(list->GetItemCount(), 3);
  }
  // The day's records by student, for `session`.
  std::map<std::string, model::AttendanceRecord> records(const std::string& session = {})
  {
    std::map<std::string, model::AttendanceRecord> result;
    for (auto& r : model::Attendance(*app.db).list(classId, kDay, kDay)) {
      if (r.session == session) {
        result[r.studentId] = r;
      }
    }
    return result;
  }
  void selectRow(long row)
  {
    for (long i = 0; i < list->GetItemCount(); ++i) {
      list->Select(i, i == row);
    }
    list->Focus(row);
    list->SetFocus();
    test::pump(100);
  }
  test::AppFixture app;
  gui::AttendancePanel* panel = nullptr;
  wxListView* list = nullptr;
  std::string classId;
  std::vector<model::Student> students;
};

} // namespace

BOOST_AUTO_TEST_SUITE(attendance)

BOOST_AUTO_TEST_CASE(shift_p_marks_everyone_else_present_and_keeps_the_absences)
{
  Register reg;
  reg.selectRow(1);
  wxUIActionSimulator sim;
  sim.Char('a'); // the second student is absent
  BOOST_REQUIRE(test::waitUntil([&] { return reg.records().size() == 1; }));
  sim.Char('p', wxMOD_SHIFT); // everyone else present
  BOOST_REQUIRE(test::waitUntil([&] { return reg.records().size() == reg.students.size(); }));
  auto records = reg.records();
  for (std::size_t i = 0; i < reg.students.size(); ++i) {
    BOOST_CHECK(records[reg.students[i].id].state ==
                (i == 1 ? model::AttendanceState::Absent : model::AttendanceState::Present));
  }
  BOOST_CHECK_EQUAL(reg.list->GetItemText(0, 1), _("Present"));
  BOOST_CHECK_EQUAL(reg.list->GetItemText(1, 1), _("Absent"));
  // One Undo takes the whole step back; the absence stays.
  reg.app.frame->commands().Undo();
  records = reg.records();
  BOOST_REQUIRE_EQUAL(records.size(), 1u);
  BOOST_CHECK(records[reg.students[1].id].state == model::AttendanceState::Absent);
  // The button does the same.
  auto* button = dynamic_cast<wxButton*>(wxWindow::FindWindowByLabel(_("All &present"), reg.panel));
  BOOST_REQUIRE(button);
  wxCommandEvent click(wxEVT_BUTTON, button->GetId());
  click.SetEventObject(button);
  button->GetEventHandler()->ProcessEvent(click);
  BOOST_CHECK_EQUAL(reg.records().size(), reg.students.size());
  test::screenshot(reg.app.frame, "attendance-all-present");
}

BOOST_AUTO_TEST_CASE(a_note_is_typed_in_the_row_saved_and_undone)
{
  Register reg;
  reg.selectRow(2);
  wxUIActionSimulator sim;
  sim.Char(WXK_F2);
  BOOST_REQUIRE(test::waitUntil([] { return dynamic_cast<wxTextCtrl*>(wxWindow::FindFocus()); }));
  sim.Text("left at 11");
  test::pump(100);
  sim.Char(WXK_RETURN);
  BOOST_REQUIRE(test::waitUntil([&] { return reg.records().count(reg.students[2].id) == 1; }));
  test::pump(100);
  BOOST_CHECK(!reg.panel->noteEditor());
  auto record = reg.records()[reg.students[2].id];
  BOOST_CHECK_EQUAL(record.note, "left at 11");
  BOOST_CHECK(record.state == model::AttendanceState::Present);
  BOOST_CHECK_EQUAL(reg.list->GetItemText(2, 2).utf8_string(), "left at 11");
  test::screenshot(reg.app.frame, "attendance-note");
  // Marking the student late afterwards keeps the note.
  reg.selectRow(2);
  sim.Char('l');
  BOOST_REQUIRE(test::waitUntil(
      [&] { return reg.records()[reg.students[2].id].state == model::AttendanceState::Late; }));
  BOOST_CHECK_EQUAL(reg.records()[reg.students[2].id].note, "left at 11");
  // Escape leaves the note as it was.
  reg.selectRow(2);
  sim.Char(WXK_F2);
  BOOST_REQUIRE(test::waitUntil([] { return dynamic_cast<wxTextCtrl*>(wxWindow::FindFocus()); }));
  sim.Text(" and more");
  sim.Char(WXK_ESCAPE);
  test::pump(200);
  BOOST_CHECK_EQUAL(reg.records()[reg.students[2].id].note, "left at 11");
  // Undo twice: the note is gone with the record.
  reg.app.frame->commands().Undo();
  reg.app.frame->commands().Undo();
  BOOST_CHECK_EQUAL(reg.records().count(reg.students[2].id), 0u);
}

BOOST_AUTO_TEST_CASE(a_class_that_meets_twice_has_two_lessons_and_the_totals_count_both)
{
  Register reg;
  auto* lesson = dynamic_cast<wxChoice*>(wxWindow::FindWindowByName("lesson", reg.panel));
  auto* add = dynamic_cast<wxButton*>(wxWindow::FindWindowByLabel(_("Add &lesson"), reg.panel));
  BOOST_REQUIRE_MESSAGE(lesson && add, "no lesson choice");
  BOOST_CHECK_EQUAL(lesson->GetStringSelection(), wxString::Format(_("Lesson %ld"), 1L));
  // Lesson 1: the first student present.
  reg.selectRow(0);
  wxUIActionSimulator sim;
  sim.Char('p');
  BOOST_REQUIRE(test::waitUntil([&] { return reg.records().size() == 1; }));
  // Lesson 2: the same student absent.
  wxCommandEvent click(wxEVT_BUTTON, add->GetId());
  click.SetEventObject(add);
  add->GetEventHandler()->ProcessEvent(click);
  BOOST_CHECK_EQUAL(lesson->GetStringSelection(), wxString::Format(_("Lesson %ld"), 2L));
  BOOST_CHECK_EQUAL(reg.list->GetItemText(0, 1), _("not recorded"));
  reg.selectRow(0);
  sim.Char('a');
  BOOST_REQUIRE(test::waitUntil([&] { return reg.records("2").size() == 1; }));
  BOOST_CHECK(reg.records("2")[reg.students[0].id].state == model::AttendanceState::Absent);
  BOOST_CHECK(reg.records()[reg.students[0].id].state == model::AttendanceState::Present);
  test::screenshot(reg.app.frame, "attendance-lesson-2");
  // Back to lesson 1: its own states.
  lesson->SetSelection(0);
  wxCommandEvent choose(wxEVT_CHOICE, lesson->GetId());
  choose.SetInt(0);
  choose.SetEventObject(lesson);
  lesson->GetEventHandler()->ProcessEvent(choose);
  BOOST_CHECK_EQUAL(reg.list->GetItemText(0, 1), _("Present"));
  // The lesson stays in the choice on another visit of the day.
  reg.panel->setDay("2027-06-29");
  BOOST_CHECK_EQUAL(lesson->GetCount(), 1u);
  reg.panel->setDay(kDay);
  BOOST_CHECK_EQUAL(lesson->GetCount(), 2u);
  // Term totals count each lesson.
  reg.panel->setTermDates(kDay, kDay);
  reg.panel->showTerm(true);
  BOOST_REQUIRE(test::waitUntil([&] {
    return reg.app.frame->worker().pending() == 0 &&
           reg.list->GetItemCount() == static_cast<int>(reg.students.size());
  }));
  const auto present = reg.list->GetItemText(0, 1), absent = reg.list->GetItemText(0, 2);
  long p = 0, a = 0;
  BOOST_REQUIRE(present.ToLong(&p) && absent.ToLong(&a));
  BOOST_CHECK_EQUAL(p, 1);
  BOOST_CHECK_EQUAL(a, 1);
  reg.panel->showTerm(false);
  reg.app.frame->commands().Undo(); // the absence of lesson 2
  reg.panel->showTerm(true);
  BOOST_REQUIRE(test::waitUntil([&] {
    long after = 0;
    return reg.app.frame->worker().pending() == 0 && reg.list->GetItemCount() > 0 &&
           reg.list->GetItemText(0, 2).ToLong(&after) && after == a - 1;
  }));
}

BOOST_AUTO_TEST_CASE(the_register_in_spanish)
{
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    Register reg;
    BOOST_CHECK(wxWindow::FindWindowByLabel("Todos &presentes", reg.panel));
    BOOST_CHECK(wxWindow::FindWindowByLabel("Añadir &sesión", reg.panel));
    auto* lesson = dynamic_cast<wxChoice*>(wxWindow::FindWindowByName("lesson", reg.panel));
    BOOST_REQUIRE(lesson);
    BOOST_CHECK_EQUAL(lesson->GetStringSelection().utf8_string(), "Sesión 1");
    reg.selectRow(1);
    wxUIActionSimulator sim;
    sim.Char('a');
    BOOST_REQUIRE(test::waitUntil([&] { return reg.records().size() == 1; }));
    reg.panel->markAllPresent();
    reg.selectRow(1);
    sim.Char(WXK_F2);
    BOOST_REQUIRE(test::waitUntil([] { return dynamic_cast<wxTextCtrl*>(wxWindow::FindFocus()); }));
    sim.Text("trae justificante el lunes"); // the simulator types ASCII only
    sim.Char(WXK_RETURN);
    BOOST_REQUIRE(test::waitUntil([&] { return !reg.records()[reg.students[1].id].note.empty(); }));
    test::screenshot(reg.app.frame, "attendance-es");
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
