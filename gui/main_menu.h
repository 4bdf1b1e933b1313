#pragma once
// The main window's menu bar and toolbar, with their keyboard shortcuts, and the text of
// Help > Keyboard shortcuts (the same list as gui/README.md).
#include <wx/string.h>

class wxCommandProcessor;
class wxFrame;
class wxMenuBar;

namespace pupitre::gui {

wxMenuBar* buildMenuBar(wxCommandProcessor& commands);
void buildToolBar(wxFrame& frame);
wxString shortcutsText();

} // namespace pupitre::gui
