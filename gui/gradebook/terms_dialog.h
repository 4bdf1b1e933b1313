#pragma once
// The evaluation periods of a class (Class menu → Terms…): name, first and last day, weight,
// in a small editable grid; "Add term" appends one, "Remove term" drops the current row; and
// how the final mark is made from the term averages. Mistakes are shown in the dialog, which
// stays open with everything typed.
#include "pupitre/model/classes.h"
#include "pupitre/model/terms.h"

#include <wx/dialog.h>

#include <string>
#include <vector>

class wxChoice;
class wxGrid;
class wxStaticText;

namespace pupitre::gui {

class TermsDialog : public wxDialog
{
public:
  TermsDialog(wxWindow* parent, std::vector<model::Term> terms, model::FinalMode mode);
  // The terms as edited, in order (positions 1, 2, …): existing ones keep their id, new ones
  // have none. Throws ValidationError naming the row for a missing name, a date that is not
  // one, an end before the start, a weight that is not a number.
  std::vector<model::Term> terms() const;
  // The ids of the existing terms the teacher removed.
  const std::vector<std::string>& removed() const { return m_removed; }
  model::FinalMode finalMode() const;
  void removeRow(int row);
  wxGrid* grid() const { return m_grid; }
  // What OK asks first: false, with the mistake shown under the grid, keeps the dialog open.
  bool Validate() override;

private:
  std::vector<model::Term> m_rows; // one per grid row; new rows have no id
  std::vector<std::string> m_removed;
  wxGrid* m_grid;
  wxChoice* m_mode;
  wxStaticText* m_error;
};

} // namespace pupitre::gui
