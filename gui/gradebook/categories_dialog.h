#pragma once
// The categories of a class and their weights, in a small editable grid; an empty last row
// adds a category.
#include "pupitre/model/categories.h"

#include <wx/dialog.h>

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

private:
  std::vector<model::Category> m_original;
  wxGrid* m_grid;
};

} // namespace pupitre::gui
