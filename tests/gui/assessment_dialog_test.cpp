// Edit assessment keeps everything typed (issue 13, item 2): a wrong date is said next to the
// field and the dialog stays open with the category change; the locale's date form and ISO
// are both accepted; the calendar button picks a date. Run in C and in Spanish.
#include "gui_fixture.h"
#include "spanish_session.h"

#include "class_list_panel.h"
#include "dates.h"
#include "gradebook/assessment_dialog.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "ids.h"
#include "panels/journal_panel.h"
#include "translations.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/journal.h"
#include "support/preconditions.h"

#include <wx/button.h>
#include <wx/calctrl.h>
#include <wx/choice.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/translation.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <optional>
#include <string>

using namespace pupitre;

namespace {

gui::AssessmentDialog* openDialog()
{
  for (wxWindow* window : wxTopLevelWindows) {
    if (auto* dialog = dynamic_cast<gui::AssessmentDialog*>(window); dialog && dialog->IsModal()) {
      return dialog;
    }
  }
  return nullptr;
}

void clickOk(wxDialog* dialog)
{
  auto* ok = dynamic_cast<wxButton*>(dialog->FindWindow(wxID_OK));
  BOOST_REQUIRE(ok);
  wxUIActionSimulator sim;
  sim.MouseMove(ok->GetScreenRect().GetPosition() + wxPoint(10, 8));
  sim.MouseClick();
}

void retype(wxTextCtrl* field, const char* text)
{
  field->SetFocus();
  field->SelectAll();
  wxUIActionSimulator sim;
  sim.Text(text);
}

// Edit assessment on the cursor's column: another category, a wrong date and OK, then the
// date `typed` and OK. Returns the assessment id; checks what the dialog showed meanwhile.
std::string editWithATypo(test::AppFixture& app, const char* typed, const std::string& shot)
{
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  int col = 0;
  while (table.columnAt(col)->kind != gui::GradebookColumn::Kind::Assessment) {
    ++col;
  }
  panel->grid()->SetGridCursor(0, col);
  const std::string id = table.columnKey(col);
  int step = 0, category = -1;
  bool keptOpen = false, keptCategory = false, saidWhy = false;
  wxTimer driver;
  driver.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    auto* dialog = openDialog();
    if (!dialog) {
      return;
    }
    switch (step++) {
    case 0:
      category = dialog->categoryField()->GetSelection() == 1 ? 2 : 1;
      dialog->categoryField()->SetSelection(category);
      retype(dialog->dateField(), "31/31/2026");
      break;
    case 1:
      clickOk(dialog);
      break;
    case 2:
      break; // the click is handled
    case 3:
      keptOpen = dialog->IsShown();
      keptCategory = dialog->categoryField()->GetSelection() == category;
      saidWhy = dialog->errorOf(dialog->dateField()).Contains("31/31/2026");
      test::screenshot(dialog, shot);
      retype(dialog->dateField(), typed);
      break;
    case 4:
      clickOk(dialog);
      break;
    default:
      break;
    }
  });
  driver.Start(250);
  panel->handleCommand(gui::ids::kEditAssessment); // modal until the driver's last OK
  driver.Stop();
  BOOST_TEST(keptOpen);
  BOOST_TEST(keptCategory);
  BOOST_TEST(saidWhy);
  BOOST_TEST(test::takeErrors().empty());
  const auto saved = model::Assessments(*app.db).get(id);
  BOOST_TEST(saved.categoryId == table.data()->categories.at(std::size_t(category - 1)).id);
  return id;
}

} // namespace

BOOST_AUTO_TEST_SUITE(assessment_dialog)

BOOST_AUTO_TEST_CASE(a_wrong_date_keeps_the_dialog_open_with_everything_typed)
{
  test::AppFixture app;
  // C locale: the short date is month/day/year.
  const std::string id = editWithATypo(app, "04/12/2026", "assessment-dialog-error");
  BOOST_TEST(model::Assessments(*app.db).get(id).date == "2026-04-12");
  BOOST_TEST(gui::shownDate("2026-04-12") == "04/12/2026");
}

BOOST_AUTO_TEST_CASE(the_calendar_button_picks_the_date)
{
  test::AppFixture app;
  model::Assessment draft;
  draft.name = "Oral";
  draft.date = "2026-11-02";
  draft.scale = model::Scale::numeric(0, 10, 5);
  gui::AssessmentDialog dialog(app.frame, "New assessment", draft, {});
  dialog.Show();
  test::pump(200);
  BOOST_TEST(dialog.dateField()->GetValue() == gui::shownDate("2026-11-02"));
  bool shown = false;
  wxTimer driver;
  driver.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    for (wxWindow* window : wxTopLevelWindows) {
      auto* picker = dynamic_cast<wxDialog*>(window);
      if (!picker || picker == &dialog || !picker->IsModal()) {
        continue;
      }
      for (wxWindow* child : picker->GetChildren()) {
        if (auto* calendar = dynamic_cast<wxCalendarCtrl*>(child)) {
          shown = calendar->GetDate().FormatISODate() == "2026-11-02"; // starts at the field's
          calendar->SetDate(wxDateTime(4, wxDateTime::Dec, 2026));
          test::screenshot(picker, "assessment-dialog-calendar");
          picker->EndModal(wxID_OK);
        }
      }
    }
  });
  driver.Start(250);
  wxUIActionSimulator sim;
  sim.MouseMove(dialog.calendarButton()->GetScreenRect().GetPosition() + wxPoint(10, 8));
  test::pump(50);
  sim.MouseClick();
  BOOST_TEST(test::waitUntil([&] { return shown; }, 5000));
  BOOST_TEST(test::waitUntil(
      [&] { return dialog.dateField()->GetValue() == gui::shownDate("2026-12-04"); }, 5000));
  driver.Stop();
  BOOST_TEST(dialog.check());
  BOOST_TEST(dialog.assessment().date == "2026-12-04");
}

BOOST_AUTO_TEST_CASE(iso_dates_are_accepted_too)
{
  test::AppFixture app;
  const std::string id = editWithATypo(app, "2026-12-04", "assessment-dialog-error-iso");
  BOOST_TEST(model::Assessments(*app.db).get(id).date == "2026-12-04");
}

BOOST_AUTO_TEST_CASE(in_spanish_the_date_is_day_month_year,
                     *boost::unit_test::precondition(test::spanishLocaleInstalled))
{
  test::SpanishSession spanish;
  test::AppFixture app;
  const std::string id = editWithATypo(app, "04/12/2026", "assessment-dialog-error-es");
  BOOST_TEST(model::Assessments(*app.db).get(id).date == "2026-12-04");
  BOOST_TEST(gui::shownDate("2026-12-04") == "04/12/2026");
  BOOST_TEST(!gui::typedDate("31/02/2026"));
  BOOST_TEST(gui::typedDate("4/12/2026").value_or("") == "2026-12-04");
  // The journal shows its dates the same way.
  app.frame->showPage(2);
  auto* journal = app.frame->journal();
  BOOST_TEST_REQUIRE(journal->list()->GetItemCount() > 0);
  const auto entries = model::Journal(*app.db).list(app.frame->classes()->selectedClass());
  BOOST_TEST_REQUIRE(!entries.empty());
  const wxString first = journal->list()->GetItemText(0);
  BOOST_TEST(first.length() == 10u);
  BOOST_TEST(first.utf8_string()[2] == '/');
  BOOST_TEST(gui::typedDate(first).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
