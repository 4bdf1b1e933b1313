// Terms in the gradebook as the teacher uses them: one term or the whole year, the term
// averages and the final mark she may type over, the Terms dialog, in English and Spanish.
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "gradebook/assessment_dialog.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "gradebook/terms_dialog.h"
#include "ids.h"
#include "panels/attendance_panel.h"
#include "translations.h"

#include "pupitre/model/attendance.h"
#include "pupitre/model/averages.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/final_marks.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/model/term_averages.h"
#include "pupitre/model/terms.h"

#include <wx/choice.h>
#include <wx/cmdproc.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/tooltip.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

// A class of the 2026-2027 school year with its three terms, two categories, two assessments
// per term and eight students with marks; the term names are the caller's (the app's language).
struct TermYear
{
  std::string cls;
  std::vector<std::string> students;
  std::vector<std::string> assessments; // two per term, in term order
  std::vector<std::string> terms;

  void fill(store::Database& db, const std::vector<std::string>& termNames,
            const std::vector<std::string>& names)
  {
    cls = model::Classes(db).createWithTerms({.name = names[0], .year = "2026-2027"}, "2026-12-06",
                                             termNames);
    for (const auto& t : model::Terms(db).list(cls)) {
      terms.push_back(t.id);
    }
    const auto exams =
        model::Categories(db).create({.classId = cls, .name = names[1], .weight = 2});
    const auto homework =
        model::Categories(db).create({.classId = cls, .name = names[2], .weight = 1});
    const char* dates[] = {"2026-10-14", "2026-11-25", "2027-01-27",
                           "2027-03-10", "2027-04-21", "2027-06-02"};
    for (int i = 0; i < 6; ++i) {
      assessments.push_back(
          model::Assessments(db).create({.classId = cls,
                                         .categoryId = i % 2 == 0 ? exams : homework,
                                         .name = names[3 + static_cast<std::size_t>(i)],
                                         .date = dates[i],
                                         .position = static_cast<double>(i + 1)}));
    }
    const char* given[] = {"Ana", "Bruno", "Carla", "Diego", "Elena", "Fermín", "Gloria", "Hugo"};
    const char* family[] = {"García", "López", "Martín", "Núñez",
                            "Ortega", "Pérez", "Ramos",  "Sánchez"};
    for (int s = 0; s < 8; ++s) {
      students.push_back(model::Students(db).create(
          {.classId = cls, .givenName = given[s], .familyName = family[s]}));
      for (int a = 0; a < 6; ++a) {
        if (s == 7 && a >= 4) {
          continue; // Hugo has no mark in the third term yet
        }
        const int value = 3 + (s * 3 + a * 2) % 8;
        model::Marks(db).set(students.back(), assessments[static_cast<std::size_t>(a)],
                             {std::to_string(value)});
      }
    }
  }
};

const std::vector<std::string> kEnglish{"4B Mathematics", "Exams",         "Homework",
                                        "Fractions test", "Worksheet 1",   "Algebra test",
                                        "Worksheet 2",    "Geometry test", "Project"};
const std::vector<std::string> kEnglishTerms{"1st term", "2nd term", "3rd term"};

// The ids of the assessments the grid shows as columns, in order.
std::vector<std::string> shownAssessments(gui::GradebookTable& table)
{
  std::vector<std::string> ids;
  for (int c = 0; c < table.GetNumberCols(); ++c) {
    const auto* column = table.columnAt(c);
    if (column->kind == gui::GradebookColumn::Kind::Assessment) {
      ids.push_back(table.data()->assessments[static_cast<std::size_t>(column->assessment)].id);
    }
  }
  return ids;
}

// Chooses entry `index` of the gradebook's "Show:" list as the teacher's click does.
void choosePeriod(gui::GradebookPanel& panel, int index)
{
  wxChoice* choice = panel.periodChoice();
  choice->SetSelection(index);
  wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
  event.SetEventObject(choice);
  event.SetInt(index);
  choice->ProcessWindowEvent(event);
  test::pump(50);
}

// A menu command as the menu bar sends it.
void menuCommand(wxFrame* frame, int id)
{
  wxCommandEvent event(wxEVT_MENU, id);
  event.SetEventObject(frame);
  frame->ProcessWindowEvent(event);
  test::pump(50);
}

// Moves to a cell, types `text` and Enter, as the teacher does.
// A header's text as read, whatever line breaks its column's width gave it.
std::string flat(const wxString& label)
{
  wxString text = label;
  text.Replace("\n", " ");
  return text.utf8_string();
}

// An average as the gradebook shows it: rounded to the default step of Settings → Grading.
std::string shown(double average)
{
  const double step = 0.1;
  return wxString::Format("%.*f", model::averageDecimals(step), model::roundAverage(average, step))
      .utf8_string();
}

// The first assessment's column: the averages come first, frozen next to the names.
int firstMarkColumn(gui::GradebookTable& table) { return table.data()->averageColumns(); }

std::string tooltipOf(wxGrid* grid, int row, int col)
{
  grid->MakeCellVisible(row, col);
  test::pump(100);
  wxUIActionSimulator sim;
  sim.MouseMove(test::cellOnScreen(grid, row, col));
  test::pump(200);
  const wxToolTip* tip = test::cellWindow(grid, row, col)->GetToolTip();
  return tip ? tip->GetTip().utf8_string() : std::string();
}

} // namespace

BOOST_AUTO_TEST_SUITE(terms)

BOOST_AUTO_TEST_CASE(one_term_shows_only_its_columns_and_is_remembered_for_the_class)
{
  TermYear year;
  test::AppFixture app([&year](store::Database& db, const test::Sandbox&) {
    year.fill(db, kEnglishTerms, kEnglish);
  });
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  // The whole year: every assessment, grouped by term, an average per term and the final.
  BOOST_TEST(shownAssessments(table) == year.assessments);
  BOOST_TEST(flat(table.GetColLabelValue(firstMarkColumn(table))) ==
             "1st term Exams · Fractions test");
  BOOST_TEST(table.columnOfKey("term:" + year.terms[1]) >= 0);
  const int final = table.columnOfKey("final");
  BOOST_TEST(flat(table.GetColLabelValue(final)) == "Final mark");
  const auto report = model::classReport(*app.db, year.cls);
  const int ana = table.rowOfStudent(year.students[0]);
  BOOST_TEST(
      table.GetValue(ana, table.columnOfKey("term:" + year.terms[1])).utf8_string() ==
      shown(*report.students[0].termAverage(year.terms[1])));
  test::screenshot(app.frame, "terms-1-year-view");

  // The 2nd term: its two assessments only, its category averages and its average.
  choosePeriod(*panel, 2);
  BOOST_TEST(shownAssessments(table) ==
             (std::vector<std::string>{year.assessments[2], year.assessments[3]}));
  BOOST_TEST(table.columnOfKey("term:" + year.terms[0]) == -1);
  BOOST_TEST(flat(table.GetColLabelValue(table.columnOfKey("final"))) == "2nd term average");
  BOOST_TEST(
      table.GetValue(ana, table.columnOfKey("final")).utf8_string() ==
      shown(*report.students[0].termAverage(year.terms[1])));
  test::screenshot(app.frame, "terms-2-term-view");

  // Remembered for the class, on this computer: another class and back, and the next start.
  BOOST_TEST(app.db->setting("gradebook.period." + year.cls).value_or("") == year.terms[1]);
  const auto other = model::Classes(*app.db).create({.name = "3A Physics"});
  menuCommand(app.frame, gui::ids::kRefresh);
  app.frame->classes()->select(other);
  BOOST_REQUIRE(test::waitUntil([&] { return app.gradebookLoaded(); }));
  BOOST_TEST(panel->shownClass() == other);
  app.frame->classes()->select(year.cls);
  BOOST_REQUIRE(test::waitUntil([&] { return app.gradebookLoaded(); }));
  BOOST_TEST(shownAssessments(table).size() == 2u);
  BOOST_TEST(panel->periodChoice()->GetStringSelection().utf8_string() == "2nd term");

  // The View menu: next term, then the whole year.
  menuCommand(app.frame, gui::ids::kNextTerm);
  BOOST_TEST(shownAssessments(table) ==
             (std::vector<std::string>{year.assessments[4], year.assessments[5]}));
  menuCommand(app.frame, gui::ids::kShowWholeYear);
  BOOST_TEST(shownAssessments(table).size() == 6u);
  BOOST_TEST(panel->periodChoice()->GetSelection() == 0);
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(the_final_mark_is_typed_over_and_delete_brings_the_computed_one_back)
{
  TermYear year;
  test::AppFixture app([&year](store::Database& db, const test::Sandbox&) {
    year.fill(db, kEnglishTerms, kEnglish);
  });
  auto* panel = app.frame->gradebook();
  auto* grid = panel->grid();
  auto& table = *panel->table();
  const int row = table.rowOfStudent(year.students[1]);
  const int final = table.columnOfKey("final");
  const wxString computed = table.GetValue(row, final);
  BOOST_TEST(!computed.empty());

  test::typeInCell(grid, row, final, "9.5");
  BOOST_REQUIRE(test::waitUntil(
      [&] { return model::FinalMarks(*app.db).list(year.cls).count(year.students[1]) == 1; }));
  BOOST_TEST(model::FinalMarks(*app.db).list(year.cls).at(year.students[1]) == 9.5);
  BOOST_TEST(table.GetValue(row, final).utf8_string() == "9.5");
  BOOST_TEST(tooltipOf(grid, row, final) == "Final mark set by you. The computed one is " +
                                                computed.utf8_string() +
                                                "; press Delete to use it again.");
  test::screenshot(app.frame, "terms-3-final-overridden");

  // Delete: the computed final again; undo: the teacher's value again.
  grid->SetGridCursor(row, final);
  grid->SetFocus();
  test::pump(100);
  wxUIActionSimulator sim;
  sim.Char(WXK_DELETE);
  BOOST_REQUIRE(test::waitUntil(
      [&] { return model::FinalMarks(*app.db).list(year.cls).count(year.students[1]) == 0; }));
  BOOST_TEST(table.GetValue(row, final) == computed);
  app.frame->commands().Undo();
  BOOST_TEST(model::FinalMarks(*app.db).list(year.cls).at(year.students[1]) == 9.5);
  BOOST_TEST(table.GetValue(row, final).utf8_string() == "9.5");
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(the_terms_dialog_renames_redates_and_weights_in_one_undoable_step)
{
  TermYear year;
  test::AppFixture app([&year](store::Database& db, const test::Sandbox&) {
    year.fill(db, kEnglishTerms, kEnglish);
  });
  auto* panel = app.frame->gradebook();
  auto& table = *panel->table();
  const auto before = model::Terms(*app.db).list(year.cls);
  {
    gui::TermsDialog dialog(app.frame, before, model::FinalMode::Mean);
    dialog.Show();
    test::pump(200);
    test::screenshot(&dialog, "terms-4-dialog");
    // A last day before the first: the dialog says so and stays open with what was typed.
    dialog.grid()->SetCellValue(0, 2, "2026-08-01");
    BOOST_TEST(!dialog.Validate());
    BOOST_TEST(dialog.grid()->GetCellValue(0, 2).utf8_string() == "2026-08-01");
    test::screenshot(&dialog, "terms-5-dialog-error");
    dialog.grid()->SetCellValue(0, 0, "Autumn");
    dialog.grid()->SetCellValue(0, 2, "2026-11-20"); // the test of 25 November: in term 2
    dialog.grid()->SetCellValue(1, 1, "2026-11-21");
    dialog.grid()->SetCellValue(0, 3, "3");
    BOOST_TEST(dialog.Validate());
    panel->applyTerms(dialog.terms(), dialog.removed(), model::FinalMode::Weighted);
  }
  BOOST_REQUIRE(test::waitUntil([&] { return table.data()->terms[0].name == "Autumn"; }));
  BOOST_TEST((model::Classes(*app.db).get(year.cls).finalMode == model::FinalMode::Weighted));
  BOOST_TEST(table.data()->termOfAssessment.at(year.assessments[1]) == year.terms[1]);
  BOOST_TEST(flat(table.GetColLabelValue(firstMarkColumn(table))) ==
             "Autumn Exams · Fractions test");
  app.frame->commands().Undo();
  BOOST_REQUIRE(test::waitUntil([&] { return table.data()->terms[0].name == "1st term"; }));
  BOOST_TEST(model::Terms(*app.db).list(year.cls)[0].end == "2026-12-31");
  BOOST_TEST((model::Classes(*app.db).get(year.cls).finalMode == model::FinalMode::Mean));
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(attendance_totals_one_term_chosen_by_name)
{
  TermYear year;
  test::AppFixture app([&year](store::Database& db, const test::Sandbox&) {
    year.fill(db, kEnglishTerms, kEnglish);
    model::Attendance attendance(db);
    attendance.set(year.students[0], "2026-10-01", model::AttendanceState::Absent); // term 1
    attendance.set(year.students[0], "2026-10-02", model::AttendanceState::Late);   // term 1
    attendance.set(year.students[0], "2027-02-01", model::AttendanceState::Absent); // term 2
  });
  app.frame->showPage(1);
  auto* attendance = app.frame->attendance();
  wxChoice* choice = attendance->termChoice();
  BOOST_REQUIRE(test::waitUntil([&] { return choice->GetCount() == 4u; }));
  BOOST_TEST(choice->GetString(2).utf8_string() == "2nd term");
  // Choosing the 2nd term by name: its dates, its totals.
  choice->SetSelection(2);
  wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
  event.SetEventObject(choice);
  event.SetInt(2);
  choice->ProcessWindowEvent(event);
  auto* list = attendance->list();
  const auto absentOfAna = [&] {
    for (long i = 0; i < list->GetItemCount(); ++i) {
      if (list->GetItemText(i).StartsWith("García")) {
        return list->GetItemText(i, 2).utf8_string() + "/" + list->GetItemText(i, 3).utf8_string();
      }
    }
    return std::string("(no row)");
  };
  BOOST_REQUIRE(test::waitUntil([&] { return absentOfAna() == "1/0"; }));
  test::screenshot(app.frame, "terms-6-attendance-term");
  attendance->showTermTotals(0);
  BOOST_REQUIRE(test::waitUntil([&] { return absentOfAna() == "1/1"; }));
  BOOST_TEST(test::takeErrors().empty());
}

BOOST_AUTO_TEST_CASE(the_assessment_dialog_chooses_a_term_or_by_date)
{
  TermYear year;
  test::AppFixture app([&year](store::Database& db, const test::Sandbox&) {
    year.fill(db, kEnglishTerms, kEnglish);
  });
  auto& data = *app.frame->gradebook()->table()->data();
  const auto october =
      data.assessments[static_cast<std::size_t>(data.assessmentIndex(year.assessments[0]))];
  gui::AssessmentDialog dialog(app.frame, "Edit assessment", october, data.categories, data.terms);
  auto* term = dynamic_cast<wxChoice*>(wxWindow::FindWindowByName("assessment_term", &dialog));
  BOOST_REQUIRE(term);
  BOOST_TEST(term->GetSelection() == 0); // by date
  BOOST_TEST(term->GetString(0).utf8_string() == "By date");
  term->SetSelection(3);
  BOOST_TEST(dialog.assessment().termId == year.terms[2]);
  term->SetSelection(0);
  BOOST_TEST(dialog.assessment().termId.empty());
}

BOOST_AUTO_TEST_CASE(terms_read_in_spanish)
{
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    TermYear year;
    const std::vector<std::string> spanish{
        "4ºB Matemáticas", "Exámenes",          "Deberes", "Examen de fracciones",
        "Ficha 1",         "Examen de álgebra", "Ficha 2", "Examen de geometría",
        "Proyecto"};
    test::AppFixture app([&year, &spanish](store::Database& db, const test::Sandbox&) {
      year.fill(db, {"1ª evaluación", "2ª evaluación", "3ª evaluación"}, spanish);
    });
    auto* panel = app.frame->gradebook();
    auto& table = *panel->table();
    BOOST_TEST(flat(table.GetColLabelValue(table.columnOfKey("final"))) == "Nota final");
    BOOST_TEST(panel->periodChoice()->GetString(0).utf8_string() == "Todo el curso");
    model::FinalMarks(*app.db).set(year.cls, year.students[2], 8);
    menuCommand(app.frame, gui::ids::kRefresh);
    BOOST_REQUIRE(test::waitUntil([&] { return table.data()->teacherFinals.size() == 1; }));
    panel->grid()->MakeCellVisible(0, table.columnOfKey("final"));
    test::pump(100);
    test::screenshot(app.frame, "terms-1-year-view-es");
    choosePeriod(*panel, 1);
    BOOST_TEST(flat(table.GetColLabelValue(table.columnOfKey("final"))) == "1ª evaluación media");
    test::screenshot(app.frame, "terms-2-term-view-es");
    gui::TermsDialog dialog(app.frame, table.data()->terms, model::FinalMode::Weighted);
    dialog.Show();
    test::pump(200);
    test::screenshot(&dialog, "terms-4-dialog-es");
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
