// GradebookPanel: the column header's menu (right click on an assessment's header) and
// deleting an assessment, undoable with its marks.
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"
#include "ids.h"
#include "model_command.h"

#include "pupitre/model/records.h"

#include <wx/cmdproc.h>
#include <wx/frame.h>
#include <wx/intl.h>
#include <wx/menu.h>

namespace pupitre::gui {

void GradebookPanel::bindColumnMenu()
{
  m_grid->Bind(wxEVT_GRID_LABEL_RIGHT_CLICK, [this](wxGridEvent& e) {
    const int col = e.GetCol();
    if (e.GetRow() >= 0 && col < 0 && m_table->studentAt(e.GetRow()) >= 0) {
      // A student's name: the student's menu.
      m_grid->SetGridCursor(e.GetRow(), std::max(m_grid->GetGridCursorCol(), 0));
      wxMenu student;
      student.Append(ids::kReportComment, _("&Report card comment…"));
      student.Bind(wxEVT_MENU, [this](wxCommandEvent& chosen) { handleCommand(chosen.GetId()); });
      m_grid->PopupMenu(&student, e.GetPosition());
      return;
    }
    auto menu = e.GetRow() < 0 && col >= 0 ? columnMenu(col) : nullptr;
    if (!menu) {
      e.Skip();
      return;
    }
    m_grid->SetGridCursor(std::max(m_grid->GetGridCursorRow(), 0), col);
    m_grid->PopupMenu(menu.get(), e.GetPosition());
  });
}

std::unique_ptr<wxMenu> GradebookPanel::columnMenu(int col)
{
  const auto* column = m_table->columnAt(col);
  if (!column || column->kind != GradebookColumn::Kind::Assessment) {
    return nullptr;
  }
  auto menu = std::make_unique<wxMenu>();
  menu->Append(ids::kEditAssessment, _("&Edit assessment…\tCtrl+Shift+E"));
  menu->Append(ids::kMoveColumnLeft, _("Move column &left\tCtrl+Shift+Left"));
  menu->Append(ids::kMoveColumnRight, _("Move column &right\tCtrl+Shift+Right"));
  menu->Append(ids::kHideColumn, _("&Hide column"));
  menu->AppendSeparator();
  menu->Append(ids::kDeleteAssessment, _("&Delete assessment\tCtrl+Shift+Del"));
  // The column's commands act on the cursor's column: this one.
  menu->Bind(wxEVT_MENU, [this, col](wxCommandEvent& event) {
    if (col < m_grid->GetNumberCols()) {
      m_grid->SetGridCursor(std::max(m_grid->GetGridCursorRow(), 0), col);
      handleCommand(event.GetId());
    }
  });
  return menu;
}

void GradebookPanel::deleteAssessment()
{
  // Never from a key that reached the grid while a mark is being typed.
  if (m_grid->IsCellEditControlShown()) {
    return;
  }
  if (const auto* current = currentAssessment()) {
    deleteAssessment(current->id);
  }
}

void GradebookPanel::deleteAssessment(const std::string& assessmentId)
{
  const auto& data = *m_table->data();
  std::string name;
  int marks = 0;
  for (std::size_t a = 0; a < data.assessments.size(); ++a) {
    if (data.assessments[a].id != assessmentId) {
      continue;
    }
    name = data.assessments[a].name;
    for (std::size_t s = 0; s < data.students.size(); ++s) {
      marks += data.mark(static_cast<int>(s), static_cast<int>(a)) ? 1 : 0;
    }
  }
  auto& db = m_context.db;
  // Marks are not touched: hidden with their assessment, they come back with it
  // (model::restoreRecord), here and on every device the deletion reached.
  submitReload(
      _("Delete assessment"), [&db, assessmentId] { model::deleteRecord(db, assessmentId); },
      [&db, assessmentId] { model::restoreRecord(db, assessmentId); });
  if (auto* frame = dynamic_cast<wxFrame*>(wxGetTopLevelParent(this))) {
    frame->SetStatusText(wxString::Format(
        wxPLURAL("Deleted \"%s\" and its %d mark. Edit > Undo (Ctrl+Z) brings them back.",
                 "Deleted \"%s\" and its %d marks. Edit > Undo (Ctrl+Z) brings them back.", marks),
        wxString::FromUTF8(name), marks));
  }
}

} // namespace pupitre::gui
