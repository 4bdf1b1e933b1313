// Every change made through the app refreshes the screens that show it (issue 13, item 4):
// "Restore lost value" in Conflicts, then the Gradebook tab shows the restored mark without
// F5; a name typed in Students shows in the gradebook; Undo and Redo of an edit made on
// another tab refresh the visible one, keeping the teacher's place.
#include "gui_fixture.h"

#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "panels/conflicts_panel.h"
#include "panels/students_panel.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"

#include <wx/button.h>
#include <wx/cmdproc.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

void click(wxWindow* window)
{
  wxUIActionSimulator sim;
  sim.MouseMove(window->GetScreenRect().GetPosition() + wxPoint(8, 8));
  test::pump(50);
  sim.MouseClick();
  test::pump(100);
}

wxButton* buttonLabelled(wxWindow* parent, const wxString& label)
{
  for (wxWindow* child : parent->GetChildren()) {
    if (auto* button = dynamic_cast<wxButton*>(child); button && button->GetLabel() == label) {
      return button;
    }
  }
  return nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(refresh)

BOOST_AUTO_TEST_CASE(a_restored_mark_shows_in_the_gradebook_without_f5)
{
  std::string student, assessment;
  test::AppFixture app([&](store::Database& a, const test::Sandbox& sandbox) {
    const auto cls = model::Classes(a).create({.name = "4B Mathematics"});
    student = model::Students(a).create({.classId = cls, .givenName = "Ana"});
    model::Assessment test3;
    test3.classId = cls;
    test3.name = "Test 3";
    test3.date = "2026-12-04";
    test3.scale = model::Scale::numeric(0, 10, 5);
    assessment = model::Assessments(a).create(test3);
    store::Database b(sandbox.path("b.db"));
    auto changes = sync::pendingChanges(a);
    sync::applyRemote(b, changes);
    sync::acknowledge(a, changes);
    // This device gives 6 first; the other one 7.5 later: its value wins at the next sync.
    model::Marks(a).set(student, assessment, {.value = "6"});
    wxMilliSleep(20);
    model::Marks(b).set(student, assessment, {.value = "7.5"});
    changes = sync::pendingChanges(b);
    sync::applyRemote(a, changes);
    sync::acknowledge(b, changes);
  });
  auto& table = *app.frame->gradebook()->table();
  const auto cell = [&] {
    return table.GetValue(table.rowOfStudent(student), table.columnOfKey(assessment));
  };
  BOOST_TEST_REQUIRE(cell() == "7.5");

  app.frame->showPage(5);
  auto* panel = app.frame->conflicts();
  BOOST_TEST_REQUIRE(test::waitUntil([&] { return panel->list()->GetItemCount() >= 1; }));
  int row = -1;
  for (int i = 0; i < panel->list()->GetItemCount() && row < 0; ++i) {
    for (int c = 0; c < panel->list()->GetColumnCount(); ++c) {
      if (panel->list()->GetItemText(i, c).Contains("7.5")) {
        row = i;
      }
    }
  }
  BOOST_TEST_REQUIRE(row >= 0);
  panel->list()->Select(row);
  test::pump(100);
  auto* restore = buttonLabelled(panel, "&Restore lost value");
  BOOST_TEST_REQUIRE(restore);
  click(restore);
  BOOST_TEST_REQUIRE(test::waitUntil([&] {
    const auto mark = model::Marks(*app.db).find(student, assessment);
    return mark && store::toText(mark->value) == "6";
  }));

  // Back to the gradebook: the cell says 6 without a refresh.
  app.frame->showPage(0);
  BOOST_TEST(test::waitUntil([&] { return cell() == "6"; }));
  // Undo (Ctrl+Z) while the gradebook is shown puts 7.5 back there too.
  app.frame->commands().Undo();
  BOOST_TEST(test::waitUntil([&] { return cell() == "7.5"; }));
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(a_name_edited_in_students_shows_in_the_gradebook_and_undo_refreshes_it)
{
  test::AppFixture app;
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const int row = 4;
  const std::string student =
      table.data()->students[static_cast<std::size_t>(table.studentAt(row))].id;
  const wxString label = table.GetRowLabelValue(row);
  grid->SetGridCursor(row, 2);
  grid->Scroll(0, 2);
  test::pump(50);

  app.frame->showPage(3);
  auto* students = app.frame->students();
  students->select(student);
  students->familyField()->SetFocus();
  students->familyField()->SetInsertionPointEnd();
  test::pump(50);
  wxUIActionSimulator sim;
  sim.Text("-Ruiz");
  test::pump(50);
  app.frame->showPage(0); // at once: no pause, no Save, no F5
  const auto renamed = [&] {
    const int r = table.rowOfStudent(student);
    return r >= 0 && table.GetRowLabelValue(r).Contains("-Ruiz");
  };
  BOOST_TEST(test::waitUntil(renamed));
  // The teacher's place in the grid is kept.
  BOOST_TEST(table.studentAt(grid->GetGridCursorRow()) >= 0);
  BOOST_TEST(table.data()->students[std::size_t(table.studentAt(grid->GetGridCursorRow()))].id ==
             student);
  BOOST_TEST(grid->GetGridCursorCol() == 2);

  // Undo from the gradebook takes the name back there at once.
  app.frame->commands().Undo();
  BOOST_TEST(test::waitUntil([&] { return !renamed(); }));
  BOOST_TEST(table.GetRowLabelValue(table.rowOfStudent(student)) == label);
  app.frame->commands().Redo();
  BOOST_TEST(test::waitUntil(renamed));
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_SUITE_END()
