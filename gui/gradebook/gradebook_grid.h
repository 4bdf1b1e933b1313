#pragma once
// The gradebook's wxGrid, which also lends the header window of its frozen columns (wx keeps
// it protected) so that the headers of the averages get tooltips too.
#include <wx/grid.h>

namespace pupitre::gui {

class GradebookGrid : public wxGrid
{
public:
  using wxGrid::wxGrid;
  // The header of the frozen columns (null until columns are frozen).
  wxWindow* frozenColLabelWindow() const { return m_colFrozenLabelWin; }
};

} // namespace pupitre::gui
