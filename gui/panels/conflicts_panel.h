#pragma once
// The Conflicts tab: values that lost to a concurrent edit on another device (field, both
// values, devices, times), each with Restore (sync/conflicts.h); then the edits hidden by a
// deletion made on another device (model/hidden_edits.h), with Restore (brings the deleted
// record back) and Keep deleted. Not tied to a class.
#include "class_page.h"
#include "pupitre/model/hidden_edits.h"
#include "pupitre/sync/conflicts.h"

#include <wx/panel.h>

#include <vector>

class wxButton;
class wxCheckBox;
class wxListView;

namespace pupitre::gui {

class ConflictsPanel : public wxPanel, public ClassPage
{
public:
  ConflictsPanel(wxWindow* parent, AppContext context);

  wxWindow* window() override { return this; }
  void showClass(const std::string& classId) override;
  void reload() override;
  wxListView* list() const { return m_list; }
  // Restores the selected lost value, or the deleted record that hides the selected edit.
  void restoreSelected();
  // Deletes the record of the selected hidden edit: the deletion made elsewhere stands.
  void keepDeletedSelected();

private:
  // The hidden edit of a list row, nullptr for a conflict's row.
  const model::HiddenEdit* hiddenAt(long row) const;

  AppContext m_context;
  std::vector<sync::Conflict> m_conflicts;
  std::vector<model::HiddenEdit> m_hidden; // listed after the conflicts
  wxListView* m_list;
  wxCheckBox* m_showRestored;
  wxButton* m_keepDeleted;
};

} // namespace pupitre::gui
