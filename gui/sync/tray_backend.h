#pragma once
// Where the tray icon lives: an AppIndicator (StatusNotifierItem, Linux desktops) or a
// wxTaskBarIcon (XEmbed on Linux, the notification area elsewhere). TrayIcon drives either.
#include "sync/icons.h"

#include <wx/string.h>

#include <functional>
#include <memory>

namespace pupitre::gui {

struct TrayMenu
{
  std::function<void()> synchronise;
  std::function<void()> open;
  std::function<void()> quit;
};

class TrayBackend
{
public:
  virtual ~TrayBackend() = default;
  virtual void setState(TrayState state, const wxString& tooltip) = 0;
  // The disabled menu line with the last sync's result; whether "Synchronise now" is usable.
  virtual void setMenuState(const wxString& lastResult, bool canSync) = 0;
  virtual bool visible() const = 0;
};

// nullptr when this build has no AppIndicator or the session has no D-Bus.
std::unique_ptr<TrayBackend> makeIndicatorTray(TrayMenu menu);
// nullptr when there is no tray host (wxTaskBarIcon::IsAvailable() is false).
std::unique_ptr<TrayBackend> makeTaskBarTray(TrayMenu menu);

} // namespace pupitre::gui
