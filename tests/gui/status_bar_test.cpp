// The status bar never hides unsent work (issue 13, item 6): next to the sync state it counts
// the changes waiting to be sent, and the count grows as soon as the teacher types a mark.
#include "gui_fixture.h"

#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "translations.h"

#include "pupitre/model/marks.h"
#include "pupitre/sync/outbox.h"

#include <wx/grid.h>
#include <wx/statusbr.h>
#include <wx/translation.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <tuple>

using namespace pupitre;

namespace {

wxString syncText(test::AppFixture& app)
{
  return app.frame->GetStatusBar()->GetStatusText(1);
}

// A numeric cell of the shown class (scale including 5 and 6) and a value to type there that
// differs from its mark.
std::tuple<int, int, const char*> numericCell(gui::GradebookTable& table, store::Database& db)
{
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    const auto* column = table.columnAt(c);
    if (column->kind != gui::GradebookColumn::Kind::Assessment) {
      continue;
    }
    const auto& a = table.data()->assessments[static_cast<std::size_t>(column->assessment)];
    if (a.scale.kind != model::Scale::Kind::Numeric || a.scale.min > 5 || a.scale.max < 6) {
      continue;
    }
    const int row = 1;
    const auto& student = table.data()->students[static_cast<std::size_t>(table.studentAt(row))];
    const auto mark = model::Marks(db).find(student.id, a.id);
    return {row, c, mark && store::toText(mark->value) == "5" ? "6" : "5"};
  }
  BOOST_FAIL("no numeric assessment in the generated class");
  return {-1, -1, ""};
}

} // namespace

BOOST_AUTO_TEST_SUITE(status_bar)

BOOST_AUTO_TEST_CASE(the_changes_waiting_are_counted_and_grow_when_the_teacher_types_a_mark)
{
  test::AppFixture app;
  // As after a sync: nothing waits.
  app.db->statement("UPDATE field_version SET pending = 0").exec();
  BOOST_REQUIRE_EQUAL(sync::pendingCount(*app.db), 0);
  BOOST_REQUIRE(app.gradebookLoaded());
  BOOST_REQUIRE(test::waitUntil(
      [&] { return syncText(app) == wxString::FromUTF8("Daemon not running — working offline"); }));

  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const auto [row, col, typed] = numericCell(table, *app.db);
  test::typeInCell(grid, row, col, typed);
  BOOST_REQUIRE(test::waitUntil([&] { return sync::pendingCount(*app.db) > 0; }));
  const auto pending = static_cast<long long>(sync::pendingCount(*app.db));
  const wxString expected =
      wxString::FromUTF8("Daemon not running — working offline · ") +
      wxString::Format(pending == 1 ? "%lld change waiting" : "%lld changes waiting", pending);
  BOOST_TEST(test::waitUntil([&] { return syncText(app) == expected; }),
             syncText(app).utf8_string() << " != " << expected.utf8_string());
  test::screenshot(app.frame->GetStatusBar(), "status-bar-pending");
}

BOOST_AUTO_TEST_CASE(the_changes_waiting_are_counted_in_spanish)
{
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    test::AppFixture app;
    BOOST_REQUIRE(app.gradebookLoaded());
    const auto pending = sync::pendingCount(*app.db);
    BOOST_REQUIRE(pending > 1);
    BOOST_TEST(test::waitUntil([&] {
                 return syncText(app).Contains(
                     wxString::Format("%lld cambios pendientes", static_cast<long long>(pending)));
               }),
               syncText(app).utf8_string());
    test::screenshot(app.frame->GetStatusBar(), "status-bar-pending-es");
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
