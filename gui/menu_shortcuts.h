#pragma once
// Runs the menu command whose accelerator a key press is, for a control that would otherwise
// take the key itself: the gradebook's grid turns Ctrl+Shift+H into Backspace (GTK sends the
// character 8) and Shift+F2 into "edit the cell" before the menu bar sees them.
class wxKeyEvent;
class wxWindow;

namespace pupitre::gui {

// When `event` (a key-down in `from`) is the accelerator of an enabled item of the menu bar of
// `from`'s frame, sends that item's command to the frame and returns true.
bool runMenuShortcut(wxWindow* from, const wxKeyEvent& event);

} // namespace pupitre::gui
