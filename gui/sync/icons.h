#pragma once
// The app and tray icons, rendered from icons/src by icons/render.sh and embedded in the
// binary (icons/EmbedIcons.cmake), so they never go missing from an installation.
#include <wx/bitmap.h>
#include <wx/iconbndl.h>

#include <cstddef>
#include <string>
#include <vector>

namespace pupitre::gui {

struct EmbeddedIcon
{
  const char* name; // "pupitre-32.png", "tray-idle-22.png"
  const unsigned char* data;
  std::size_t size;
};
const std::vector<EmbeddedIcon>& embeddedIcons();

enum class TrayState { Idle, Syncing, Error, Offline };
const char* trayStateName(TrayState state); // "idle", ...

// The application icon in every size, for frames and dialogs.
wxIconBundle appIcons();
// The tray icon of `state` at `size` pixels (the nearest embedded size, scaled if needed).
wxBitmap trayBitmap(TrayState state, int size);
// Writes the tray icons as NAME.png ("pupitre-tray-idle.png") into `folder` for desktop
// hosts that load icons by file (AppIndicator); false when the folder cannot be written.
bool writeTrayIcons(const std::string& folder, int size);

} // namespace pupitre::gui
