// GradebookPanel: what the teacher does to selected cells (excused, missing, clearing) and the
// clipboard (copy, paste a block from a spreadsheet).
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"

#include <wx/clipbrd.h>
#include <wx/intl.h>

namespace pupitre::gui {

void GradebookPanel::setStatus(model::MarkStatus status)
{
  const auto& data = *m_table->data();
  std::vector<MarkChange> changes;
  for (const auto& [s, a] : selectedMarkCells()) {
    model::MarkInput input;
    input.status = status;
    if (status != model::MarkStatus::Normal) {
      input.value = ""; // the status replaces the value
    }
    changes.push_back({data.students[static_cast<std::size_t>(s)].id,
                       data.assessments[static_cast<std::size_t>(a)].id, input});
  }
  submitMarks(status == model::MarkStatus::Excused   ? _("Mark excused")
              : status == model::MarkStatus::Missing ? _("Mark missing")
                                                     : _("Mark normal"),
              std::move(changes));
}

void GradebookPanel::clearSelected()
{
  const auto& data = *m_table->data();
  std::vector<MarkChange> changes;
  for (const auto& [s, a] : selectedMarkCells()) {
    m_table->clearInvalid(data.students[static_cast<std::size_t>(s)].id,
                          data.assessments[static_cast<std::size_t>(a)].id);
    if (data.mark(s, a)) {
      changes.push_back({data.students[static_cast<std::size_t>(s)].id,
                         data.assessments[static_cast<std::size_t>(a)].id, std::nullopt});
    }
  }
  m_grid->ForceRefresh(); // a mark typed that did not fit goes too
  submitMarks(_("Clear marks"), std::move(changes));
}

void GradebookPanel::copySelection()
{
  int top = m_grid->GetGridCursorRow(), left = m_grid->GetGridCursorCol();
  int bottom = top, right = left;
  const auto topLeft = m_grid->GetSelectionBlockTopLeft();
  const auto bottomRight = m_grid->GetSelectionBlockBottomRight();
  if (!topLeft.empty() && !bottomRight.empty()) {
    top = topLeft[0].GetRow();
    left = topLeft[0].GetCol();
    bottom = bottomRight[0].GetRow();
    right = bottomRight[0].GetCol();
  }
  wxString text;
  for (int r = top; r <= bottom; ++r) {
    for (int c = left; c <= right; ++c) {
      if (m_table->isClassAverageRow(r)) {
        break; // not a student: never copied
      }
      text << m_table->GetValue(r, c) << (c < right ? "\t" : "");
    }
    if (!m_table->isClassAverageRow(r)) {
      text << "\n";
    }
  }
  if (wxTheClipboard->Open()) {
    wxTheClipboard->SetData(new wxTextDataObject(text));
    wxTheClipboard->Close();
  }
}

void GradebookPanel::pasteClipboard()
{
  wxTextDataObject text;
  if (wxTheClipboard->Open()) {
    wxTheClipboard->GetData(text);
    wxTheClipboard->Close();
  }
  pasteText(text.GetText().utf8_string());
}

void GradebookPanel::pasteText(const std::string& text)
{
  const auto& data = *m_table->data();
  const int row0 = m_grid->GetGridCursorRow();
  const int col0 = m_grid->GetGridCursorCol();
  std::vector<MarkChange> changes;
  const auto block = parseClipboardBlock(text);
  for (std::size_t r = 0; r < block.size(); ++r) {
    for (std::size_t c = 0; c < block[r].size(); ++c) {
      const int s = m_table->studentAt(row0 + static_cast<int>(r));
      const auto* column = m_table->columnAt(col0 + static_cast<int>(c));
      wxString cell = wxString::FromUTF8(block[r][c]).Trim().Trim(false);
      if (s < 0 || !column || column->kind != GradebookColumn::Kind::Assessment || cell.empty()) {
        continue;
      }
      model::MarkInput input;
      input.value = cell.utf8_string();
      input.status = model::MarkStatus::Normal;
      changes.push_back({data.students[static_cast<std::size_t>(s)].id,
                         data.assessments[static_cast<std::size_t>(column->assessment)].id, input});
    }
  }
  submitMarks(_("Paste marks"), std::move(changes));
}

} // namespace pupitre::gui
