#pragma once
// The Conflicts tab: values that lost to a concurrent edit on another device (field, both
// values, devices, times), each with Restore (sync/conflicts.h). Not tied to a class.
#include "class_page.h"
#include "pupitre/sync/conflicts.h"

#include <wx/panel.h>

#include <vector>

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
  void restoreSelected();

private:
  AppContext m_context;
  std::vector<sync::Conflict> m_conflicts;
  wxListView* m_list;
  wxCheckBox* m_showRestored;
};

} // namespace pupitre::gui
