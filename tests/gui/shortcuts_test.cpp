// Keyboard shortcuts in the gradebook (issue 13, item 1): a shortcut runs its command and
// never opens the cell editor or changes the mark under the cursor (Ctrl+Shift+H used to open
// the editor with the mark erased, and Enter then deleted it).
#include "gui_fixture.h"

#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/marks.h"

#include <wx/cmdproc.h>
#include <wx/dialog.h>
#include <wx/grid.h>
#include <wx/notebook.h>
#include <wx/timer.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <string>

using namespace pupitre;

namespace {

// A cell of a numeric assessment that holds a plain mark: (row, col).
std::pair<int, int> cellWithMark(gui::GradebookTable& table)
{
  const auto& data = *table.data();
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    const auto* column = table.columnAt(c);
    if (column->kind != gui::GradebookColumn::Kind::Assessment) {
      continue;
    }
    for (int r = 0; r < table.GetNumberRows(); ++r) {
      if (table.isClassAverageRow(r)) {
        continue;
      }
      const auto& mark = data.mark(table.studentAt(r), column->assessment);
      if (mark && mark->status == model::MarkStatus::Normal && !store::isNull(mark->value) &&
          mark->comment.empty()) {
        return {r, c};
      }
    }
  }
  BOOST_FAIL("no cell with a mark in the generated class");
  return {-1, -1};
}

// Cancels any modal dialog a shortcut opens (Add assessment, Settings …) while it is alive.
struct DialogCloser
{
  DialogCloser()
  {
    m_timer.Bind(wxEVT_TIMER, [](wxTimerEvent&) {
      for (wxWindow* window : wxTopLevelWindows) {
        if (auto* dialog = dynamic_cast<wxDialog*>(window); dialog && dialog->IsModal()) {
          dialog->EndModal(wxID_CANCEL);
        }
      }
    });
    m_timer.Start(100);
  }
  ~DialogCloser() { m_timer.Stop(); }
  wxTimer m_timer;
};

struct Shortcut
{
  const char* name;
  int key;
  int modifiers;
};

} // namespace

BOOST_AUTO_TEST_SUITE(shortcuts)

BOOST_AUTO_TEST_CASE(ctrl_shift_h_hides_the_column_and_keeps_the_mark)
{
  test::AppFixture app;
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const auto [row, col] = cellWithMark(table);
  const std::string student = table.data()->students[std::size_t(table.studentAt(row))].id;
  const std::string assessment =
      table.data()->assessments[std::size_t(table.columnAt(col)->assessment)].id;
  const auto before = model::Marks(*app.db).find(student, assessment);
  BOOST_REQUIRE(before);

  test::clickCell(grid, row, col);
  wxUIActionSimulator sim;
  sim.Char('h', wxMOD_CONTROL | wxMOD_SHIFT);
  test::pump(300);
  BOOST_CHECK(!grid->IsCellEditControlShown());
  // The teacher presses Enter, as after any shortcut: nothing is deleted.
  sim.Char(WXK_RETURN);
  test::pump(200);
  const auto after = model::Marks(*app.db).find(student, assessment);
  BOOST_REQUIRE(after);
  BOOST_CHECK_EQUAL(store::toText(after->value), store::toText(before->value));
  // The column is hidden, and comes back with Undo.
  BOOST_CHECK(!model::Assessments(*app.db).get(assessment).visible);
  BOOST_CHECK(test::waitUntil([&] { return table.columnOfKey(assessment) < 0; }));
  app.frame->commands().Undo(); // one step: the shortcut ran once
  BOOST_CHECK(model::Assessments(*app.db).get(assessment).visible);
  BOOST_CHECK(test::waitUntil([&] { return table.columnOfKey(assessment) >= 0; }));
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(no_shortcut_opens_the_editor_or_changes_the_mark)
{
  test::AppFixture app;
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const auto [row, col] = cellWithMark(table);
  const std::string student = table.data()->students[std::size_t(table.studentAt(row))].id;
  const std::string assessment =
      table.data()->assessments[std::size_t(table.columnAt(col)->assessment)].id;
  const auto before = model::Marks(*app.db).find(student, assessment);
  BOOST_REQUIRE(before);

  // gui/README.md's shortcuts that are not meant to change this mark (Ctrl+E, Ctrl+M,
  // Ctrl+Shift+N, Delete, Ctrl+V and Ctrl+Shift+Delete are; Ctrl+Q quits; F1 is a native
  // message box).
  const int ctrl = wxMOD_CONTROL, shift = wxMOD_SHIFT;
  const Shortcut keys[] = {
      {"Ctrl+Shift+S", 's', ctrl | shift},
      {"Ctrl+,", ',', ctrl},
      {"Ctrl+Z", 'z', ctrl},
      {"Ctrl+Y", 'y', ctrl},
      {"Ctrl+2", '2', ctrl},
      {"Ctrl+3", '3', ctrl},
      {"Ctrl+4", '4', ctrl},
      {"Ctrl+5", '5', ctrl},
      {"Ctrl+6", '6', ctrl},
      {"Ctrl+1", '1', ctrl},
      {"Ctrl+L", 'l', ctrl},
      {"Ctrl+N", 'n', ctrl},
      {"Ctrl+R", 'r', ctrl},
      {"Ctrl+C", 'c', ctrl},
      {"Shift+F2", WXK_F2, shift},
      {"Ctrl+Shift+A", 'a', ctrl | shift},
      {"Ctrl+Shift+E", 'e', ctrl | shift},
      {"Ctrl+Shift+W", 'w', ctrl | shift},
      {"Ctrl+Shift+T", 't', ctrl | shift},
      {"Ctrl+Shift+J", 'j', ctrl | shift},
      {"Ctrl+F", 'f', ctrl},
      {"F5", WXK_F5, 0},
      {"Ctrl+Shift+Left", WXK_LEFT, ctrl | shift},
      {"Ctrl+Shift+Right", WXK_RIGHT, ctrl | shift},
      {"Ctrl+Shift+P", 'p', ctrl | shift}, // all present (attendance)
      {"Ctrl+Shift+I", 'i', ctrl | shift}, // import students
      {"Ctrl+Shift+O", 'o', ctrl | shift}, // next term
      {"Ctrl+Shift+Y", 'y', ctrl | shift}, // whole year
      {"Ctrl+Shift+H", 'h', ctrl | shift},
  };
  DialogCloser closer;
  wxUIActionSimulator sim;
  for (const auto& shortcut : keys) {
    BOOST_TEST_CONTEXT(shortcut.name)
    {
      app.frame->showPage(0);
      test::pump(100);
      if (table.columnOfKey(assessment) < 0) { // a term without it shown (Ctrl+Shift+O)
        app.frame->gradebook()->showPeriod("");
        BOOST_REQUIRE(test::waitUntil([&] { return table.columnOfKey(assessment) >= 0; }));
      }
      const int r = table.rowOfStudent(student), c = table.columnOfKey(assessment);
      BOOST_REQUIRE(r >= 0 && c >= 0);
      test::clickCell(grid, r, c);
      BOOST_REQUIRE(!grid->IsCellEditControlShown());
      sim.Char(shortcut.key, shortcut.modifiers);
      test::pump(400);
      BOOST_CHECK(!grid->IsCellEditControlShown());
      if (grid->IsCellEditControlShown()) {
        grid->HideCellEditControl(); // Escape: nothing saved
        grid->DisableCellEditControl();
      }
      const auto after = model::Marks(*app.db).find(student, assessment);
      BOOST_REQUIRE(after);
      BOOST_CHECK_EQUAL(store::toText(after->value), store::toText(before->value));
      BOOST_CHECK(after->status == before->status);
      BOOST_CHECK_EQUAL(after->comment, before->comment);
      if (shortcut.key == 'h') {
        BOOST_CHECK(!model::Assessments(*app.db).get(assessment).visible);
      }
      test::takeErrors(); // Ctrl+Shift+S offline says why it cannot sync
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
