// The gradebook over states that two devices merged into and that neither allowed
// (docs/data-model.md, "Rules a merge can break"): a mark outside its assessment's scale is
// shown, flagged and explained, and the averages say they leave it out.
#include "gui_fixture.h"

#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "panels/conflicts_panel.h"
#include "translations.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/averages.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/records.h"
#include "pupitre/model/students.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"

#include <wx/button.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/tooltip.h>
#include <wx/translation.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

// What one device's sync does to another, without a server: its outbox is applied there,
// then acknowledged (tests/e2e has the same through real processes).
void send(store::Database& from, store::Database& to)
{
  const auto changes = sync::pendingChanges(from);
  sync::applyRemote(to, changes);
  sync::acknowledge(from, changes);
}

struct MergedScale
{
  std::string ana, bo, exam, quiz;

  // On this device (A): a class whose exam is marked out of 20, copied to a second device
  // (B, a file in the sandbox). A narrows the exam to 0–10 while B enters 15 for Ana; then
  // the two exchange their edits.
  void fill(store::Database& a, const test::Sandbox& sandbox)
  {
    const auto cls = model::Classes(a).create({.name = "4B Mathematics"});
    ana = model::Students(a).create({.classId = cls, .givenName = "Ana", .familyName = "García"});
    bo = model::Students(a).create({.classId = cls, .givenName = "Bo", .familyName = "Li"});
    exam = model::Assessments(a).create(
        {.classId = cls, .name = "Exam", .scale = model::Scale::numeric(0, 20, 10)});
    quiz = model::Assessments(a).create({.classId = cls, .name = "Quiz", .position = 1});
    model::Marks(a).set(ana, quiz, {.value = "6"});
    model::Marks(a).set(bo, quiz, {.value = "8"});
    store::Database b(sandbox.path("b.db"));
    send(a, b);

    model::AssessmentChanges narrower;
    narrower.scale = model::Scale::numeric(0, 10, 5);
    model::Assessments(a).update(exam, narrower);    // valid on A: no exam marks there
    model::Marks(b).set(ana, exam, {.value = "15"}); // valid on B: the exam is out of 20 there
    send(b, a);
    send(a, b);
  }
};

struct MergedWeights
{
  std::string ana;

  // Two categories of weight 1; A sets Tests to 0 while B sets Labs to 0.
  void fill(store::Database& a, const test::Sandbox& sandbox)
  {
    const auto cls = model::Classes(a).create({.name = "4B Mathematics"});
    ana = model::Students(a).create({.classId = cls, .givenName = "Ana", .familyName = "García"});
    const auto tests = model::Categories(a).create({.classId = cls, .name = "Tests"});
    const auto labs = model::Categories(a).create({.classId = cls, .name = "Labs"});
    const auto test1 =
        model::Assessments(a).create({.classId = cls, .categoryId = tests, .name = "Test 1"});
    const auto lab1 =
        model::Assessments(a).create({.classId = cls, .categoryId = labs, .name = "Lab 1"});
    model::Marks(a).set(ana, test1, {.value = "4"});
    model::Marks(a).set(ana, lab1, {.value = "8"});
    store::Database b(sandbox.path("b.db"));
    send(a, b);
    model::Categories(a).update(tests, {.weight = 0});
    model::Categories(b).update(labs, {.weight = 0});
    send(b, a);
    send(a, b);
  }
};

struct DeletedExam
{
  std::string ana, exam;

  // A deletes the exam while B, a moment later and not knowing, marks it; then they exchange.
  void fill(store::Database& a, const test::Sandbox& sandbox)
  {
    const auto cls = model::Classes(a).create({.name = "4B Mathematics"});
    ana = model::Students(a).create({.classId = cls, .givenName = "Ana", .familyName = "García"});
    exam = model::Assessments(a).create({.classId = cls, .name = "Exam"});
    model::Assessments(a).create({.classId = cls, .name = "Quiz", .position = 1});
    store::Database b(sandbox.path("b.db"));
    send(a, b);
    model::deleteRecord(a, exam);
    wxMilliSleep(20); // B's edit is later, by the clock both devices share here
    model::Marks(b).set(ana, exam, {.value = "8"});
    send(b, a);
    send(a, b);
  }
};

// Clicks the button labelled `label` inside `parent`, as the teacher's mouse does.
void click(wxWindow* parent, const wxString& label)
{
  for (wxWindow* child : parent->GetChildren()) {
    if (auto* button = dynamic_cast<wxButton*>(child); button && button->GetLabel() == label) {
      wxUIActionSimulator sim;
      sim.MouseMove(button->GetScreenRect().GetPosition() + wxPoint(8, 8));
      test::pump(50);
      sim.MouseClick();
      test::pump(100);
      return;
    }
  }
  BOOST_FAIL("no button " << label.utf8_string());
}

// Moves the pointer onto a cell of the grid, as the teacher's mouse does.
void pointAt(wxGrid* grid, int row, int col)
{
  grid->MakeCellVisible(row, col);
  test::pump(100);
  wxUIActionSimulator sim;
  sim.MouseMove(test::cellOnScreen(grid, row, col));
  test::pump(100);
}

// The tooltip the cell's window shows now ("" for none).
std::string tooltip(wxGrid* grid, int row, int col)
{
  const wxToolTip* tip = test::cellWindow(grid, row, col)->GetToolTip();
  return tip ? tip->GetTip().utf8_string() : std::string();
}

// The tooltip of a cell once the pointer rests on it.
std::string tooltipOf(wxGrid* grid, int row, int col)
{
  pointAt(grid, row, col);
  test::pump(100);
  return tooltip(grid, row, col);
}

wxColour background(gui::GradebookTable& table, int row, int col)
{
  wxGridCellAttr* attr = table.GetAttr(row, col, wxGridCellAttr::Any);
  if (!attr) {
    return wxNullColour;
  }
  const wxColour colour = attr->HasBackgroundColour() ? attr->GetBackgroundColour() : wxNullColour;
  attr->DecRef();
  return colour;
}

const wxColour kRed(0xC6, 0x28, 0x28);
const wxColour kAmber(0xFF, 0xE0, 0x82);
const std::string kOutOfScale =
    "15 is outside this assessment's scale 0–10; change the mark or the scale.";
const std::string kIncomplete = "Incomplete: 1 mark outside its assessment's scale is not counted.";

} // namespace

BOOST_AUTO_TEST_SUITE(merged_state)

BOOST_AUTO_TEST_CASE(a_mark_outside_its_scale_after_a_merge_is_flagged_and_can_be_mended)
{
  MergedScale world;
  test::AppFixture app(
      [&world](store::Database& db, const test::Sandbox& sandbox) { world.fill(db, sandbox); });
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const int ana = table.rowOfStudent(world.ana);
  const int bo = table.rowOfStudent(world.bo);
  const int exam = table.columnOfKey(world.exam);
  const int quiz = table.columnOfKey(world.quiz);
  const int group = table.columnOfKey("avg:"); // the uncategorised group's average
  const int final = table.columnOfKey("final");
  BOOST_TEST_REQUIRE(ana >= 0);
  BOOST_TEST_REQUIRE(exam >= 0);
  BOOST_TEST_REQUIRE(group >= 0);

  // The 15 is shown as it is (not dropped), in red, and the pointer on it says why.
  BOOST_TEST(table.GetValue(ana, exam).utf8_string() == "15");
  BOOST_TEST((background(table, ana, exam) == kRed));
  BOOST_TEST(tooltipOf(grid, ana, exam) == kOutOfScale);
  // The averages leave it out (the quiz's 6 alone) and say they are incomplete.
  BOOST_TEST(table.GetValue(ana, final).utf8_string() == "6.0"); // rounded to 0.1 (Settings)
  for (const int col : {group, final}) {
    BOOST_TEST((background(table, ana, col) == kAmber));
    BOOST_TEST(tooltipOf(grid, ana, col) == kIncomplete);
  }
  // Nothing else is flagged.
  for (const int col : {exam, quiz, group, final}) {
    BOOST_TEST(tooltipOf(grid, bo, col) == "", "Bo's column " << col);
    BOOST_TEST((background(table, bo, col) != kRed && background(table, bo, col) != kAmber));
  }
  BOOST_TEST(tooltipOf(grid, ana, quiz) == "");
  pointAt(grid, ana, exam);
  test::screenshot(app.frame, "gradebook-mark-out-of-scale");

  // The teacher mends it by typing a mark that fits into the cell: the flags go.
  pointAt(grid, ana, exam);
  wxUIActionSimulator sim;
  sim.MouseClick();
  test::pump(100);
  sim.Text("7.5");
  sim.Char(WXK_RETURN);
  BOOST_TEST(test::waitUntil([&] { return table.GetValue(ana, exam).utf8_string() == "7.5"; }));
  BOOST_TEST(table.GetValue(ana, final).utf8_string() == "6.8"); // 6.75 rounded to 0.1
  BOOST_TEST((background(table, ana, exam) != kRed));
  BOOST_TEST((background(table, ana, final) != kAmber));
  BOOST_TEST(tooltipOf(grid, ana, exam) == "");
  BOOST_TEST(tooltipOf(grid, ana, final) == "");
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(the_flag_reads_in_spanish)
{
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    MergedScale world;
    test::AppFixture app(
        [&world](store::Database& db, const test::Sandbox& sandbox) { world.fill(db, sandbox); });
    auto* grid = app.frame->gradebook()->grid();
    auto& table = *app.frame->gradebook()->table();
    const int ana = table.rowOfStudent(world.ana);
    BOOST_TEST(tooltipOf(grid, ana, table.columnOfKey("final")) ==
               "Incompleta: no cuenta 1 nota fuera de la escala de su evaluación.");
    BOOST_TEST(tooltipOf(grid, ana, table.columnOfKey(world.exam)) ==
               "15 está fuera de la escala 0–10 de esta evaluación; cambie la nota o la escala.");
    test::screenshot(app.frame, "gradebook-mark-out-of-scale-es");
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_CASE(a_final_average_left_without_weight_by_a_merge_says_why)
{
  MergedWeights world;
  test::AppFixture app(
      [&world](store::Database& db, const test::Sandbox& sandbox) { world.fill(db, sandbox); });
  auto* grid = app.frame->gradebook()->grid();
  auto& table = *app.frame->gradebook()->table();
  const int ana = table.rowOfStudent(world.ana);
  const int final = table.columnOfKey("final");
  BOOST_TEST(table.GetValue(ana, final).utf8_string() == ""); // no average to show…
  BOOST_TEST((background(table, ana, final) == kAmber));      // …and not silently
  BOOST_TEST(tooltipOf(grid, ana, final) ==
             "No final average: every category with marks weighs 0. Give a category a weight "
             "in Categories and weights (Ctrl+Shift+W).");
  test::screenshot(app.frame, "gradebook-final-without-weight");
}

BOOST_AUTO_TEST_CASE(an_edit_hidden_by_a_deletion_elsewhere_is_listed_and_restored)
{
  DeletedExam world;
  test::AppFixture app(
      [&world](store::Database& db, const test::Sandbox& sandbox) { world.fill(db, sandbox); });
  BOOST_TEST(app.frame->gradebook()->table()->columnOfKey(world.exam) == -1); // hidden
  app.frame->showPage(5);
  auto* panel = app.frame->conflicts();
  auto* list = panel->list();
  BOOST_TEST_REQUIRE(list->GetItemCount() == 1);
  BOOST_TEST(list->GetItemText(0, 0).utf8_string() == "Ana García · Exam");
  BOOST_TEST(list->GetItemText(0, 1).utf8_string() == "hidden");
  BOOST_TEST(list->GetItemText(0, 2).utf8_string() == "Exam deleted");
  BOOST_TEST(list->GetItemText(0, 4).utf8_string() == "edited after");
  list->Select(0);
  test::pump(100);
  test::screenshot(app.frame, "conflicts-hidden-edit");

  click(panel, "&Restore lost value");
  BOOST_TEST(test::waitUntil([&] { return list->GetItemCount() == 0; }));
  BOOST_TEST(model::Assessments(*app.db).get(world.exam).name == "Exam"); // live again
  // The gradebook shows the exam again, with B's mark.
  app.frame->showPage(0);
  auto& table = *app.frame->gradebook()->table();
  BOOST_TEST(test::waitUntil([&] { return table.columnOfKey(world.exam) >= 0; }));
  BOOST_TEST(
      table.GetValue(table.rowOfStudent(world.ana), table.columnOfKey(world.exam)).utf8_string() ==
      "8");
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(keep_deleted_accepts_the_deletion_of_the_hidden_edit)
{
  DeletedExam world;
  test::AppFixture app(
      [&world](store::Database& db, const test::Sandbox& sandbox) { world.fill(db, sandbox); });
  app.frame->showPage(5);
  auto* panel = app.frame->conflicts();
  BOOST_TEST_REQUIRE(panel->list()->GetItemCount() == 1);
  panel->list()->Select(0);
  test::pump(100);
  click(panel, "&Keep deleted");
  BOOST_TEST(test::waitUntil([&] { return panel->list()->GetItemCount() == 0; }));
  BOOST_TEST(!model::Marks(*app.db).find(world.ana, world.exam)); // the mark is deleted too
  BOOST_TEST(model::Assessments(*app.db).list().size() == 1u);    // the exam stays deleted
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_SUITE_END()
