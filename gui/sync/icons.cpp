#include "sync/icons.h"

#include <wx/image.h>
#include <wx/mstream.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace pupitre::gui {
namespace {

const EmbeddedIcon* find(const std::string& name)
{
  for (const auto& icon : embeddedIcons()) {
    if (name == icon.name) {
      return &icon;
    }
  }
  return nullptr;
}

wxImage load(const EmbeddedIcon& icon)
{
  if (!wxImage::FindHandler(wxBITMAP_TYPE_PNG)) {
    wxImage::AddHandler(new wxPNGHandler);
  }
  wxMemoryInputStream stream(icon.data, icon.size);
  return wxImage(stream, wxBITMAP_TYPE_PNG);
}

// The embedded file "PREFIX-N.png" with N the smallest size >= `size` (else the largest).
const EmbeddedIcon* nearest(const std::string& prefix, int size)
{
  const EmbeddedIcon* best = nullptr;
  int bestSize = 0;
  for (int candidate : {16, 22, 24, 32, 48, 64, 128, 256}) {
    if (const auto* icon = find(prefix + "-" + std::to_string(candidate) + ".png")) {
      if (!best || bestSize < size) {
        best = icon;
        bestSize = candidate;
      }
    }
  }
  return best;
}

} // namespace

const char* trayStateName(TrayState state)
{
  switch (state) {
  case TrayState::Idle:
    return "idle";
  case TrayState::Syncing:
    return "syncing";
  case TrayState::Error:
    return "error";
  case TrayState::Offline:
    return "offline";
  }
  return "idle";
}

wxIconBundle appIcons()
{
  wxIconBundle bundle;
  for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
    if (const auto* icon = find("pupitre-" + std::to_string(size) + ".png")) {
      const wxImage image = load(*icon);
      if (image.IsOk()) {
        wxIcon frameIcon;
        frameIcon.CopyFromBitmap(wxBitmap(image));
        bundle.AddIcon(frameIcon);
      }
    }
  }
  return bundle;
}

wxBitmap trayBitmap(TrayState state, int size)
{
  const auto* icon = nearest(std::string("tray-") + trayStateName(state), size);
  if (!icon) {
    return wxBitmap();
  }
  wxImage image = load(*icon);
  if (image.IsOk() && image.GetWidth() != size) {
    image.Rescale(size, size, wxIMAGE_QUALITY_HIGH);
  }
  return image.IsOk() ? wxBitmap(image) : wxBitmap();
}

bool writeTrayIcons(const std::string& folder, int size)
{
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    return false;
  }
  for (auto state : {TrayState::Idle, TrayState::Syncing, TrayState::Error, TrayState::Offline}) {
    const auto* icon = nearest(std::string("tray-") + trayStateName(state), size);
    if (!icon) {
      return false;
    }
    const auto path = std::filesystem::path(folder) /
                      (std::string("pupitre-tray-") + trayStateName(state) + ".png");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(icon->data), static_cast<std::streamsize>(icon->size));
    if (!out) {
      return false;
    }
  }
  return true;
}

} // namespace pupitre::gui
