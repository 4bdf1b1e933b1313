// A first start with no data: the main window says what to do (create a class, import
// students) with a button for each, and every command that needs a class is greyed out
// until there is one (Add assessment used to do nothing).
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "empty_state_panel.h"
#include "ids.h"
#include "panels/roster_import_dialog.h"
#include "panels/students_panel.h"
#include "translations.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"

#include <wx/button.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/timer.h>
#include <wx/toolbar.h>
#include <wx/translation.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <string>

using namespace pupitre;

namespace {

const int kNeedAClass[] = {gui::ids::kAddAssessment, gui::ids::kEditAssessment,
                           gui::ids::kCategories,    gui::ids::kAddStudent,
                           gui::ids::kRemoveStudent, gui::ids::kNewJournalEntry,
                           gui::ids::kRenameClass,   gui::ids::kMarkMissing};

// Answers the text dialogs the app opens, in order, as the teacher would type them.
class DialogAnswers
{
public:
  explicit DialogAnswers(std::deque<wxString> answers) : m_answers(std::move(answers))
  {
    m_timer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
      for (auto* window : wxTopLevelWindows) {
        auto* dialog = dynamic_cast<wxTextEntryDialog*>(window);
        if (dialog && dialog->IsModal() && !m_answers.empty()) {
          dialog->SetValue(m_answers.front());
          m_answers.pop_front();
          dialog->EndModal(wxID_OK);
          return;
        }
      }
    });
    m_timer.Start(50);
  }
  bool done() const { return m_answers.empty(); }

private:
  std::deque<wxString> m_answers;
  wxTimer m_timer;
};

// Runs `actions` inside the roster import dialog once it is on screen (it opens after the
// class's name has been asked), as the teacher would use it; Cancel if they left it open.
class ImportDialogActions
{
public:
  explicit ImportDialogActions(std::function<void(gui::RosterImportDialog&)> actions)
      : m_actions(std::move(actions))
  {
    m_timer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
      for (auto* window : wxTopLevelWindows) {
        auto* dialog = dynamic_cast<gui::RosterImportDialog*>(window);
        if (dialog && dialog->IsModal() && dialog->IsShownOnScreen() && !m_ran) {
          m_ran = true;
          m_timer.Stop();
          m_actions(*dialog);
          if (dialog->IsModal()) {
            dialog->EndModal(wxID_CANCEL);
          }
          return;
        }
      }
    });
    m_timer.Start(50);
  }
  bool ran() const { return m_ran; }

private:
  std::function<void(gui::RosterImportDialog&)> m_actions;
  bool m_ran = false;
  wxTimer m_timer;
};

struct EmptyApp
{
  EmptyApp()
  {
    db = std::make_unique<store::Database>(sandbox.path("pupitre.db"));
    link = std::make_unique<gui::DaemonLink>(sandbox.path("no-daemon.sock"), db->path());
    link->start(false);
    frame = new gui::MainFrame(*db, *link);
    frame->SetPosition({0, 0});
    frame->Show();
    test::pump(200);
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
  }
  ~EmptyApp()
  {
    test::waitUntil([this] { return frame->worker().pending() == 0; });
    frame->Destroy();
    test::pump(50);
    link.reset();
  }
  // The first-start page's button with `label` (the Students tab, hidden behind it, has an
  // "Import students…" button too).
  wxButton* button(const wxString& label) const
  {
    return dynamic_cast<wxButton*>(wxWindow::FindWindowByLabel(label, frame->emptyState()));
  }
  test::Sandbox sandbox;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<gui::DaemonLink> link;
  gui::MainFrame* frame = nullptr;
};

} // namespace

BOOST_AUTO_TEST_SUITE(first_start)

BOOST_AUTO_TEST_CASE(with_no_class_the_window_says_what_to_do_and_class_commands_are_off)
{
  EmptyApp app;
  auto* bar = app.frame->GetMenuBar();
  for (int id : kNeedAClass) {
    BOOST_CHECK_MESSAGE(!bar->IsEnabled(id), bar->GetLabel(id).utf8_string()
                                                 << " is enabled without a class");
  }
  BOOST_CHECK(!app.frame->GetToolBar()->GetToolEnabled(gui::ids::kAddAssessment));
  BOOST_CHECK(!app.frame->GetToolBar()->GetToolEnabled(gui::ids::kCategories));
  BOOST_CHECK(bar->IsEnabled(gui::ids::kNewClass));
  // The page says what to do, with its buttons on screen.
  auto* create = app.button(_("&Create a class…"));
  auto* import = app.button(_("&Import students…"));
  BOOST_REQUIRE_MESSAGE(create && import, "no first-start page with its two buttons");
  BOOST_CHECK(create->IsShownOnScreen() && import->IsShownOnScreen());
  BOOST_CHECK(!app.frame->tabs()->IsShownOnScreen());
  test::screenshot(app.frame, "first-start");

  // "Create a class…" asks for the name; then the class's screens and commands are there.
  DialogAnswers answers({"4B"});
  wxCommandEvent click(wxEVT_BUTTON, create->GetId());
  click.SetEventObject(create);
  create->GetEventHandler()->ProcessEvent(click);
  BOOST_REQUIRE(test::waitUntil([&] { return answers.done(); }));
  test::pump(100);
  const auto classes = model::Classes(*app.db).list();
  BOOST_REQUIRE_EQUAL(classes.size(), 1u);
  BOOST_CHECK_EQUAL(classes[0].name, "4B");
  BOOST_CHECK_EQUAL(app.frame->classes()->selectedClass(), classes[0].id);
  BOOST_CHECK(app.frame->tabs()->IsShownOnScreen());
  app.frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
  for (int id : kNeedAClass) {
    BOOST_CHECK_MESSAGE(bar->IsEnabled(id), bar->GetLabel(id).utf8_string()
                                                << " is still disabled with a class");
  }
  BOOST_CHECK(app.frame->GetToolBar()->GetToolEnabled(gui::ids::kAddAssessment));

  // Undo takes the class away: the first-start page is back.
  app.frame->commands().Undo();
  test::pump(100);
  app.frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
  BOOST_CHECK(create->IsShownOnScreen());
  BOOST_CHECK(!bar->IsEnabled(gui::ids::kAddAssessment));
}

BOOST_AUTO_TEST_CASE(import_students_on_a_first_start_names_the_class_then_adds_them)
{
  EmptyApp app;
  auto* import = app.button(_("&Import students…"));
  BOOST_REQUIRE(import);
  // It asks for the class's name, then opens the import dialog for that class: a pasted
  // list, previewed, and "Create 2 students".
  DialogAnswers answers({"4B"});
  ImportDialogActions importing([](gui::RosterImportDialog& dialog) {
    BOOST_CHECK(dialog.GetTitle().Contains("4B"));
    dialog.pasteBox()->SetFocus();
    dialog.pasteBox()->SetValue(wxString::FromUTF8("Zamora, Ana\nNúñez Gil, José\n"));
    auto* grid = dialog.preview();
    BOOST_REQUIRE_EQUAL(grid->GetNumberRows(), 2);
    BOOST_CHECK_EQUAL(grid->GetCellValue(0, 2).utf8_string(), "Ana");
    BOOST_CHECK_EQUAL(grid->GetCellValue(0, 3).utf8_string(), "Zamora");
    BOOST_CHECK_EQUAL(dialog.createButton()->GetLabel(), "Create 2 students");
    test::screenshot(&dialog, "first-start-import");
    wxCommandEvent create(wxEVT_BUTTON, dialog.createButton()->GetId());
    create.SetEventObject(dialog.createButton());
    dialog.createButton()->ProcessWindowEvent(create);
  });
  wxCommandEvent click(wxEVT_BUTTON, import->GetId());
  click.SetEventObject(import);
  import->GetEventHandler()->ProcessEvent(click);
  BOOST_REQUIRE(test::waitUntil([&] { return answers.done() && importing.ran(); }));
  test::pump(100);
  const auto classes = model::Classes(*app.db).list();
  BOOST_REQUIRE_EQUAL(classes.size(), 1u);
  BOOST_CHECK_EQUAL(classes[0].name, "4B");
  auto students = model::Students(*app.db).list(classes[0].id);
  BOOST_REQUIRE_EQUAL(students.size(), 2u);
  std::sort(students.begin(), students.end(),
            [](const auto& a, const auto& b) { return a.familyName < b.familyName; });
  BOOST_CHECK_EQUAL(students[0].familyName, "Núñez Gil");
  BOOST_CHECK_EQUAL(students[0].givenName, "José");
  BOOST_CHECK_EQUAL(students[1].familyName, "Zamora");
  BOOST_CHECK_EQUAL(students[1].givenName, "Ana");
  // The teacher sees the class's Students tab with both of them.
  BOOST_CHECK(app.frame->tabs()->IsShownOnScreen());
  BOOST_CHECK_EQUAL(app.frame->tabs()->GetSelection(), 3); // the Students tab
  BOOST_CHECK_EQUAL(app.frame->students()->list()->GetItemCount(), 2);
  BOOST_CHECK(app.frame->GetStatusBar()->GetStatusText(0).Contains("2 students imported"));
}

BOOST_AUTO_TEST_CASE(the_first_start_page_in_spanish)
{
  // The catalog goes away at the end even when a check stops the case (the next cases read
  // English).
  struct Spanish
  {
    Spanish() { BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH)); }
    ~Spanish() { wxTranslations::Set(nullptr); }
  } spanish;
  EmptyApp app;
  auto* create = app.button("&Crear una clase…");
  BOOST_REQUIRE(create);
  BOOST_CHECK(create->IsShownOnScreen());
  BOOST_CHECK(app.button("&Importar alumnos…"));
  test::screenshot(app.frame, "first-start-es");
}

BOOST_AUTO_TEST_SUITE_END()
