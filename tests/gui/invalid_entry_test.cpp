// A mark typed in the grid that does not fit (issue 13, item 7): it stays in its cell, red,
// with the reason in the cell's tooltip, until the teacher types it again; no message box
// interrupts the typing. Letter marks are read whatever their case. With the rows sorted by
// average, typing a mark does not move the rows under the teacher's fingers.
#include "gui_fixture.h"
#include "spanish_session.h"

#include "class_list_panel.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "ids.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/marks.h"

#include <wx/grid.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

int numericColumn(gui::GradebookTable& table)
{
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    const auto* column = table.columnAt(c);
    if (column->kind == gui::GradebookColumn::Kind::Assessment &&
        table.data()->assessments[std::size_t(column->assessment)].scale.kind ==
            model::Scale::Kind::Numeric) {
      return c;
    }
  }
  BOOST_FAIL("no numeric assessment");
  return -1;
}

std::string studentOf(gui::GradebookTable& table, int row)
{
  BOOST_REQUIRE(table.studentAt(row) >= 0); // not the class-average row
  return table.data()->students[std::size_t(table.studentAt(row))].id;
}

} // namespace

BOOST_AUTO_TEST_SUITE(invalid_entry)

BOOST_AUTO_TEST_CASE(a_mark_outside_the_scale_stays_in_its_cell_without_a_message_box)
{
  test::AppFixture app;
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const int row = 3, col = numericColumn(table);
  const std::string student = studentOf(table, row), assessment = table.columnKey(col);
  const auto before = model::Marks(*app.db).find(student, assessment);

  test::typeInCell(grid, row, col, "99");
  BOOST_TEST(test::takeErrors().empty()); // nothing modal
  BOOST_TEST(table.GetValue(row, col) == "99");
  BOOST_TEST(table.problemAt(row, col).Contains("99"));
  BOOST_TEST(grid->GetGridCursorRow() == row + 1); // the typing goes on
  const auto stored = model::Marks(*app.db).find(student, assessment);
  BOOST_TEST(stored.has_value() == before.has_value());
  if (stored && before) {
    BOOST_TEST(store::toText(stored->value) == store::toText(before->value));
  }
  test::screenshot(app.frame, "gradebook-invalid-entry");

  // Kept across a reload (F5), until the teacher types a mark that fits.
  app.frame->reloadVisible();
  test::pump(300);
  BOOST_TEST(test::waitUntil([&] { return app.frame->worker().pending() == 0; }));
  BOOST_TEST(table.GetValue(table.rowOfStudent(student), col) == "99");
  test::typeInCell(grid, table.rowOfStudent(student), col, "7");
  BOOST_TEST(test::waitUntil([&] {
    const auto mark = model::Marks(*app.db).find(student, assessment);
    return mark && store::toText(mark->value) == "7";
  }));
  BOOST_TEST(table.GetValue(table.rowOfStudent(student), col) == "7");
  BOOST_TEST(table.problemAt(table.rowOfStudent(student), col).empty());
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(in_spanish_the_cell_says_why_in_spanish,
                     *boost::unit_test::precondition(test::spanishLocaleInstalled))
{
  test::SpanishSession spanish;
  test::AppFixture app;
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const int col = numericColumn(table);
  test::typeInCell(grid, 3, col, "99");
  BOOST_TEST(test::takeErrors().empty());
  BOOST_TEST(table.problemAt(3, col).Contains("fuera de la escala"));
  test::screenshot(app.frame, "gradebook-invalid-entry-es");
}

BOOST_AUTO_TEST_CASE(a_lowercase_letter_is_the_scale_s_letter)
{
  test::AppFixture app;
  const std::string classId = app.frame->classes()->selectedClass();
  model::Assessment letters;
  letters.classId = classId;
  letters.name = "Oral";
  letters.date = "2026-12-04";
  letters.scale = model::Scale::fromSymbols("A=10;B=8;C=6;D=4;F=0");
  const std::string id = model::Assessments(*app.db).create(letters);
  app.frame->reloadVisible();
  auto& table = *app.frame->gradebook()->table();
  BOOST_REQUIRE(test::waitUntil([&] { return table.columnOfKey(id) >= 0; }));
  const int col = table.columnOfKey(id);
  const std::string student = studentOf(table, 2);

  test::typeInCell(app.frame->gradebook()->grid(), 2, col, "b");
  BOOST_TEST(test::takeErrors().empty());
  BOOST_TEST(test::waitUntil([&] {
    const auto mark = model::Marks(*app.db).find(student, id);
    return mark && store::toText(mark->value) == "B";
  }));
  BOOST_TEST(table.GetValue(table.rowOfStudent(student), col) == "B");
}

BOOST_AUTO_TEST_CASE(sorted_by_average_the_rows_stay_while_marks_are_typed)
{
  test::AppFixture app;
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  panel->handleCommand(gui::ids::kSortByAverage);
  const int col = numericColumn(table);
  // The student with the second best average gets the lowest mark.
  const int row = 1;
  // The students' rows: the class-average row ends the grid and never moves.
  const int students = table.GetNumberRows() - 1;
  BOOST_REQUIRE(table.isClassAverageRow(students));
  std::vector<std::string> order;
  for (int r = 0; r < students; ++r) {
    order.push_back(studentOf(table, r));
  }
  const std::string student = order[std::size_t(row)];
  const auto& scale = table.data()->assessments[std::size_t(table.columnAt(col)->assessment)].scale;
  test::typeInCell(panel->grid(), row, col, store::formatNumber(scale.min).c_str());
  BOOST_TEST(test::waitUntil([&] {
    const auto mark = model::Marks(*app.db).find(student, table.columnKey(col));
    return mark && store::toText(mark->value) == store::formatNumber(scale.min);
  }));
  test::pump(300);
  BOOST_TEST(table.isClassAverageRow(students));
  for (int r = 0; r < students; ++r) {
    BOOST_TEST(studentOf(table, r) == order[std::size_t(r)]);
  }
  BOOST_TEST(panel->grid()->GetGridCursorRow() == row + 1);
  // The next explicit sort places the student by the new average; the cursor stays on the
  // same student.
  const std::string cursorStudent = studentOf(table, row + 1);
  panel->handleCommand(gui::ids::kSortByAverage);
  BOOST_TEST(studentOf(table, panel->grid()->GetGridCursorRow()) == cursorStudent);
  BOOST_TEST(table.rowOfStudent(student) > row);
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_SUITE_END()
