// Students: details are saved as the teacher types (issue 13, item 3). Selecting another
// student, switching tab or class, or closing the window never drops what was typed; Undo
// takes back one burst of typing at a time.
#include "gui_fixture.h"
#include "spanish_session.h"

#include "class_list_panel.h"
#include "panels/students_panel.h"

#include "pupitre/model/students.h"

#include <wx/cmdproc.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

// Clicks row `index` of the students list, as the teacher does.
void clickRow(wxListView* list, long index)
{
  list->EnsureVisible(index);
  test::pump(50);
  wxRect rect;
  BOOST_REQUIRE(list->GetItemRect(index, rect));
  wxUIActionSimulator sim;
  sim.MouseMove(list->ClientToScreen(rect.GetPosition() + wxPoint(20, rect.height / 2)));
  test::pump(50);
  sim.MouseClick();
  test::pump(150);
}

// Clicks into `field` at its end and types `text`.
void typeInto(wxTextCtrl* field, const char* text)
{
  field->SetFocus();
  field->SetInsertionPointEnd();
  test::pump(50);
  wxUIActionSimulator sim;
  sim.Text(text);
  test::pump(50);
}

std::string notesOf(test::AppFixture& app, const std::string& id)
{
  return model::Students(*app.db).get(id).notes;
}

} // namespace

BOOST_AUTO_TEST_SUITE(student_details)

BOOST_AUTO_TEST_CASE(typed_details_survive_selecting_another_student)
{
  test::AppFixture app;
  app.frame->showPage(3);
  auto* panel = app.frame->students();
  const std::string classId = app.frame->classes()->selectedClass();
  const auto students = model::Students(*app.db).list(classId);
  BOOST_REQUIRE_GE(students.size(), 3u);
  clickRow(panel->list(), 0);
  const std::string first = panel->selectedStudent();
  BOOST_REQUIRE(!first.empty());
  const std::string before = notesOf(app, first);

  typeInto(panel->notesField(), " sits at the front");
  clickRow(panel->list(), 1); // at once, without "Save"
  BOOST_CHECK_NE(panel->selectedStudent(), first);
  BOOST_CHECK_EQUAL(notesOf(app, first), before + " sits at the front");

  // Back on the first student, the field shows what was saved.
  clickRow(panel->list(), 0);
  BOOST_CHECK_EQUAL(panel->notesField()->GetValue().utf8_string(), before + " sits at the front");
  // One Undo takes back the whole burst.
  app.frame->commands().Undo();
  BOOST_CHECK_EQUAL(notesOf(app, first), before);
  BOOST_CHECK(test::waitUntil(
      [&] { return panel->notesField()->GetValue().utf8_string() == before; }, 2000));
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(typed_details_are_saved_after_a_pause_and_when_leaving)
{
  test::AppFixture app;
  app.frame->showPage(3);
  auto* panel = app.frame->students();
  clickRow(panel->list(), 1);
  const std::string student = panel->selectedStudent();
  const std::string before = notesOf(app, student);

  // A pause in typing saves.
  typeInto(panel->notesField(), " A");
  BOOST_CHECK(test::waitUntil([&] { return notesOf(app, student) == before + " A"; }, 5000));

  // Another tab, then another class: the typed text is saved to this student.
  typeInto(panel->notesField(), "B");
  app.frame->showPage(0);
  const auto classes = app.frame->classes()->classIds();
  BOOST_REQUIRE_GE(classes.size(), 2u);
  app.frame->classes()->select(classes[1]);
  app.frame->showPage(3);
  BOOST_CHECK_EQUAL(notesOf(app, student), before + " AB");

  // Closing the window (to the tray) saves too.
  app.frame->classes()->select(classes[0]);
  panel->select(student);
  typeInto(panel->notesField(), "C");
  app.frame->setHideOnClose(true);
  app.frame->Close();
  test::pump(100);
  BOOST_CHECK_EQUAL(notesOf(app, student), before + " ABC");
  app.frame->Show();

  // A malformed e-mail is kept in its field with the reason beside it, never dropped.
  const std::string emailBefore = model::Students(*app.db).get(student).email;
  typeInto(panel->emailField(), "@@");
  clickRow(panel->list(), 0);
  BOOST_CHECK_EQUAL(model::Students(*app.db).get(student).email, emailBefore);
  panel->select(student);
  BOOST_CHECK(panel->emailField()->GetValue().EndsWith("@@"));
  BOOST_CHECK(!panel->detailsError().empty());
  test::screenshot(app.frame, "students-details");
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(in_spanish_the_details_say_why_in_spanish,
                     *boost::unit_test::precondition(test::spanishLocaleInstalled))
{
  test::SpanishSession spanish;
  test::AppFixture app;
  app.frame->showPage(3);
  auto* panel = app.frame->students();
  clickRow(panel->list(), 1);
  typeInto(panel->emailField(), "@@");
  panel->saveNow();
  BOOST_CHECK(panel->detailsError().Contains("no es una dirección de correo"));
  test::screenshot(app.frame, "students-details-es");
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_SUITE_END()
