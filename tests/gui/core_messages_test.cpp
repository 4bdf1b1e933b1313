// The core's sentences reach a Spanish teacher in Spanish (issue 13). A mark outside the
// scale typed in the gradebook stays in its cell with the reason, in Spanish, as the cell's
// tooltip (no message box interrupts the typing); the same mark pasted as a block is refused
// by the core, whose sentence the message shows in Spanish.
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
    const int row = 1, col = numericColumn(table);
    test::typeInCell(grid, row, col, "1000");
    BOOST_TEST(test::takeErrors().empty()); // nothing modal: the cell says it
    BOOST_TEST(table.GetValue(row, col) == "1000");
    const auto tip = table.problemAt(row, col).utf8_string();
    BOOST_TEST(tip.rfind("1000 está fuera de la escala 0–10 de esta evaluación: escriba una "
                         "nota de 0 a 10.",
                         0) == 0u,
               tip);

    // Pasted, the mark goes to the core, which refuses it in one message.
    grid->SetGridCursor(row + 1, col);
    app.frame->gradebook()->pasteText("1000");
    std::vector<wxString> errors;
    BOOST_REQUIRE(test::waitUntil([&] {
      for (auto& e : test::takeErrors()) {
        errors.push_back(e);
      }
      return !errors.empty();
    }));
    const auto message = errors.front().utf8_string();
    BOOST_TEST(message.find("1000 está fuera de la escala de esta evaluación (") !=
                   std::string::npos,
               message);
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
