// The gradebook of a Spanish teacher (es_ES.UTF-8, decimal comma): "7,5" typed in a cell is
// saved as the number 7.5, the cell shows "7,5", a point is accepted too, and Undo works.
#include "gui_fixture.h"

#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "local_numbers.h"
#include "translations.h"

#include "pupitre/model/marks.h"
#include "support/preconditions.h"

#include <SQLiteCpp/Statement.h>
#include <wx/cmdproc.h>
#include <wx/grid.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <clocale>
#include <cstdlib>
#include <optional>
#include <string>

using namespace pupitre;

namespace {

constexpr const char* kSpanish = test::kSpanishLocale;
using test::spanishLocaleInstalled;

// The app's locale as a Spanish teacher's session sets it (LANG/LC_ALL), for as long as the
// guard lives; the earlier environment and locale come back after.
struct SpanishSession
{
  SpanishSession()
  {
    for (const char* name : {"LANG", "LC_ALL", "LC_NUMERIC"}) {
      const char* value = std::getenv(name);
      m_saved.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
    }
    setenv("LANG", kSpanish, 1);
    setenv("LC_ALL", kSpanish, 1);
    gui::useUtf8Locale(); // what the app does at start
  }
  ~SpanishSession()
  {
    for (const auto& [name, value] : m_saved) {
      value ? setenv(name.c_str(), value->c_str(), 1) : unsetenv(name.c_str());
    }
    gui::useUtf8Locale();
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};

struct SpanishApp
{
  SpanishSession session;
  test::AppFixture app;
};

// A row and numeric column where 7.5 fits the scale and the cell holds something else.
std::pair<int, int> cellFor(gui::GradebookTable& table, double value, store::Database& db)
{
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    const auto* column = table.columnAt(c);
    if (column->kind != gui::GradebookColumn::Kind::Assessment) {
      continue;
    }
    const auto& a = table.data()->assessments[static_cast<std::size_t>(column->assessment)];
    if (a.scale.kind != model::Scale::Kind::Numeric || value < a.scale.min || value > a.scale.max) {
      continue;
    }
    for (int r = 1; r < static_cast<int>(table.data()->rows.size()); ++r) { // students
      const auto& student = table.data()->students[static_cast<std::size_t>(table.studentAt(r))];
      const auto mark = model::Marks(db).find(student.id, a.id);
      if (!mark || store::toText(mark->value) != store::formatNumber(value)) {
        return {r, c};
      }
    }
  }
  BOOST_FAIL("no numeric assessment of the generated class takes " << value);
  return {-1, -1};
}

// The mark's value as SQLite holds it: its type and its text.
std::pair<std::string, std::string> storedValue(store::Database& db, const std::string& markId)
{
  SQLite::Statement query(db.sql(),
                          "SELECT typeof(value), CAST(value AS TEXT) FROM mark WHERE id = ?");
  query.bind(1, markId);
  if (!query.executeStep()) {
    return {"none", ""};
  }
  return {query.getColumn(0).getString(), query.getColumn(1).getString()};
}

} // namespace

BOOST_AUTO_TEST_SUITE(decimal_marks, *boost::unit_test::precondition(spanishLocaleInstalled))

BOOST_FIXTURE_TEST_CASE(a_mark_typed_with_a_comma_is_saved_as_a_number_and_shown_with_a_comma,
                        SpanishApp)
{
  BOOST_REQUIRE_EQUAL(gui::decimalSeparator(), wxString(","));
  auto* panel = app.frame->gradebook();
  auto* grid = panel->grid();
  auto& table = *panel->table();
  const auto [row, col] = cellFor(table, 7.5, *app.db);
  const std::string studentId =
      table.data()->students[static_cast<std::size_t>(table.studentAt(row))].id;
  const std::string assessmentId =
      table.data()->assessments[static_cast<std::size_t>(table.columnAt(col)->assessment)].id;
  const std::string markId = model::Marks::markId(studentId, assessmentId);
  const auto before = storedValue(*app.db, markId);

  grid->MakeCellVisible(row, col);
  grid->SetGridCursor(row, col);
  grid->SetFocus();
  test::pump(200);
  // Click the cell, type "7,5" and Enter, as the teacher does.
  wxUIActionSimulator sim;
  sim.MouseMove(test::cellOnScreen(grid, row, col));
  test::pump(50);
  sim.MouseClick();
  test::pump(100);
  sim.Text("7,5");
  sim.Char(WXK_RETURN);

  // The database holds the number 7.5 (what a device in any locale reads), not text.
  BOOST_CHECK(test::waitUntil([&] { return storedValue(*app.db, markId).second == "7.5"; }));
  BOOST_CHECK_EQUAL(storedValue(*app.db, markId).first, "real");
  BOOST_CHECK(test::takeErrors().empty());
  // The cell shows the Spanish decimal mark.
  const int shownRow = table.rowOfStudent(studentId);
  BOOST_CHECK_EQUAL(table.GetValue(shownRow, col).utf8_string(), "7,5");
  grid->SetGridCursor(shownRow, col);
  test::screenshot(app.frame, "6-gradebook-decimal-comma-es");

  // Undo puts the earlier mark back; Redo the 7.5 again.
  app.frame->commands().Undo();
  BOOST_CHECK(test::waitUntil([&] { return storedValue(*app.db, markId) == before; }));
  app.frame->commands().Redo();
  BOOST_CHECK(test::waitUntil([&] { return storedValue(*app.db, markId).second == "7.5"; }));
  BOOST_CHECK(test::takeErrors().empty());
}

BOOST_FIXTURE_TEST_CASE(a_mark_pasted_with_a_point_is_accepted_too, SpanishApp)
{
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  const auto [row, col] = cellFor(table, 8.5, *app.db);
  const std::string studentId =
      table.data()->students[static_cast<std::size_t>(table.studentAt(row))].id;
  const std::string assessmentId =
      table.data()->assessments[static_cast<std::size_t>(table.columnAt(col)->assessment)].id;
  panel->grid()->SetGridCursor(row, col);
  panel->pasteText("8.5\n");
  BOOST_CHECK(test::takeErrors().empty());
  BOOST_CHECK_EQUAL(storedValue(*app.db, model::Marks::markId(studentId, assessmentId)).second,
                    "8.5");
  BOOST_CHECK(test::waitUntil(
      [&] { return table.GetValue(table.rowOfStudent(studentId), col).utf8_string() == "8,5"; }));
}

BOOST_AUTO_TEST_SUITE_END()
