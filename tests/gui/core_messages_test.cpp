// The core's sentences reach a Spanish teacher in Spanish (issue 13): a mark outside the
// scale, typed in the gradebook, is refused with a Spanish message.
#include "gui_fixture.h"

#include "error_report.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "translations.h"

#include "pupitre/error.h"

#include <wx/grid.h>
#include <wx/translation.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

int numericColumn(gui::GradebookTable& table)
{
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    const auto* column = table.columnAt(c);
    if (column->kind == gui::GradebookColumn::Kind::Assessment &&
        table.data()->assessments[static_cast<std::size_t>(column->assessment)].scale.kind ==
            model::Scale::Kind::Numeric) {
      return c;
    }
  }
  BOOST_FAIL("no numeric assessment in the generated class");
  return -1;
}

// Clicks the cell, types `text` and Enter, as the teacher does.
void typeInCell(wxGrid* grid, int row, int col, const char* text)
{
  grid->MakeCellVisible(row, col);
  grid->SetGridCursor(row, col);
  grid->SetFocus();
  test::pump(200);
  wxUIActionSimulator sim;
  const wxRect cell = grid->CellToRect(row, col);
  int x = 0, y = 0;
  grid->CalcScrolledPosition(cell.x, cell.y, &x, &y);
  sim.MouseMove(
      grid->GetGridWindow()->ClientToScreen(wxPoint(x + cell.width / 2, y + cell.height / 2)));
  test::pump(50);
  sim.MouseClick();
  test::pump(100);
  sim.Text(text);
  sim.Char(WXK_RETURN);
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_messages)

BOOST_AUTO_TEST_CASE(a_sentence_of_the_core_is_english_without_a_catalog)
{
  const ValidationError error(
      Sentence{PUPITRE_TR("%1 is outside this assessment's scale (%2 to %3)."), {"15", "0", "10"}});
  BOOST_TEST(std::string(error.what()) == "15 is outside this assessment's scale (0 to 10).");
  BOOST_TEST(gui::describe(error).utf8_string() == error.what());
}

BOOST_AUTO_TEST_CASE(a_spanish_teacher_typing_a_mark_outside_the_scale_reads_spanish)
{
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    test::AppFixture app;
    BOOST_REQUIRE(app.gradebookLoaded());
    auto* grid = app.frame->gradebook()->grid();
    auto& table = *app.frame->gradebook()->table();
    test::takeErrors();
    typeInCell(grid, 1, numericColumn(table), "1000");
    std::vector<wxString> errors;
    BOOST_REQUIRE(test::waitUntil([&] {
      for (auto& e : test::takeErrors()) {
        errors.push_back(e);
      }
      return !errors.empty();
    }));
    const auto message = errors.front().utf8_string();
    BOOST_TEST(message.rfind("1000 está fuera de la escala de esta evaluación (", 0) == 0u,
               message);
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
