#pragma once
// The categories of a class and their weights, in a small editable grid sized to show every
// row; an empty last row or "Add category" adds one, "Remove category" drops the current row.
#include "pupitre/model/categories.h"

#include <wx/dialog.h>

#include <string>
#include <vector>

class wxGrid;

namespace pupitre::gui {

class CategoriesDialog : public wxDialog
{
public:
  CategoriesDialog(wxWindow* parent, std::vector<model::Category> categories);
  // The categories as edited: existing ones keep their id, new ones have none. Throws
  // ValidationError for a weight that is not a number.
  std::vector<model::Category> categories() const;
  // The ids of the existing categories the teacher removed.
  const std::vector<std::string>& removed() const { return m_removed; }
  void removeRow(int row);

private:
  // Sizes the grid (and the dialog) to show every row.
  void fitRows();
  void fitColumns();

  std::vector<model::Category> m_rows; // one per grid row; new rows have no id
  std::vector<std::string> m_removed;
  wxGrid* m_grid;
};

} // namespace pupitre::gui
