#pragma once
// The main window's size and place. The first time it fits the display it opens on (that
// display's client area, without the desktop's panels, in DIPs: a 1366x768 laptop shows the
// status bar, GDK_SCALE=2 does not make it larger than the screen); later starts restore the
// last size, position and maximized state when that place is still on a connected display.
#include <wx/gdicmn.h>

#include <string>

class wxTopLevelWindow;

namespace pupitre::gui {

// `wanted` moved and, if needed, shrunk so that it lies inside `area`.
wxRect fitInside(const wxRect& wanted, const wxRect& area);
// Sizes `window` to `defaultDip` (DIPs) or less, centred on the client area of its display.
void placeOnDisplay(wxTopLevelWindow& window, const wxSize& defaultDip);
// Restores what savePlacement wrote into the INI file `file`; false (the window keeps its
// place) when there is none or the saved place is on no connected display.
bool restorePlacement(wxTopLevelWindow& window, const std::string& file);
// Writes the window's size, position and maximized state into `file`; false if it cannot.
bool savePlacement(const wxTopLevelWindow& window, const std::string& file);

} // namespace pupitre::gui
