#include "window_placement.h"

#include <wx/display.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/toplevel.h>
#include <wx/wfstream.h>

#include <algorithm>

namespace pupitre::gui {
namespace {

constexpr const char* kGroup = "/MainWindow/";

// The client area of the display showing most of `rect`; none when no display shows at
// least a title bar's worth of it.
bool displayAreaFor(const wxRect& rect, wxRect& area)
{
  long best = 0;
  for (unsigned i = 0; i < wxDisplay::GetCount(); ++i) {
    const wxRect client = wxDisplay(i).GetClientArea();
    const wxRect shown = rect.Intersect(client);
    const long size = static_cast<long>(shown.width) * shown.height;
    if (shown.width >= std::min(rect.width, 100) && shown.height >= std::min(rect.height, 40) &&
        size > best) {
      best = size;
      area = client;
    }
  }
  return best > 0;
}

} // namespace

wxRect fitInside(const wxRect& wanted, const wxRect& area)
{
  wxRect r = wanted;
  r.width = std::min(r.width, area.width);
  r.height = std::min(r.height, area.height);
  r.x = std::clamp(r.x, area.x, area.GetRight() + 1 - r.width);
  r.y = std::clamp(r.y, area.y, area.GetBottom() + 1 - r.height);
  return r;
}

void placeOnDisplay(wxTopLevelWindow& window, const wxSize& defaultDip)
{
  const wxRect area = wxDisplay(&window).GetClientArea();
  const wxSize wanted = window.FromDIP(defaultDip);
  wxRect r(area.GetTopLeft(), wanted);
  r = fitInside(r, area);
  r.x = area.x + (area.width - r.width) / 2;
  r.y = area.y + (area.height - r.height) / 2;
  // A minimum size larger than the screen would push the status bar off it again.
  const wxSize min = window.GetMinSize();
  if (min.IsFullySpecified()) {
    window.SetMinSize(wxSize(std::min(min.x, area.width), std::min(min.y, area.height)));
  }
  window.SetSize(r);
}

bool restorePlacement(wxTopLevelWindow& window, const std::string& file)
{
  if (file.empty() || !wxFileName::FileExists(wxString::FromUTF8(file))) {
    return false;
  }
  wxFileInputStream in(wxString::FromUTF8(file));
  if (!in.IsOk()) {
    return false;
  }
  wxFileConfig config(in);
  const wxString group(kGroup);
  long x = 0, y = 0, width = 0, height = 0;
  bool maximized = false;
  config.Read(group + "maximized", &maximized, false);
  if (!config.Read(group + "x", &x) || !config.Read(group + "y", &y) ||
      !config.Read(group + "width", &width) || !config.Read(group + "height", &height) ||
      width <= 0 || height <= 0) {
    if (maximized) { // maximized since its first start
      window.Maximize();
    }
    return maximized;
  }
  const wxRect saved(static_cast<int>(x), static_cast<int>(y), static_cast<int>(width),
                     static_cast<int>(height));
  wxRect area;
  if (!displayAreaFor(saved, area)) {
    return false; // that display is gone: the window opens on the current one
  }
  window.SetSize(fitInside(saved, area));
  if (maximized) {
    window.Maximize();
  }
  return true;
}

bool savePlacement(const wxTopLevelWindow& window, const std::string& file)
{
  if (file.empty() || window.IsIconized()) {
    return false;
  }
  const wxString path = wxString::FromUTF8(file);
  wxFileName::Mkdir(wxFileName(path).GetPath(), wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
  wxFileConfig config(wxEmptyString, wxEmptyString, path, wxEmptyString, wxCONFIG_USE_LOCAL_FILE);
  const wxString group(kGroup);
  const bool maximized = window.IsMaximized();
  config.Write(group + "maximized", maximized);
  if (!maximized) { // keep the size it comes back to when un-maximized
    const wxRect r = window.GetRect();
    config.Write(group + "x", r.x);
    config.Write(group + "y", r.y);
    config.Write(group + "width", r.width);
    config.Write(group + "height", r.height);
  }
  return config.Flush();
}

} // namespace pupitre::gui
