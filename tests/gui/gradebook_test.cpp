// The gradebook as the teacher uses it: typing marks, pasting, undo, weights, and a sync
// that changes the data under the open grid.
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "gradebook/categories_dialog.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"

#include "pupitre/model/averages.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/marks.h"

#include <wx/cmdproc.h>
#include <wx/grid.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

using namespace pupitre;

namespace {

// The first grid column of a numeric assessment, and that assessment.
int numericColumn(gui::GradebookTable& table, int skip = 0)
{
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    const auto* column = table.columnAt(c);
    if (column->kind == gui::GradebookColumn::Kind::Assessment &&
        table.data()->assessments[static_cast<std::size_t>(column->assessment)].scale.kind ==
            model::Scale::Kind::Numeric &&
        skip-- == 0) {
      return c;
    }
  }
  BOOST_FAIL("no numeric assessment in the generated class");
  return -1;
}

const model::Assessment& assessmentAt(gui::GradebookTable& table, int col)
{
  return table.data()->assessments[static_cast<std::size_t>(table.columnAt(col)->assessment)];
}

const model::Student& studentAt(gui::GradebookTable& table, int row)
{
  return table.data()->students[static_cast<std::size_t>(table.studentAt(row))];
}

// A value on the scale that differs from what the cell holds.
std::string otherValue(const model::Assessment& a, const std::optional<model::Mark>& current)
{
  const double candidates[] = {a.scale.max - 1, a.scale.min + 1, a.scale.max};
  for (double v : candidates) {
    if (!current || store::toText(current->value) != store::formatNumber(v)) {
      return store::formatNumber(v);
    }
  }
  return store::formatNumber(a.scale.max);
}

} // namespace

BOOST_AUTO_TEST_SUITE(gradebook)

BOOST_AUTO_TEST_CASE(a_typed_mark_is_saved_with_its_field_version)
{
  test::AppFixture app;
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const int row = 2, col = numericColumn(table);
  const model::Student student = studentAt(table, row);
  const model::Assessment assessment = assessmentAt(table, col);
  const std::string typed =
      otherValue(assessment, model::Marks(*app.db).find(student.id, assessment.id));
  const std::string studentId = student.id, assessmentId = assessment.id;

  grid->MakeCellVisible(row, col);
  grid->SetGridCursor(row, col);
  grid->SetFocus();
  test::pump(200);
  // Click the cell, type the mark and Enter, as the teacher does.
  wxUIActionSimulator sim;
  sim.MouseMove(test::cellOnScreen(grid, row, col));
  test::pump(50);
  sim.MouseClick();
  test::pump(100);
  sim.Text(typed.c_str());
  sim.Char(WXK_RETURN);

  BOOST_REQUIRE(test::waitUntil([&] {
    const auto mark = model::Marks(*app.db).find(studentId, assessmentId);
    return mark && store::toText(mark->value) == typed;
  }));
  // The edit was captured for sync: the field has a pending version from this device.
  auto& query = app.db->statement(
      "SELECT hlc, device, pending FROM field_version WHERE row_id = ? AND field = 'value'");
  query.bind(1, model::Marks::markId(studentId, assessmentId));
  BOOST_REQUIRE(query.executeStep());
  BOOST_CHECK_GT(query.getColumn(0).getInt64(), 0);
  BOOST_CHECK_EQUAL(query.getColumn(1).getString(), app.db->deviceId());
  BOOST_CHECK_EQUAL(query.getColumn(2).getInt(), 1);
  query.reset();
  // The grid shows it, and Enter moved down one row.
  BOOST_CHECK_EQUAL(table.GetValue(row, col).utf8_string(), typed);
  BOOST_CHECK_EQUAL(grid->GetGridCursorRow(), row + 1);
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(a_pasted_block_is_saved_and_undone_in_one_step)
{
  test::AppFixture app;
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  const int col = numericColumn(table);
  panel->grid()->SetGridCursor(0, col);
  const model::Assessment a = assessmentAt(table, col); // a copy: reloads replace the data
  const std::string low = store::formatNumber(a.scale.min), high = store::formatNumber(a.scale.max);
  std::vector<std::optional<model::Mark>> before;
  for (int r = 0; r < 3; ++r) {
    before.push_back(model::Marks(*app.db).find(studentAt(table, r).id, a.id));
  }
  panel->pasteText(low + "\n" + high + "\r\n" + low + "\n");
  for (int r = 0; r < 3; ++r) {
    const auto mark = model::Marks(*app.db).find(studentAt(table, r).id, a.id);
    BOOST_REQUIRE(mark);
    BOOST_CHECK_EQUAL(store::toText(mark->value), r == 1 ? high : low);
    BOOST_CHECK_EQUAL(table.GetValue(r, col).utf8_string(), r == 1 ? high : low);
  }
  app.frame->commands().Undo();
  for (int r = 0; r < 3; ++r) {
    const auto mark = model::Marks(*app.db).find(studentAt(table, r).id, a.id);
    BOOST_CHECK_EQUAL(mark.has_value(), before[static_cast<std::size_t>(r)].has_value());
    if (mark && before[static_cast<std::size_t>(r)]) {
      BOOST_CHECK_EQUAL(store::toText(mark->value),
                        store::toText(before[static_cast<std::size_t>(r)]->value));
    }
  }
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(a_mark_outside_the_scale_is_refused_with_a_message)
{
  test::AppFixture app;
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  const int col = numericColumn(table);
  panel->grid()->SetGridCursor(1, col);
  const auto before =
      model::Marks(*app.db).find(studentAt(table, 1).id, assessmentAt(table, col).id);
  panel->pasteText("1000");
  test::pump(50);
  const auto errors = test::takeErrors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  const auto after =
      model::Marks(*app.db).find(studentAt(table, 1).id, assessmentAt(table, col).id);
  BOOST_CHECK_EQUAL(store::toText(after->value), store::toText(before->value));
}

BOOST_AUTO_TEST_CASE(averages_follow_a_category_weight)
{
  test::AppFixture app;
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  int finalCol = 0; // the averages come first, frozen next to the names
  while (table.columnAt(finalCol)->kind != gui::GradebookColumn::Kind::FinalAverage) {
    ++finalCol;
  }
  const auto& data = *table.data();
  BOOST_REQUIRE_GE(data.categories.size(), 2u);
  // A student whose category means differ, so a weight moves the final average.
  int row = -1;
  std::string category;
  for (int r = 0; r < static_cast<int>(data.rows.size()) && row < 0; ++r) { // students
    const auto& av = data.averages[static_cast<std::size_t>(table.studentAt(r))];
    for (const auto& [id, mean] : av.byCategory) {
      if (av.final && std::abs(mean - *av.final) > 0.3 && !id.empty()) {
        row = r;
        category = id;
        break;
      }
    }
  }
  BOOST_REQUIRE(row >= 0);
  const std::string studentId = studentAt(table, row).id;
  const wxString before = table.GetValue(row, finalCol);
  panel->setCategoryWeight(category, data.category(category)->weight * 20);
  BOOST_REQUIRE(test::waitUntil([&] { return table.GetValue(row, finalCol) != before; }));
  // The grid says what the model computes from the database.
  const auto averages = model::classAverages(*app.db, app.frame->classes()->selectedClass());
  for (const auto& av : averages) {
    if (av.studentId == studentId) {
      BOOST_CHECK_EQUAL(table.GetValue(row, finalCol), table.formatAverage(av.final));
    }
  }
  app.frame->commands().Undo();
  BOOST_CHECK(test::waitUntil([&] { return table.GetValue(row, finalCol) == before; }));
}

BOOST_AUTO_TEST_CASE(a_removed_category_leaves_its_assessments_uncategorised_until_undone)
{
  test::AppFixture app;
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  const std::string classId = app.frame->classes()->selectedClass();
  const auto before = model::Categories(*app.db).list(classId);
  BOOST_REQUIRE_GE(before.size(), 2u);
  const auto labelled = [&](const std::string& name) { // a column grouped under `name`
    for (int col = 0; col < table.GetNumberCols(); ++col) {
      if (table.GetColLabelValue(col).utf8_string().rfind(name + " ·", 0) == 0) {
        return true;
      }
    }
    return false;
  };
  BOOST_REQUIRE(labelled(before[0].name));

  gui::CategoriesDialog dialog(app.frame, before);
  dialog.removeRow(0);
  BOOST_CHECK_EQUAL(dialog.categories().size(), before.size() - 1);
  BOOST_REQUIRE_EQUAL(dialog.removed().size(), 1u);
  BOOST_CHECK_EQUAL(dialog.removed()[0], before[0].id);
  panel->applyCategories(dialog.categories(), dialog.removed());
  BOOST_CHECK_EQUAL(model::Categories(*app.db).list(classId).size(), before.size() - 1);
  // Its name leaves the grid's headers; its assessments stay, counted as uncategorised.
  BOOST_CHECK(test::waitUntil([&] { return !labelled(before[0].name); }));
  const auto averages = model::classAverages(*app.db, classId);
  BOOST_CHECK(std::none_of(averages.begin(), averages.end(),
                           [&](const auto& av) { return av.byCategory.count(before[0].id) > 0; }));

  app.frame->commands().Undo();
  BOOST_CHECK_EQUAL(model::Categories(*app.db).list(classId).size(), before.size());
  BOOST_CHECK(test::waitUntil([&] { return labelled(before[0].name); }));
}

BOOST_AUTO_TEST_CASE(data_changed_by_a_sync_refreshes_the_grid_keeping_the_selection)
{
  test::AppFixture app;
  auto* panel = app.frame->gradebook();
  auto* grid = panel->grid();
  auto& table = *panel->table();
  const int col = numericColumn(table), otherCol = numericColumn(table, 1);
  grid->SelectBlock(3, col, 5, otherCol);
  grid->SetGridCursor(4, otherCol);
  grid->SelectBlock(3, col, 5, otherCol);
  const std::string cursorStudent = studentAt(table, 4).id;
  const model::Assessment a = assessmentAt(table, col); // a copy: reloads replace the data
  const std::string changedStudent = studentAt(table, 7).id, assessmentId = a.id;
  const std::string value = otherValue(a, model::Marks(*app.db).find(changedStudent, a.id));

  // Another writer (the daemon applying a pull) changes the file; then it says so.
  {
    store::Database daemonSide(app.db->path());
    model::MarkInput input;
    input.value = value;
    model::Marks(daemonSide).set(changedStudent, assessmentId, input);
  }
  wxCommandEvent changed(gui::EVT_DAEMON_DATA_CHANGED);
  app.link->ProcessEvent(changed);
  BOOST_REQUIRE(test::waitUntil([&] {
    return table.GetValue(table.rowOfStudent(changedStudent), col).utf8_string() == value;
  }));
  BOOST_CHECK_EQUAL(studentAt(table, grid->GetGridCursorRow()).id, cursorStudent);
  BOOST_CHECK_EQUAL(grid->GetGridCursorCol(), otherCol);
  BOOST_CHECK(grid->IsInSelection(3, col));
  BOOST_CHECK(grid->IsInSelection(5, otherCol));

  // While the teacher types in a cell, the reload waits for the editor to close.
  grid->SetGridCursor(1, col);
  grid->EnableCellEditControl();
  BOOST_REQUIRE(grid->IsCellEditControlShown());
  {
    store::Database daemonSide(app.db->path());
    model::MarkInput input;
    input.value = store::formatNumber(a.scale.min);
    model::Marks(daemonSide).set(changedStudent, assessmentId, input);
  }
  app.link->ProcessEvent(changed);
  test::pump(300);
  BOOST_CHECK(grid->IsCellEditControlShown());
  BOOST_CHECK_EQUAL(grid->GetGridCursorRow(), 1);
  grid->DisableCellEditControl();
  BOOST_CHECK(test::waitUntil([&] {
    return table.GetValue(table.rowOfStudent(changedStudent), col).utf8_string() ==
           store::formatNumber(a.scale.min);
  }));
  BOOST_CHECK_EQUAL(grid->GetGridCursorRow(), 1);
}

BOOST_AUTO_TEST_SUITE_END()
