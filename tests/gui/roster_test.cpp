// Students in, quickly: a pasted class list previewed, created in one step and undone; a
// class's structure copied; an assessment deleted from the column header and brought back
// with its marks by Undo.
#include "gui_fixture.h"

#include "class_list_panel.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "ids.h"
#include "panels/roster_import_dialog.h"
#include "panels/students_panel.h"
#include "translations.h"

#include "pupitre/model/assessments.h"
#include "pupitre/model/categories.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/marks.h"
#include "pupitre/model/students.h"
#include "pupitre/store/rows.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/cmdproc.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

using namespace pupitre;

namespace {

gui::RosterImportDialog* importDialog()
{
  for (auto* window : wxTopLevelWindows) {
    if (auto* dialog = dynamic_cast<gui::RosterImportDialog*>(window)) {
      return dialog;
    }
  }
  return nullptr;
}

// What choosing a menu command does.
void menuCommand(wxWindow* frame, int id)
{
  wxCommandEvent event(wxEVT_MENU, id);
  event.SetEventObject(frame);
  frame->ProcessWindowEvent(event);
}

// Clicks a button of a dialog.
void click(wxButton* button)
{
  wxCommandEvent event(wxEVT_BUTTON, button->GetId());
  event.SetEventObject(button);
  button->ProcessWindowEvent(event);
}

// Runs `actions` inside the import dialog's modal loop, which `open` starts.
void withImportDialog(const std::function<void(gui::RosterImportDialog&)>& actions,
                      const std::function<void()>& open)
{
  bool ran = false;
  wxTheApp->CallAfter([&] {
    auto* dialog = importDialog();
    BOOST_REQUIRE(dialog);
    BOOST_REQUIRE(test::waitUntil([&] { return dialog->IsShownOnScreen(); }));
    ran = true;
    actions(*dialog);
    if (dialog->IsModal()) {
      dialog->EndModal(wxID_CANCEL);
    }
  });
  open();
  BOOST_CHECK(ran);
}

} // namespace

BOOST_AUTO_TEST_SUITE(students_in)

BOOST_AUTO_TEST_CASE(a_pasted_list_is_previewed_created_and_undone_in_one_step)
{
  test::AppFixture app;
  app.frame->showPage(3);
  const std::string classId = app.frame->classes()->selectedClass();
  const auto before = model::Students(*app.db).list(classId);
  const auto& already = before.front();
  const std::string pasted = "García López, Ana\n"
                             "Núñez, José Ángel\n" +
                             already.familyName + ", " + already.givenName +
                             "\n"
                             "GARCIA LOPEZ, Ana\n";
  withImportDialog(
      [&](gui::RosterImportDialog& dialog) {
        dialog.pasteBox()->SetFocus();
        dialog.pasteBox()->SetValue(wxString::FromUTF8(pasted)); // as a paste into the box
        auto* grid = dialog.preview();
        BOOST_REQUIRE_EQUAL(grid->GetNumberRows(), 4);
        // What will be created, and the duplicates flagged and unticked.
        BOOST_CHECK_EQUAL(grid->GetCellValue(0, 2).utf8_string(), "Ana");
        BOOST_CHECK_EQUAL(grid->GetCellValue(0, 3).utf8_string(), "García López");
        BOOST_CHECK_EQUAL(grid->GetCellValue(0, 0), "1");
        BOOST_CHECK_EQUAL(grid->GetCellValue(1, 2).utf8_string(), "José Ángel");
        BOOST_CHECK_EQUAL(grid->GetCellValue(2, 0), "");
        BOOST_CHECK(grid->GetCellValue(2, 6).StartsWith("Already in the class as"));
        BOOST_CHECK_EQUAL(grid->GetCellValue(3, 0), "");
        BOOST_CHECK_EQUAL(grid->GetCellValue(3, 6), "Same name as row 1");
        BOOST_CHECK_EQUAL(dialog.summary(),
                          "2 students will be created; 2 rows are left out (see Remark).");
        BOOST_CHECK_EQUAL(dialog.createButton()->GetLabel(), "Create 2 students");
        test::screenshot(&dialog, "roster_import_preview");
        click(dialog.createButton());
      },
      [&] { menuCommand(app.frame, gui::ids::kImportStudents); });

  auto after = model::Students(*app.db).list(classId);
  BOOST_REQUIRE_EQUAL(after.size(), before.size() + 2);
  auto named = [&](const std::string& family) {
    return std::count_if(after.begin(), after.end(),
                         [&](const model::Student& s) { return s.familyName == family; });
  };
  BOOST_CHECK_EQUAL(named("García López"), 1);
  BOOST_CHECK_EQUAL(named("Núñez"), 1);
  auto* list = app.frame->students()->list();
  BOOST_CHECK_EQUAL(list->GetItemCount(), static_cast<int>(before.size() + 2));
  BOOST_CHECK(app.frame->GetStatusBar()->GetStatusText(0).Contains("2 students imported"));
  test::screenshot(app.frame, "students_imported");

  // One Undo removes them all; Redo brings the same two back.
  menuCommand(app.frame, wxID_UNDO);
  BOOST_CHECK_EQUAL(model::Students(*app.db).list(classId).size(), before.size());
  BOOST_CHECK_EQUAL(list->GetItemCount(), static_cast<int>(before.size()));
  menuCommand(app.frame, wxID_REDO);
  const auto redone = model::Students(*app.db).list(classId);
  BOOST_CHECK_EQUAL(redone.size(), before.size() + 2);
  BOOST_CHECK(std::any_of(redone.begin(), redone.end(),
                          [&](const model::Student& s) { return s.familyName == "Núñez"; }));
}

BOOST_AUTO_TEST_CASE(a_bad_file_is_explained_in_the_dialog_and_creates_nothing)
{
  test::AppFixture app;
  app.frame->showPage(3);
  const std::string classId = app.frame->classes()->selectedClass();
  const auto count = model::Students(*app.db).list(classId).size();
  test::writeFile(app.sandbox.path("lista.csv"), "Apellidos;Nombre\nGarcía;Ana\nRuiz;\"Pablo\n");
  withImportDialog(
      [&](gui::RosterImportDialog& dialog) {
        BOOST_CHECK(!dialog.loadFile(app.sandbox.path("lista.csv")));
        BOOST_CHECK(dialog.problem().StartsWith("Row 3, column B: a cell opens a quote"));
        BOOST_CHECK(!dialog.createButton()->IsEnabled());
        // Edited file: the names come, a column can be set by hand.
        test::writeFile(app.sandbox.path("lista.csv"), "Apellidos;Nombre;Otro\nGarcía;Ana;x\n");
        BOOST_REQUIRE(dialog.loadFile(app.sandbox.path("lista.csv")));
        BOOST_CHECK(dialog.problem().empty());
        dialog.setColumnField(2, roster::Field::Notes);
        BOOST_REQUIRE_EQUAL(dialog.chosen().size(), 1u);
        BOOST_CHECK_EQUAL(dialog.chosen()[0].notes, "x");
        dialog.EndModal(wxID_CANCEL);
      },
      [&] { menuCommand(app.frame, gui::ids::kImportStudents); });
  BOOST_CHECK_EQUAL(model::Students(*app.db).list(classId).size(), count);
}

BOOST_AUTO_TEST_CASE(the_import_preview_in_spanish)
{
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  {
    test::AppFixture app;
    app.frame->showPage(3);
    test::pump(200);
    test::screenshot(app.frame, "students_import_button-es");
    withImportDialog(
        [&](gui::RosterImportDialog& dialog) {
          dialog.pasteBox()->SetValue(wxString::FromUTF8(
              "Apellidos\tNombre\tCorreo\nGarcía López\tAna María\tana@colegio.es\n"
              "Núñez\tJosé Ángel\tjose@\nGarcía López\tAna María\t\n"));
          BOOST_CHECK_EQUAL(dialog.createButton()->GetLabel().utf8_string(), "Crear 1 alumno");
          test::screenshot(&dialog, "roster_import_preview-es");
        },
        [&] { menuCommand(app.frame, gui::ids::kImportStudents); });
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_CASE(a_deleted_assessment_comes_back_with_its_marks_on_undo)
{
  test::AppFixture app;
  auto* gradebook = app.frame->gradebook();
  auto* table = gradebook->table();
  // The first column with marks.
  int col = -1;
  std::string assessmentId;
  for (int c = 0; c < table->GetNumberCols() && col < 0; ++c) {
    const auto* column = table->columnAt(c);
    if (column->kind != gui::GradebookColumn::Kind::Assessment) {
      continue;
    }
    const auto& a = table->data()->assessments[static_cast<std::size_t>(column->assessment)];
    if (!store::selectRows(*app.db, *store::findTable("mark"), "assessment_id = ?", {a.id})
             .empty()) {
      col = c;
      assessmentId = a.id;
    }
  }
  BOOST_REQUIRE_GE(col, 0);
  const wxString header = table->GetColLabelValue(col);
  const wxString firstCell = table->GetValue(0, col);
  const auto marks =
      store::selectRows(*app.db, *store::findTable("mark"), "assessment_id = ?", {assessmentId});
  auto columnShown = [&] {
    for (const auto& a : table->data()->assessments) {
      if (a.id == assessmentId) {
        return true;
      }
    }
    return false;
  };

  // The column header's menu has it, and choosing it deletes that column.
  auto menu = gradebook->columnMenu(col);
  BOOST_REQUIRE(menu);
  BOOST_REQUIRE(menu->FindItem(gui::ids::kDeleteAssessment));
  wxCommandEvent pick(wxEVT_MENU, gui::ids::kDeleteAssessment);
  menu->ProcessEvent(pick);
  BOOST_REQUIRE(test::waitUntil([&] { return !columnShown() && app.gradebookLoaded(); }));
  const auto left = model::Assessments(*app.db).list(app.frame->classes()->selectedClass());
  BOOST_CHECK(std::none_of(left.begin(), left.end(),
                           [&](const model::Assessment& a) { return a.id == assessmentId; }));
  BOOST_CHECK(app.frame->GetStatusBar()->GetStatusText(0).Contains("Undo"));

  // Undo: the column and every mark are back.
  menuCommand(app.frame, wxID_UNDO);
  BOOST_REQUIRE(test::waitUntil([&] { return columnShown() && app.gradebookLoaded(); }));
  BOOST_CHECK_EQUAL(table->GetColLabelValue(col), header);
  BOOST_CHECK_EQUAL(table->GetValue(0, col), firstCell);
  BOOST_CHECK_EQUAL(
      store::selectRows(*app.db, *store::findTable("mark"), "assessment_id = ?", {assessmentId})
          .size(),
      marks.size());

  // The Class menu deletes the column under the cursor too, never while a mark is typed.
  auto live = [&] {
    const auto all = model::Assessments(*app.db).list(app.frame->classes()->selectedClass());
    return std::any_of(all.begin(), all.end(),
                       [&](const model::Assessment& a) { return a.id == assessmentId; });
  };
  gradebook->grid()->SetGridCursor(0, col);
  gradebook->grid()->EnableCellEditControl();
  BOOST_REQUIRE(gradebook->grid()->IsCellEditControlShown());
  menuCommand(app.frame, gui::ids::kDeleteAssessment);
  BOOST_CHECK(live());
  gradebook->grid()->DisableCellEditControl();
  test::pump(100);
  menuCommand(app.frame, gui::ids::kDeleteAssessment);
  BOOST_CHECK(!live());
  BOOST_REQUIRE(test::waitUntil([&] { return !columnShown() && app.gradebookLoaded(); }));
  menuCommand(app.frame, wxID_UNDO);
  BOOST_REQUIRE(test::waitUntil([&] { return columnShown() && app.gradebookLoaded(); }));
}

BOOST_AUTO_TEST_CASE(ctrl_shift_delete_deletes_the_column_and_clears_no_mark)
{
  test::AppFixture app;
  auto* gradebook = app.frame->gradebook();
  auto* grid = gradebook->grid();
  auto* table = gradebook->table();
  int col = -1;
  for (int c = 0; c < table->GetNumberCols() && col < 0; ++c) {
    if (table->columnAt(c)->kind == gui::GradebookColumn::Kind::Assessment &&
        !table->GetValue(1, c).empty()) {
      col = c;
    }
  }
  BOOST_REQUIRE_GE(col, 0);
  const auto& a =
      table->data()->assessments[static_cast<std::size_t>(table->columnAt(col)->assessment)];
  const std::string assessmentId = a.id;
  const auto marksBefore =
      store::selectRows(*app.db, *store::findTable("mark"), "assessment_id = ?", {assessmentId});
  const std::size_t columnsBefore =
      model::Assessments(*app.db).list(app.frame->classes()->selectedClass()).size();
  grid->SetGridCursor(1, col);
  grid->SetFocus();
  test::pump(200);
  wxUIActionSimulator sim;
  sim.Char(WXK_DELETE, wxMOD_CONTROL | wxMOD_SHIFT);
  const std::string classId = app.frame->classes()->selectedClass();
  BOOST_REQUIRE(test::waitUntil([&] {
    const auto all = model::Assessments(*app.db).list(classId);
    return std::none_of(all.begin(), all.end(),
                        [&](const model::Assessment& x) { return x.id == assessmentId; });
  }));
  // The key deleted that one column (once), and did not clear the cell's mark on the way.
  test::pump(300);
  BOOST_CHECK_EQUAL(model::Assessments(*app.db).list(classId).size(), columnsBefore - 1);
  const auto marksAfter =
      store::selectRows(*app.db, *store::findTable("mark"), "assessment_id = ?", {assessmentId});
  BOOST_REQUIRE_EQUAL(marksAfter.size(), marksBefore.size());
  for (std::size_t i = 0; i < marksAfter.size(); ++i) {
    BOOST_CHECK_EQUAL(marksAfter[i].text("value"), marksBefore[i].text("value"));
  }
  // Back with Undo; a plain Delete still clears the cell's mark.
  menuCommand(app.frame, wxID_UNDO);
  BOOST_REQUIRE(test::waitUntil([&] {
    return app.gradebookLoaded() && !table->GetValue(1, col).empty() &&
           table->data()->assessments.size() == columnsBefore;
  }));
  grid->SetGridCursor(1, col);
  grid->SetFocus();
  test::pump(200);
  sim.Char(WXK_DELETE);
  BOOST_CHECK(test::waitUntil([&] { return table->GetValue(1, col).empty(); }));
}

BOOST_AUTO_TEST_CASE(a_new_class_from_this_one_has_its_columns_and_no_students)
{
  test::AppFixture app;
  auto* classes = app.frame->classes();
  const std::string source = classes->selectedClass();
  const auto sourceAssessments = model::Assessments(*app.db).list(source);
  const auto copy = classes->copyClass("3C Copy");
  BOOST_REQUIRE(!copy.empty());
  BOOST_CHECK_EQUAL(classes->selectedClass(), copy);
  BOOST_REQUIRE(test::waitUntil([&] { return app.gradebookLoaded(); }));
  BOOST_CHECK_EQUAL(model::Assessments(*app.db).list(copy).size(), sourceAssessments.size());
  BOOST_CHECK_EQUAL(model::Categories(*app.db).list(copy).size(),
                    model::Categories(*app.db).list(source).size());
  BOOST_CHECK(model::Students(*app.db).list(copy).empty());
  BOOST_CHECK_EQUAL(app.frame->gradebook()->table()->data()->assessments.size(),
                    sourceAssessments.size());
  menuCommand(app.frame, wxID_UNDO);
  BOOST_CHECK(model::Assessments(*app.db).list(copy).empty());
  const auto ids = classes->classIds();
  BOOST_CHECK(std::find(ids.begin(), ids.end(), copy) == ids.end());
}

BOOST_AUTO_TEST_SUITE_END()
