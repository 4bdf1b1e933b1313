// GradebookPanel: the comment line under the grid. It shows the comment of the mark under the
// cursor, so comments read without opening anything; Shift+F2 (or Edit → Comment on mark)
// puts the cursor in it, Enter saves the comment on the selected marks (one undoable step)
// and goes back to the grid, Escape goes back leaving the comment as it was. The marks
// themselves are never changed from here.
#include "gradebook/gradebook_grid.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"

#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace pupitre::gui {

wxWindow* GradebookPanel::createCommentLine()
{
  auto* line = new wxPanel(this, wxID_ANY);
  auto* label = new wxStaticText(line, wxID_ANY, _("Comment:"));
  m_comment = new wxTextCtrl(line, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                             wxTE_PROCESS_ENTER, wxDefaultValidator, "gradebook_comment");
  m_comment->SetHint(_("No comment on this mark. Shift+F2 writes one."));
  m_comment->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { saveComment(); });
  m_comment->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_ESCAPE) {
      cancelComment();
    } else {
      e.Skip();
    }
  });
  m_comment->Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& e) {
    e.Skip();
    takeCommentTargets();
  });
  // Typed, then clicked away: kept, never dropped.
  m_comment->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
    e.Skip();
    if (m_comment->IsModified()) {
      saveComment();
    }
  });
  auto* sizer = new wxBoxSizer(wxHORIZONTAL);
  sizer->Add(label, 0, wxALIGN_CENTRE_VERTICAL | wxRIGHT, FromDIP(6));
  sizer->Add(m_comment, 1, wxEXPAND);
  line->SetSizer(sizer);
  return line;
}

void GradebookPanel::showCursorComment()
{
  if (!m_comment || m_comment->HasFocus() || m_comment->IsModified()) {
    return; // the teacher is writing one
  }
  const int row = m_grid->GetGridCursorRow();
  const int col = m_grid->GetGridCursorCol();
  const auto* column = m_table->columnAt(col);
  const bool onMark =
      m_table->studentAt(row) >= 0 && column && column->kind == GradebookColumn::Kind::Assessment;
  const wxString comment = onMark ? m_table->commentAt(row, col) : wxString();
  if (m_comment->GetValue() != comment) {
    m_comment->ChangeValue(comment);
  }
  m_comment->Enable(onMark);
}

void GradebookPanel::takeCommentTargets()
{
  const auto& data = *m_table->data();
  m_commentTargets.clear();
  for (const auto& [s, a] : selectedMarkCells()) {
    m_commentTargets.emplace_back(data.students[static_cast<std::size_t>(s)].id,
                                  data.assessments[static_cast<std::size_t>(a)].id);
  }
}

void GradebookPanel::editComment()
{
  if (selectedMarkCells().empty()) {
    return;
  }
  if (m_grid->IsCellEditControlShown()) {
    m_grid->DisableCellEditControl();
  }
  showCursorComment();
  takeCommentTargets();
  m_comment->Enable();
  m_comment->SetFocus();
  m_comment->SelectAll();
}

void GradebookPanel::saveComment()
{
  if (m_comment->IsModified()) {
    wxString typed = m_comment->GetValue();
    const std::string text = typed.Trim().Trim(false).utf8_string();
    std::vector<MarkChange> changes;
    for (const auto& [student, assessment] : m_commentTargets) {
      model::MarkInput input;
      input.comment = text; // only the comment: the value and status stay as they are
      changes.push_back({student, assessment, input});
    }
    m_comment->SetModified(false);
    submitMarks(_("Comment"), std::move(changes));
  }
  if (m_comment->HasFocus()) {
    m_grid->SetFocus();
  }
  showCursorComment();
}

void GradebookPanel::cancelComment()
{
  m_comment->SetModified(false);
  m_grid->SetFocus();
  showCursorComment();
}

} // namespace pupitre::gui
