// The tray on Linux desktops: an AppIndicator (libayatana-appindicator3) with a GTK menu.
// GNOME shows it (with the AppIndicator extension), KDE and others natively.
#include "sync/tray_backend.h"

#ifdef PUPITRE_HAVE_APPINDICATOR
#include <wx/filename.h>
#include <wx/intl.h>

#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#endif

namespace pupitre::gui {

#ifdef PUPITRE_HAVE_APPINDICATOR
namespace {

// The icon files the indicator host reads: $XDG_RUNTIME_DIR/pupitre/icons (or a temporary
// folder of this user), written from the embedded PNGs.
std::string iconFolder()
{
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  const std::filesystem::path base =
      runtime && *runtime
          ? std::filesystem::path(runtime) / "pupitre"
          : std::filesystem::temp_directory_path() / ("pupitre-" + std::to_string(::getuid()));
  return (base / "icons").string();
}

bool sessionBusConfigured()
{
  if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address) {
    return true;
  }
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  std::error_code error;
  return runtime && *runtime &&
         std::filesystem::exists(std::filesystem::path(runtime) / "bus", error);
}

class IndicatorTray : public TrayBackend
{
public:
  IndicatorTray(TrayMenu menu, const std::string& folder) : m_actions(std::move(menu))
  {
    m_indicator = app_indicator_new_with_path(
        "pupitre", "pupitre-tray-idle", APP_INDICATOR_CATEGORY_APPLICATION_STATUS, folder.c_str());
    app_indicator_set_title(m_indicator, "Pupitre");
    m_menu = GTK_MENU(gtk_menu_new());
    m_sync = addItem(_("Synchronise now"), &m_actions.synchronise);
    addItem(_("Open Pupitre"), &m_actions.open);
    gtk_menu_shell_append(GTK_MENU_SHELL(m_menu), gtk_separator_menu_item_new());
    m_result = addItem(_("Not synchronised yet"), nullptr);
    gtk_widget_set_sensitive(m_result, FALSE);
    gtk_menu_shell_append(GTK_MENU_SHELL(m_menu), gtk_separator_menu_item_new());
    addItem(_("Quit"), &m_actions.quit);
    gtk_widget_show_all(GTK_WIDGET(m_menu));
    app_indicator_set_menu(m_indicator, m_menu);
    app_indicator_set_secondary_activate_target(m_indicator, m_sync);
    g_signal_connect(m_indicator, "connection-changed", G_CALLBACK(&IndicatorTray::onConnection),
                     this);
    app_indicator_set_status(m_indicator, APP_INDICATOR_STATUS_ACTIVE);
  }

  ~IndicatorTray() override
  {
    g_signal_handlers_disconnect_by_data(m_indicator, this);
    app_indicator_set_status(m_indicator, APP_INDICATOR_STATUS_PASSIVE);
    g_object_unref(m_indicator);
  }

  void setState(TrayState state, const wxString& tooltip) override
  {
    const std::string name = std::string("pupitre-tray-") + trayStateName(state);
    const std::string description = tooltip.utf8_string();
    app_indicator_set_icon_full(m_indicator, name.c_str(), description.c_str());
    app_indicator_set_title(m_indicator, ("Pupitre — " + description).c_str());
  }

  void setMenuState(const wxString& lastResult, bool canSync) override
  {
    gtk_menu_item_set_label(GTK_MENU_ITEM(m_result), lastResult.utf8_str());
    gtk_widget_set_sensitive(m_sync, canSync);
  }

  bool visible() const override { return m_connected; }

private:
  GtkWidget* addItem(const wxString& label, std::function<void()>* action)
  {
    GtkWidget* item = gtk_menu_item_new_with_label(label.utf8_str());
    if (action) {
      g_signal_connect(item, "activate", G_CALLBACK(&IndicatorTray::onActivate), action);
    }
    gtk_menu_shell_append(GTK_MENU_SHELL(m_menu), item);
    return item;
  }

  static void onActivate(GtkMenuItem*, gpointer action)
  {
    auto& run = *static_cast<std::function<void()>*>(action);
    if (run) {
      run();
    }
  }

  static void onConnection(AppIndicator*, gboolean connected, gpointer self)
  {
    static_cast<IndicatorTray*>(self)->m_connected = connected;
  }

  TrayMenu m_actions;
  AppIndicator* m_indicator = nullptr;
  GtkMenu* m_menu = nullptr;
  GtkWidget* m_sync = nullptr;
  GtkWidget* m_result = nullptr;
  bool m_connected = false;
};

} // namespace

std::unique_ptr<TrayBackend> makeIndicatorTray(TrayMenu menu)
{
  if (!sessionBusConfigured()) {
    return nullptr;
  }
  const std::string folder = iconFolder();
  if (!writeTrayIcons(folder, 48)) {
    return nullptr;
  }
  return std::make_unique<IndicatorTray>(std::move(menu), folder);
}

#else

std::unique_ptr<TrayBackend> makeIndicatorTray(TrayMenu)
{
  return nullptr;
}

#endif

} // namespace pupitre::gui
