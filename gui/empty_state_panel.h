#pragma once
// What the main window shows instead of the class screens while there is no class (a first
// start): what to do first, with a button for each way to begin.
#include <wx/panel.h>

class wxButton;

namespace pupitre::gui {

class EmptyStatePanel : public wxPanel
{
public:
  // The buttons send the menu commands ids::kNewClass and ids::kImportStudents to `parent`'s
  // frame, as the menus would.
  explicit EmptyStatePanel(wxWindow* parent);

  wxButton* createClassButton() const { return m_createClass; }
  wxButton* importStudentsButton() const { return m_importStudents; }

private:
  wxButton* m_createClass;
  wxButton* m_importStudents;
};

} // namespace pupitre::gui
