// Report card comments in the app (issue 17): typed in the report card comments dialog,
// opened from a student's menu in the gradebook, saved to the database (so they sync), one
// undoable step each, and printed on the report card; the school's name of the export dialog
// comes from the class.
#include "gui_fixture.h"
#include "spanish_session.h"

#include "class_list_panel.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "ids.h"
#include "reports/comments_dialog.h"
#include "reports/export_dialog.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/report_comments.h"
#include "pupitre/model/terms.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/cmdproc.h>
#include <wx/listbox.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

using namespace pupitre;

namespace {

constexpr const char* kWorldComment = "Núria: molt bé. عمل ممتاز. 学习很认真。";

std::string pdfText(const std::string& path)
{
  std::string text;
  const std::string command = "pdftotext -enc UTF-8 '" + path + "' -";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::array<char, 4096> buffer{};
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get())) {
    text += buffer.data();
  }
  return text;
}

gui::ReportCommentsDialog* openDialog()
{
  for (wxWindow* window : wxTopLevelWindows) {
    if (auto* dialog = dynamic_cast<gui::ReportCommentsDialog*>(window);
        dialog && dialog->IsModal()) {
      return dialog;
    }
  }
  return nullptr;
}

void click(wxWindow* window)
{
  wxUIActionSimulator sim;
  sim.MouseMove(window->GetScreenRect().GetPosition() + wxPoint(10, 8));
  sim.MouseClick();
}

// Chooses the list's entry as a click does.
void choose(wxListBox* list, int index)
{
  list->SetSelection(index);
  wxCommandEvent event(wxEVT_LISTBOX, list->GetId());
  event.SetEventObject(list);
  event.SetInt(index);
  list->ProcessWindowEvent(event);
}

// The export dialog with "Report cards" chosen in its first list, as a click does.
void chooseReportCards(wxDialog& dialog)
{
  for (wxWindow* child : dialog.GetChildren()) {
    if (auto* kinds = dynamic_cast<wxChoice*>(child)) {
      kinds->SetSelection(1);
      wxCommandEvent event(wxEVT_CHOICE, kinds->GetId());
      event.SetEventObject(kinds);
      event.SetInt(1);
      kinds->ProcessWindowEvent(event);
      return;
    }
  }
}

bool exportAndWait(test::AppFixture& app, const gui::ExportChoice& choice, const std::string& path)
{
  bool done = false;
  gui::writeReportInBackground(app.frame, app.frame->worker(),
                               app.frame->classes()->selectedClass(), choice, path,
                               [&done] { done = true; });
  return test::waitUntil([&] { return done || app.frame->worker().pending() == 0; }, 20'000) &&
         done;
}

} // namespace

BOOST_AUTO_TEST_SUITE(report_comments)

BOOST_AUTO_TEST_CASE(the_comment_typed_in_the_dialog_is_stored_and_printed_on_the_report_card)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  auto* panel = app.frame->gradebook();
  const auto data = panel->table()->data();
  BOOST_REQUIRE(data->students.size() > 3u);
  const std::string classId = data->classId;
  const std::string period = data->period;
  const auto& first = data->students[2];
  const auto& second = data->students[3];
  const int row = panel->table()->rowOfStudent(first.id);
  panel->grid()->SetGridCursor(row, 0);

  int step = 0;
  bool startedOnStudent = false, savedOnMove = false;
  std::string typed;
  wxTimer driver;
  driver.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    auto* dialog = openDialog();
    if (!dialog) {
      return;
    }
    switch (step++) {
    case 0:
      startedOnStudent = dialog->studentList()->GetSelection() == 2;
      dialog->commentText()->SetFocus();
      wxUIActionSimulator().Text("Works hard; keeps it up.");
      break;
    case 1:
      break; // the keys arrive
    case 2:
      typed = dialog->commentText()->GetValue().utf8_string();
      choose(dialog->studentList(), 3); // the next student: the first comment is saved
      savedOnMove = model::ReportComments(*app.db).get(classId, first.id, period) ==
                    "Works hard; keeps it up.";
      break;
    case 3:
      // Text the simulator cannot type (it types ASCII): as an input method enters it.
      dialog->commentText()->SetValue(wxString::FromUTF8(kWorldComment));
      test::screenshot(dialog, "report-comments-dialog");
      break;
    case 4:
      click(dialog->FindWindow(wxID_OK)); // Close saves the one shown
      break;
    default:
      break;
    }
  });
  driver.Start(250);
  panel->handleCommand(gui::ids::kReportComment); // modal until the driver's Close
  driver.Stop();
  BOOST_TEST(startedOnStudent);
  BOOST_TEST(typed == "Works hard; keeps it up.");
  BOOST_TEST(savedOnMove);
  BOOST_TEST(test::takeErrors().empty());
  model::ReportComments stored(*app.db);
  BOOST_TEST(stored.get(classId, first.id, period) == "Works hard; keeps it up.");
  BOOST_TEST(stored.get(classId, second.id, period) == kWorldComment);

  // The report cards of that period print them.
  gui::ExportChoice cards;
  cards.kind = gui::ExportChoice::Kind::ReportCards;
  cards.format = reports::Format::Pdf;
  cards.termId = period;
  const std::string pdf = app.sandbox.path("cards.pdf");
  BOOST_REQUIRE(exportAndWait(app, cards, pdf));
  const std::string text = pdfText(pdf);
  BOOST_TEST(text.find("Works hard; keeps it up.") != std::string::npos);
  BOOST_TEST(text.find("Núria: molt bé.") != std::string::npos);
  BOOST_TEST(text.find("学习很认真") != std::string::npos);

  // Each comment is one undoable step.
  app.frame->commands().Undo();
  BOOST_TEST(stored.get(classId, second.id, period).empty());
  BOOST_TEST(stored.get(classId, first.id, period) == "Works hard; keeps it up.");
  app.frame->commands().Redo();
  BOOST_TEST(stored.get(classId, second.id, period) == kWorldComment);
}

BOOST_AUTO_TEST_CASE(a_comment_too_long_keeps_the_dialog_on_it_with_the_reason)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  const std::string classId = app.frame->classes()->selectedClass();
  gui::ReportCommentsDialog dialog(app.frame, *app.db, app.frame->commands(), classId, "", "");
  dialog.Show();
  test::pump(100);
  test::takeErrors();
  dialog.commentText()->SetValue(wxString(wxUniChar('x'), model::ReportComments::kMaxLength + 1));
  choose(dialog.studentList(), 1);
  const auto errors = test::takeErrors();
  BOOST_REQUIRE(errors.size() == 1u);
  BOOST_TEST(errors.front().Contains("at most 1000 characters"));
  BOOST_TEST(dialog.studentList()->GetSelection() == 0); // still on the first student
  BOOST_TEST(dialog.commentText()->GetValue().length() == model::ReportComments::kMaxLength + 1);
  dialog.commentText()->SetValue("Short now.");
  BOOST_TEST(dialog.save());
  dialog.Hide();
}

BOOST_AUTO_TEST_CASE(the_export_dialog_shows_the_class_school_and_the_comments_button)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  const std::string classId = app.frame->classes()->selectedClass();
  model::Classes(*app.db).update(classId, {.school = std::string("IES Lluís Vives")});
  const auto schoolClass = model::Classes(*app.db).get(classId);
  std::string asked = "(not asked)";
  gui::ExportDialog dialog(app.frame, schoolClass.name, model::Terms(*app.db).list(classId),
                           schoolClass.school, [&](const std::string& termId) { asked = termId; });
  dialog.Show();
  chooseReportCards(dialog);
  test::pump(200);
  BOOST_TEST(dialog.choice().school.value_or("") == "IES Lluís Vives");
  BOOST_TEST((dialog.choice().kind == gui::ExportChoice::Kind::ReportCards));
  test::screenshot(&dialog, "export-dialog-comments");
  dialog.Hide();
}

BOOST_AUTO_TEST_CASE(the_dialogs_in_spanish,
                     *boost::unit_test::precondition(test::spanishLocaleInstalled))
{
  test::SpanishSession spanish;
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  const std::string classId = app.frame->classes()->selectedClass();
  model::Terms(*app.db).create({.classId = classId,
                                .name = "1ª evaluación",
                                .start = "2026-09-01",
                                .end = "2026-12-22",
                                .position = 1,
                                .weight = 1});
  const auto terms = model::Terms(*app.db).list(classId);
  BOOST_REQUIRE(!terms.empty());
  model::Classes(*app.db).update(classId, {.school = std::string("IES Lluís Vives")});
  const auto students = app.frame->gradebook()->table()->data()->students;
  model::ReportComments(*app.db).set(classId, students[0].id, terms[0].id,
                                     "Buen trimestre: participa y trabaja con constancia.");
  {
    gui::ReportCommentsDialog dialog(app.frame, *app.db, app.frame->commands(), classId,
                                     terms[0].id, "");
    dialog.Show();
    test::pump(200);
    test::screenshot(&dialog, "report-comments-dialog-es");
    dialog.Hide();
  }
  const auto schoolClass = model::Classes(*app.db).get(classId);
  gui::ExportDialog dialog(app.frame, schoolClass.name, terms, schoolClass.school,
                           [](const std::string&) {});
  dialog.Show();
  chooseReportCards(dialog);
  test::pump(200);
  test::screenshot(&dialog, "export-dialog-comments-es");
  dialog.Hide();
}

BOOST_AUTO_TEST_SUITE_END()
