// GradebookPanel: how the grid is laid out (the averages frozen next to the names, a header
// row as tall as its longest header) and what the pointer resting on it is told.
#include "gradebook/gradebook_grid.h"
#include "gradebook/gradebook_panel.h"
#include "gradebook/gradebook_table.h"

#include <wx/arrstr.h>
#include <wx/tooltip.h>

#include <algorithm>

namespace pupitre::gui {

namespace {

constexpr int kAverageColumnWidth = 84; // DIP
constexpr int kWidestMarkColumn = 170;  // DIP: a longer word is cut with "…"

void setTip(wxWindow* window, const wxString& tip)
{
  const wxToolTip* current = window->GetToolTip();
  if (tip.empty()) {
    if (current) {
      window->UnsetToolTip();
    }
  } else if (!current || current->GetTip() != tip) {
    window->SetToolTip(tip);
  }
}

} // namespace

void GradebookPanel::showData(std::shared_ptr<GradebookData> data)
{
  m_table->setData(std::move(data));
  fillPeriodChoice(); // before the columns are fitted: showing it changes the grid's room
  freezeAverages();
  fitHeaders();
}

void GradebookPanel::freezeAverages()
{
  if (m_grid->GetNumberRows() == 0) {
    return; // wx freezes nothing in an empty grid (and has nothing frozen: setData unfroze)
  }
  const int averages = m_table->data()->averageColumns();
  int frozen = 0;
  if (averages > 0 && averages < m_grid->GetNumberCols()) {
    // Frozen only while at least two mark columns still fit beside them.
    int width = m_grid->GetRowLabelSize() + 2 * m_grid->GetDefaultColSize();
    for (int c = 0; c < averages; ++c) {
      width += m_grid->GetColSize(c);
    }
    const int available = m_grid->GetClientSize().x;
    frozen = available <= 0 || width <= available ? averages : 0;
  }
  if (m_grid->GetNumberFrozenCols() != frozen || m_grid->GetNumberFrozenRows() != 0) {
    m_grid->FreezeTo(0, frozen);
  }
  // wx makes new frozen windows each time columns are frozen again: their tooltips too
  // (Unbind first, so a window keeps one handler).
  for (wxWindow* cells : {m_grid->GetFrozenColGridWindow()}) {
    if (cells) {
      cells->Unbind(wxEVT_MOTION, &GradebookPanel::onCellMotion, this);
      cells->Bind(wxEVT_MOTION, &GradebookPanel::onCellMotion, this);
    }
  }
  if (wxWindow* labels = m_grid->frozenColLabelWindow()) {
    labels->Unbind(wxEVT_MOTION, &GradebookPanel::onHeaderMotion, this);
    labels->Bind(wxEVT_MOTION, &GradebookPanel::onHeaderMotion, this);
  }
}

void GradebookPanel::fitHeaders()
{
  int w = 0, lineHeight = 0;
  const wxFont font = m_grid->GetLabelFont();
  m_grid->GetTextExtent("Ag", &w, &lineHeight, nullptr, nullptr, &font);
  const int averageWidth = FromDIP(kAverageColumnWidth);
  const int widest = FromDIP(kWidestMarkColumn);
  const auto& data = *m_table->data();
  m_grid->BeginBatch();
  for (int c = 0; c < m_grid->GetNumberCols(); ++c) {
    const auto& column = data.columns[static_cast<std::size_t>(c)];
    // Wide enough for the longest word of its header (a category's "Homework ·" too).
    const auto* category = data.category(column.categoryId);
    wxString words =
        category ? wxString::FromUTF8(category->name) + wxString::FromUTF8(" ·") : wxString();
    if (column.kind == GradebookColumn::Kind::Assessment) {
      words << " "
            << wxString::FromUTF8(
                   data.assessments[static_cast<std::size_t>(column.assessment)].name);
    }
    int longest = 0;
    for (const auto& word : wxSplit(words, ' ')) {
      int h = 0, width = 0;
      m_grid->GetTextExtent(word, &width, &h, nullptr, nullptr, &font);
      longest = std::max(longest, width);
    }
    if (category) { // "Name ·" stays on one line
      int h = 0, width = 0;
      m_grid->GetTextExtent(wxString::FromUTF8(category->name + " ·"), &width, &h, nullptr, nullptr,
                            &font);
      longest = std::max(longest, width);
    }
    if (const auto* term = data.term(column.termId)) { // so does a term's name ("1ª evaluación")
      int h = 0, width = 0;
      m_grid->GetTextExtent(wxString::FromUTF8(term->name), &width, &h, nullptr, nullptr, &font);
      longest = std::max(longest, width);
    }
    const int wanted = std::clamp(longest + FromDIP(12), averageWidth, widest);
    if (column.kind != GradebookColumn::Kind::Assessment) {
      if (m_grid->GetColSize(c) != wanted) {
        m_grid->SetColSize(c, wanted); // averages: as narrow as their header allows
      }
    } else if (m_grid->GetColSize(c) < wanted) {
      m_grid->SetColSize(c, wanted);
    }
  }
  m_grid->EndBatch();
  const int height = m_table->headerLineCount() * lineHeight + FromDIP(10);
  if (m_grid->GetColLabelSize() != height) {
    m_grid->SetColLabelSize(height);
  }
}

void GradebookPanel::bindTooltips()
{
  m_grid->GetGridWindow()->Bind(wxEVT_MOTION, &GradebookPanel::onCellMotion, this);
  m_grid->GetGridColLabelWindow()->Bind(wxEVT_MOTION, &GradebookPanel::onHeaderMotion, this);
}

void GradebookPanel::onCellMotion(wxMouseEvent& event)
{
  event.Skip();
  if (auto* cells = dynamic_cast<wxWindow*>(event.GetEventObject())) {
    showCellTip(cells, event.GetPosition());
  }
}

void GradebookPanel::onHeaderMotion(wxMouseEvent& event)
{
  event.Skip();
  if (auto* labels = dynamic_cast<wxWindow*>(event.GetEventObject())) {
    showHeaderTip(labels, event.GetPosition().x);
  }
}

namespace {

// The cell under `at` (client coordinates of `cells`, a cell window of `grid`). A cell window
// shows its own part: the frozen columns from its left edge, the others after them, scrolled
// (wx 3.2's CalcGridWindowUnscrolledPosition leaves the frozen part out).
wxGridCellCoords cellAt(wxGrid* grid, wxWindow* cells, const wxPoint& at)
{
  int unitX = 0, unitY = 0, startX = 0, startY = 0;
  grid->GetScrollPixelsPerUnit(&unitX, &unitY);
  grid->GetViewStart(&startX, &startY);
  const int frozen = grid->GetNumberFrozenCols();
  const bool inFrozen = cells == grid->GetFrozenColGridWindow();
  int frozenWidth = 0;
  for (int c = 0; c < frozen; ++c) {
    frozenWidth += grid->GetColSize(c);
  }
  // Where `at` is in the whole unscrolled grid (no rows are frozen).
  const int x = inFrozen ? at.x : at.x + startX * unitX + frozenWidth;
  const int y = at.y + startY * unitY;
  const int first = inFrozen ? 0 : frozen;
  const int last = inFrozen ? frozen : grid->GetNumberCols();
  int left = inFrozen ? 0 : frozenWidth;
  for (int col = first; col < last; ++col) {
    const int right = left + grid->GetColSize(col);
    if (x >= left && x < right) {
      return {grid->YToRow(y), col};
    }
    left = right;
  }
  return {-1, -1};
}

} // namespace

void GradebookPanel::showCellTip(wxWindow* cells, const wxPoint& at)
{
  const auto cell = cellAt(m_grid, cells, at);
  setTip(cells, cell.GetRow() >= 0 && cell.GetCol() >= 0
                    ? m_table->cellTip(cell.GetRow(), cell.GetCol())
                    : wxString());
}

void GradebookPanel::showHeaderTip(wxWindow* labels, int x)
{
  // A header stands above its cells: the cell window below it says which column it is.
  wxWindow* cells = labels == m_grid->GetGridColLabelWindow() ? m_grid->GetGridWindow()
                                                              : m_grid->GetFrozenColGridWindow();
  const int col = cells ? cellAt(m_grid, cells, wxPoint(x, 0)).GetCol() : -1;
  setTip(labels, col >= 0 ? m_table->headerTip(col) : wxString());
}

} // namespace pupitre::gui
