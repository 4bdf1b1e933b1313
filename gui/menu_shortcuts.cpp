#include "menu_shortcuts.h"

#include <wx/accel.h>
#include <wx/event.h>
#include <wx/frame.h>
#include <wx/menu.h>

#include <memory>

namespace pupitre::gui {

namespace {

int findAccelerated(const wxMenu& menu, int flags, int key)
{
  for (const wxMenuItem* item : menu.GetMenuItems()) {
    if (item->IsSubMenu()) {
      if (const int id = findAccelerated(*item->GetSubMenu(), flags, key); id != wxID_NONE) {
        return id;
      }
      continue;
    }
    const std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
    if (accel && accel->GetFlags() == flags && accel->GetKeyCode() == key) {
      return item->IsEnabled() ? item->GetId() : wxID_ANY;
    }
  }
  return wxID_NONE;
}

} // namespace

bool runMenuShortcut(wxWindow* from, const wxKeyEvent& event)
{
  const int flags = event.GetModifiers() & (wxMOD_ALT | wxMOD_CONTROL | wxMOD_SHIFT);
  const int key = event.GetKeyCode();
  const bool functionKey = key >= WXK_F1 && key <= WXK_F24;
  if (flags == 0 && !functionKey) {
    return false; // typing
  }
  auto* frame = dynamic_cast<wxFrame*>(wxGetTopLevelParent(from));
  if (!frame || !frame->GetMenuBar()) {
    return false;
  }
  const wxMenuBar& bar = *frame->GetMenuBar();
  for (std::size_t i = 0; i < bar.GetMenuCount(); ++i) {
    const int id = findAccelerated(*bar.GetMenu(i), flags, key);
    if (id == wxID_ANY) {
      return true; // a disabled command: the key does nothing, as the menu's accelerator
    }
    if (id != wxID_NONE) {
      wxCommandEvent command(wxEVT_MENU, id);
      command.SetEventObject(frame);
      frame->ProcessWindowEvent(command);
      return true;
    }
  }
  return false;
}

} // namespace pupitre::gui
