// A gradebook that reads well (issue 13): names and averages stay in view while scrolling,
// a class-average row, tooltips on headers and commented marks, a comment line under the
// grid that Shift+F2 edits, the grading defaults and rounding of Settings, a new column that
// gets the cursor, headers that wrap, and a categories dialog that shows every row.
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "gradebook/assessment_dialog.h"
#include "gradebook/categories_dialog.h"
#include "gradebook/gradebook_grid.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "ids.h"
#include "local_numbers.h"
#include "sync/sync_settings.h"
#include "translations.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "workloads/school_year.h"

#include <wx/button.h>
#include <wx/datetime.h>
#include <wx/dcclient.h>
#include <wx/grid.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/translation.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <cmath>

using namespace pupitre;

namespace {

// Runs `act` on the first shown dialog of type T as soon as it is up (a modal dialog runs its
// own event loop, so this polls from a timer); `act` ends it. Gives up after 10 s.
template <typename T> class WhenShown : public wxTimer
{
public:
  explicit WhenShown(std::function<void(T&)> act) : m_act(std::move(act))
  {
    m_start = std::chrono::steady_clock::now();
    Start(50);
  }
  bool done = false;

private:
  void Notify() override
  {
    for (wxWindow* window : wxTopLevelWindows) {
      auto* dialog = dynamic_cast<T*>(window);
      if (dialog && dialog->IsShown() && !done) {
        done = true;
        Stop();
        m_act(*dialog);
        return;
      }
    }
    if (std::chrono::steady_clock::now() - m_start > std::chrono::seconds(10)) {
      Stop();
    }
  }
  std::function<void(T&)> m_act;
  std::chrono::steady_clock::time_point m_start;
};

int firstColumnOf(gui::GradebookTable& table, gui::GradebookColumn::Kind kind)
{
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    if (table.columnAt(c)->kind == kind) {
      return c;
    }
  }
  return -1;
}

int lastColumnOf(gui::GradebookTable& table, gui::GradebookColumn::Kind kind)
{
  int found = -1;
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    if (table.columnAt(c)->kind == kind) {
      found = c;
    }
  }
  return found;
}

const model::Assessment& assessmentAt(gui::GradebookTable& table, int col)
{
  return table.data()->assessments[static_cast<std::size_t>(table.columnAt(col)->assessment)];
}

// Moves the pointer onto the middle of a rectangle of `window` (client coordinates).
void pointAt(wxWindow* window, const wxRect& rect)
{
  wxUIActionSimulator sim;
  sim.MouseMove(window->ClientToScreen(rect.GetPosition() + rect.GetSize() / 2) + wxPoint(1, 1));
  test::pump(100);
  sim.MouseMove(window->ClientToScreen(rect.GetPosition() + rect.GetSize() / 2));
  test::pump(200);
}

wxWindow* named(wxWindow* top, const char* name)
{
  return wxWindow::FindWindowByName(name, top);
}

// The gradebook at 1366 × 768 as the teacher reads it, saved as screenshots ending in
// `suffix`: a commented mark under the cursor with its tooltip, scrolled right, a header's
// tooltip, and the categories dialog.
void lookScreens(test::AppFixture& app, const std::string& suffix)
{
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  app.frame->SetSize(1366, 768);
  test::pump(200);
  const int col = firstColumnOf(table, gui::GradebookColumn::Kind::Assessment);
  const std::string studentId =
      table.data()->students[static_cast<std::size_t>(table.studentAt(1))].id;
  {
    model::MarkInput input;
    input.comment = suffix == "es" ? "Entregado tarde, sin la bibliografía"
                                   : "Handed in late, without the bibliography";
    model::Marks(*app.db).set(studentId, assessmentAt(table, col).id, input);
  }
  app.frame->reloadVisible();
  test::waitUntil([&] { return table.hasComment(1, col); });
  grid->GoToCell(1, col);
  test::pump(100);
  wxUIActionSimulator sim;
  sim.MouseMove(test::cellOnScreen(grid, 1, col));
  test::pump(1500); // the tooltip's delay
  test::screenshot(app.frame, "gradebook-look-" + suffix);
  const int last = lastColumnOf(table, gui::GradebookColumn::Kind::Assessment);
  grid->GoToCell(3, last);
  test::pump(100);
  const wxPoint header = test::cellOnScreen(grid, 0, last);
  sim.MouseMove(wxPoint(header.x, grid->GetGridColLabelWindow()->GetScreenPosition().y +
                                      grid->GetColLabelSize() / 2));
  test::pump(1500);
  test::screenshot(app.frame, "gradebook-look-scrolled-" + suffix);
  sim.MouseMove(wxPoint(5, 5));
  gui::CategoriesDialog dialog(app.frame, table.data()->categories);
  dialog.Show();
  test::screenshot(&dialog, "gradebook-look-categories-" + suffix);
  dialog.Hide();
}

} // namespace

BOOST_AUTO_TEST_SUITE(gradebook_look)

BOOST_AUTO_TEST_CASE(names_and_averages_stay_in_view_and_a_class_average_row_ends_the_grid)
{
  test::AppFixture app(test::YearSize{1, 12, 30, 5});
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  app.frame->SetSize(1366, 768);
  test::pump(200);
  const int finalCol = firstColumnOf(table, gui::GradebookColumn::Kind::FinalAverage);
  const int lastAssessment = lastColumnOf(table, gui::GradebookColumn::Kind::Assessment);
  BOOST_REQUIRE(finalCol >= 0 && lastAssessment >= 0);
  // Every average column is frozen at the left, next to the names (the row labels).
  BOOST_CHECK_LT(finalCol, grid->GetNumberFrozenCols());
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    if (table.columnAt(c)->kind != gui::GradebookColumn::Kind::Assessment) {
      BOOST_CHECK_LT(c, grid->GetNumberFrozenCols());
    }
  }
  // Scrolled to the last assessment, the final average still shows in the frozen part.
  grid->GoToCell(0, lastAssessment);
  test::pump(100);
  int x = 0, y = 0;
  grid->GetViewStart(&x, &y);
  BOOST_CHECK_GT(x, 0);
  BOOST_CHECK(grid->GetFrozenColGridWindow() && grid->GetFrozenColGridWindow()->IsShown());
  test::screenshot(app.frame, "gradebook-look-scrolled-right");

  // The last row is the class average: not a student, not editable, the mean of the column.
  const int students = static_cast<int>(table.data()->students.size());
  BOOST_REQUIRE_EQUAL(table.GetNumberRows(), students + 1);
  const int avgRow = students;
  BOOST_CHECK_EQUAL(table.studentAt(avgRow), -1);
  BOOST_CHECK_EQUAL(table.GetRowLabelValue(avgRow), _("Class average"));
  BOOST_CHECK(grid->IsReadOnly(avgRow, lastAssessment));
  const auto& a = assessmentAt(table, lastAssessment);
  double sum = 0;
  int count = 0;
  for (const auto& m : model::Marks(*app.db).list(app.frame->classes()->selectedClass())) {
    if (m.assessmentId != a.id) {
      continue;
    }
    if (m.status == model::MarkStatus::Missing) { // counts as the lowest mark, as in averages
      sum += a.scale.min;
      ++count;
    } else if (m.status == model::MarkStatus::Normal && !store::isNull(m.value)) {
      sum += a.scale.valueOf(m.value);
      ++count;
    }
  }
  BOOST_REQUIRE_GT(count, 0);
  // Rounded as Settings → Grading says (0.1 by default: one decimal).
  BOOST_CHECK_EQUAL(table.GetValue(avgRow, lastAssessment),
                    gui::localFixed(std::round(sum / count * 10) / 10, 1));
  BOOST_CHECK(!table.GetValue(avgRow, finalCol).empty());
  // Sorting by average keeps it last.
  app.frame->gradebook()->sortBy(gui::StudentOrder::ByAverage);
  BOOST_CHECK_EQUAL(table.studentAt(avgRow), -1);
  BOOST_CHECK_EQUAL(table.GetRowLabelValue(avgRow), _("Class average"));
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(shift_f2_edits_the_comment_and_never_the_mark)
{
  test::AppFixture app(test::YearSize{1, 8, 6, 5});
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const int col = firstColumnOf(table, gui::GradebookColumn::Kind::Assessment);
  const int row = 1;
  const std::string studentId =
      table.data()->students[static_cast<std::size_t>(table.studentAt(row))].id;
  const std::string assessmentId = assessmentAt(table, col).id;
  const auto before = model::Marks(*app.db).find(studentId, assessmentId);
  BOOST_REQUIRE(before);

  grid->GoToCell(row, col);
  grid->SetFocus();
  test::pump(200);
  wxUIActionSimulator sim;
  sim.Char(WXK_F2, wxMOD_SHIFT);
  test::pump(300);
  BOOST_CHECK(!grid->IsCellEditControlShown());
  auto* comment = dynamic_cast<wxTextCtrl*>(named(app.frame, "gradebook_comment"));
  BOOST_REQUIRE_MESSAGE(comment, "no comment editor under the grid");
  BOOST_CHECK(comment->HasFocus());
  sim.Text("Handed in late");
  sim.Char(WXK_RETURN);
  BOOST_REQUIRE(test::waitUntil([&] {
    const auto mark = model::Marks(*app.db).find(studentId, assessmentId);
    return mark && mark->comment == "Handed in late";
  }));
  const auto after = model::Marks(*app.db).find(studentId, assessmentId);
  BOOST_CHECK_EQUAL(store::toText(after->value), store::toText(before->value));
  BOOST_CHECK(after->status == before->status);
  // Back in the grid, on the same cell, which now carries the comment.
  BOOST_CHECK(test::waitUntil([&] { return grid->HasFocus(); }, 2000));
  BOOST_CHECK_EQUAL(grid->GetGridCursorRow(), row);
  BOOST_CHECK_EQUAL(grid->GetGridCursorCol(), col);
  BOOST_CHECK(table.hasComment(row, col));
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(headers_and_commented_marks_say_what_they_are)
{
  test::AppFixture app(test::YearSize{1, 8, 6, 5});
  auto* panel = app.frame->gradebook();
  auto* grid = panel->grid();
  auto& table = *panel->table();
  const int col = firstColumnOf(table, gui::GradebookColumn::Kind::Assessment);
  const model::Assessment a = assessmentAt(table, col);
  const std::string studentId =
      table.data()->students[static_cast<std::size_t>(table.studentAt(2))].id;
  {
    model::MarkInput input;
    input.comment = "Forgot the second page";
    model::Marks(*app.db).set(studentId, a.id, input);
  }
  app.frame->reloadVisible();
  BOOST_REQUIRE(test::waitUntil([&] { return table.hasComment(2, col); }));
  grid->MakeCellVisible(2, col);
  test::pump(100);

  // The header: full name, date, weight, scale, category.
  wxWindow* labels = grid->GetGridColLabelWindow(); // assessments are never frozen
  // The header stands above the column's cells.
  const wxPoint centre = labels->ScreenToClient(test::cellOnScreen(grid, 0, col));
  const int width = grid->GetColSize(col);
  pointAt(labels, wxRect(centre.x - width / 2, 0, width, grid->GetColLabelSize()));
  const wxString headerTip = labels->GetToolTipText();
  BOOST_TEST_MESSAGE("header tooltip: " << headerTip.utf8_string());
  BOOST_CHECK(headerTip.Contains(wxString::FromUTF8(a.name)));
  wxDateTime date;
  BOOST_REQUIRE(date.ParseISODate(wxString::FromUTF8(a.date)));
  BOOST_CHECK(headerTip.Contains(date.FormatDate()));
  BOOST_CHECK(headerTip.Contains(gui::localNumber(a.weight)));
  BOOST_CHECK(headerTip.Contains(gui::localNumber(a.scale.max)));
  BOOST_CHECK(headerTip.Contains(wxString::FromUTF8(table.data()->category(a.categoryId)->name)));
  // The frozen final average's header says what it is and how it is rounded.
  auto* frozenLabels = dynamic_cast<gui::GradebookGrid*>(grid)->frozenColLabelWindow();
  BOOST_REQUIRE(frozenLabels);
  const int finalCol = firstColumnOf(table, gui::GradebookColumn::Kind::FinalAverage);
  const wxPoint finalCentre = frozenLabels->ScreenToClient(test::cellOnScreen(grid, 0, finalCol));
  pointAt(frozenLabels, wxRect(finalCentre.x - 10, 0, 20, grid->GetColLabelSize()));
  BOOST_CHECK(frozenLabels->GetToolTipText().StartsWith("Final average"));
  BOOST_CHECK(frozenLabels->GetToolTipText().Contains(gui::localNumber(0.1)));

  // The commented mark: its tooltip and the comment line under the grid.
  wxWindow* cells = test::cellWindow(grid, 2, col);
  const wxRect cell = grid->CellToRect(2, col);
  pointAt(cells,
          wxRect(cells->ScreenToClient(test::cellOnScreen(grid, 2, col)) - cell.GetSize() / 2,
                 cell.GetSize()));
  BOOST_CHECK(cells->GetToolTipText().Contains("Forgot the second page"));
  grid->GoToCell(2, col);
  test::pump(100);
  auto* comment = dynamic_cast<wxTextCtrl*>(named(app.frame, "gradebook_comment"));
  BOOST_REQUIRE_MESSAGE(comment, "no comment line under the grid");
  BOOST_CHECK_EQUAL(comment->GetValue(), "Forgot the second page");
  test::screenshot(app.frame, "gradebook-look-comment");
  grid->GoToCell(3, col);
  test::pump(100);
  BOOST_CHECK(comment->GetValue().empty());
}

BOOST_AUTO_TEST_CASE(a_new_assessment_starts_from_the_grading_defaults_and_gets_the_cursor)
{
  test::AppFixture app(test::YearSize{1, 8, 30, 5});
  gui::GradingDefaults defaults;
  defaults.scale = "0..20";
  defaults.passMark = 12;
  gui::saveGradingDefaults(*app.db, defaults);
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  app.frame->SetSize(1366, 768);
  grid->GoToCell(0, firstColumnOf(table, gui::GradebookColumn::Kind::Assessment));
  test::pump(100);

  model::Scale shown;
  WhenShown<gui::AssessmentDialog> fill([&](gui::AssessmentDialog& dialog) {
    shown = dialog.assessment().scale;
    auto* name = dynamic_cast<wxTextCtrl*>(dialog.FindFocus());
    if (name) {
      name->ChangeValue("Oral presentation");
    }
    dialog.EndModal(wxID_OK);
  });
  wxCommandEvent add(wxEVT_MENU, gui::ids::kAddAssessment);
  app.frame->ProcessWindowEvent(add);
  BOOST_REQUIRE(fill.done);
  BOOST_CHECK_EQUAL(shown.min, 0);
  BOOST_CHECK_EQUAL(shown.max, 20);
  BOOST_CHECK_EQUAL(shown.passMark, 12);

  int col = -1;
  BOOST_REQUIRE(test::waitUntil([&] {
    for (int c = 0; c < table.GetNumberCols(); ++c) {
      const auto* column = table.columnAt(c);
      if (column->kind == gui::GradebookColumn::Kind::Assessment &&
          assessmentAt(table, c).name == "Oral presentation") {
        col = c;
        return true;
      }
    }
    return false;
  }));
  BOOST_CHECK_EQUAL(assessmentAt(table, col).scale.max, 20);
  BOOST_CHECK(test::waitUntil([&] { return grid->GetGridCursorCol() == col; }, 3000));
  BOOST_CHECK(grid->IsVisible(grid->GetGridCursorRow(), col));
  test::screenshot(app.frame, "gradebook-look-new-column");
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(averages_are_rounded_as_the_grading_settings_say)
{
  test::AppFixture app(test::YearSize{1, 10, 12, 5});
  gui::GradingDefaults defaults;
  defaults.rounding = 0.5;
  gui::saveGradingDefaults(*app.db, defaults);
  app.frame->reloadVisible();
  auto& table = *app.frame->gradebook()->table();
  test::waitUntil([&] { return app.frame->worker().pending() == 0; });
  const int finalCol = firstColumnOf(table, gui::GradebookColumn::Kind::FinalAverage);
  int checked = 0;
  for (int r = 0; r < static_cast<int>(table.data()->students.size()); ++r) {
    const auto& av = table.data()->averages[static_cast<std::size_t>(table.studentAt(r))];
    if (!av.final) {
      continue;
    }
    // One decimal for half points: 6.5, 7.0.
    BOOST_CHECK_EQUAL(table.GetValue(r, finalCol),
                      gui::localFixed(std::round(*av.final * 2) / 2, 1));
    ++checked;
  }
  BOOST_CHECK_GT(checked, 0);
  defaults.rounding = 1;
  gui::saveGradingDefaults(*app.db, defaults);
  app.frame->reloadVisible();
  BOOST_CHECK(test::waitUntil([&] {
    const auto& av = table.data()->averages[static_cast<std::size_t>(table.studentAt(0))];
    return av.final && table.GetValue(0, finalCol) == gui::localFixed(std::round(*av.final), 0);
  }));
}

BOOST_AUTO_TEST_CASE(long_column_names_wrap_before_they_are_cut)
{
  test::AppFixture app([](store::Database& db, const test::Sandbox&) {
    bench::SchoolYearOptions options;
    options.classes = 1;
    options.students = 4;
    options.assessments = 4;
    options.days = 2;
    bench::generateSchoolYear(db, options);
    const std::string classId = model::Classes(db).list().front().id;
    auto all = model::Assessments(db).list(classId);
    model::AssessmentChanges longer;
    longer.name = "Reading comprehension of a short story";
    model::Assessments(db).update(all[0].id, longer);
    model::AssessmentChanges longest;
    longest.name = "An extraordinarily long assessment name that cannot possibly fit in three "
                   "lines of a column header";
    model::Assessments(db).update(all[1].id, longest);
  });
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    if (table.columnAt(c)->kind != gui::GradebookColumn::Kind::Assessment) {
      continue;
    }
    const wxString label = grid->GetColLabelValue(c);
    BOOST_TEST_MESSAGE("header: " << label.utf8_string());
    const std::string name = assessmentAt(table, c).name;
    if (name.rfind("Reading", 0) == 0) {
      wxString flat = label.AfterFirst('\n');
      flat.Replace("\n", " ");
      BOOST_CHECK_EQUAL(flat.utf8_string(), name);
    } else if (name.rfind("An extra", 0) == 0) {
      BOOST_CHECK(label.EndsWith(wxString::FromUTF8("…")));
      BOOST_CHECK_LE(label.Freq('\n'), 3);
    }
  }
  // The header row is as tall as a category line and three name lines.
  wxClientDC dc(grid->GetGridColLabelWindow());
  dc.SetFont(grid->GetLabelFont());
  BOOST_CHECK_GE(grid->GetColLabelSize(), 4 * dc.GetCharHeight());
  test::screenshot(app.frame, "gradebook-look-long-headers");
}

BOOST_AUTO_TEST_CASE(the_categories_dialog_shows_every_row)
{
  // A first-day class has no categories: the teacher adds them one by one in the dialog.
  test::AppFixture app(test::YearSize{1, 4, 8, 2});
  gui::CategoriesDialog dialog(app.frame, {});
  dialog.Show();
  test::pump(200);
  auto* grid = dynamic_cast<wxGrid*>(named(&dialog, "categories_grid"));
  auto* add = dynamic_cast<wxButton*>(dialog.FindWindow(wxID_ADD));
  BOOST_REQUIRE(grid && add);
  const char* names[] = {"Tests", "Homework", "Projects", "Oral work", "Lab reports"};
  for (const char* name : names) {
    wxCommandEvent click(wxEVT_BUTTON, wxID_ADD);
    click.SetEventObject(add);
    add->ProcessWindowEvent(click);
    test::pump(50);
    grid->SetCellValue(grid->GetGridCursorRow(), 0, name);
  }
  test::pump(300);
  BOOST_REQUIRE_GE(grid->GetNumberRows(), 5);
  for (int r = 0; r < grid->GetNumberRows(); ++r) {
    BOOST_CHECK_MESSAGE(grid->IsVisible(r, 0, true), "row " << r << " is not in view");
    BOOST_CHECK_MESSAGE(grid->IsVisible(r, 1, true), "weight of row " << r << " is not in view");
  }
  test::screenshot(&dialog, "gradebook-look-categories");
  BOOST_CHECK_EQUAL(dialog.categories().size(), 5u);
  dialog.Hide();
}

BOOST_AUTO_TEST_CASE(screens_in_english_and_spanish)
{
  {
    test::AppFixture app;
    lookScreens(app, "en");
    auto* comment = dynamic_cast<wxTextCtrl*>(named(app.frame, "gradebook_comment"));
    BOOST_REQUIRE(comment);
  }
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    test::AppFixture app;
    auto& table = *app.frame->gradebook()->table();
    BOOST_CHECK_EQUAL(table.GetRowLabelValue(table.GetNumberRows() - 1).utf8_string(),
                      "Media de la clase");
    const int finalCol = firstColumnOf(table, gui::GradebookColumn::Kind::FinalAverage);
    wxString label = table.GetColLabelValue(finalCol);
    label.Replace("\n", " ");
    BOOST_CHECK_EQUAL(label.utf8_string(), "Media final");
    lookScreens(app, "es");
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
