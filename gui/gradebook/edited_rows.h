#pragma once
// What the Categories and Terms dialogs share: their grid's rows mirror a vector of edited
// records, and a removed row that was a saved record is remembered to be deleted on OK.
#include <wx/grid.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace pupitre::gui {

// Removes `row` from `grid` and `rows` (a vector of structs with an `id`, empty for a row added
// in the dialog), noting a saved record's id in `removed`; the cursor goes to the row now there
// (or the last), in column `focusColumn`. Nothing for a row that does not exist.
template <typename Row>
void removeEditedRow(wxGrid& grid, std::vector<Row>& rows, std::vector<std::string>& removed,
                     int row, int focusColumn)
{
  if (row < 0 || row >= grid.GetNumberRows()) {
    return;
  }
  if (grid.IsCellEditControlShown()) {
    grid.DisableCellEditControl();
  }
  const auto index = static_cast<std::size_t>(row);
  if (!rows[index].id.empty()) {
    removed.push_back(rows[index].id);
  }
  rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(index));
  grid.DeleteRows(row);
  if (grid.GetNumberRows() > 0) {
    grid.GoToCell(std::min(row, grid.GetNumberRows() - 1), focusColumn);
  }
}

} // namespace pupitre::gui
