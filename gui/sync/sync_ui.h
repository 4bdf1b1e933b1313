#pragma once
// The sync parts of the app's window, built over DaemonLink: the Synchronise dialog, the
// Settings dialog, the tray icon and the status bar's words.
#include "sync/daemon_link.h"

#include <wx/string.h>

#include <cstdint>
#include <functional>

#include <memory>

class wxDialog;
class wxWindow;

namespace pupitre::store {
class Database;
}

namespace pupitre::gui {

// The Synchronise dialog: three checkboxes (data checked; pictures and resources remember
// this device's choice in the database's settings), a progress bar fed by the daemon, a
// summary or a clear error at the end. Modal. When !link.status().canSync() it explains why
// and offers Settings instead.
void showSynchroniseDialog(wxWindow* parent, DaemonLink& link, store::Database& db);

// Settings: Account (server, email, password -> sign in through the daemon; licence; storage
// used of quota; linked devices with Unlink; sign out), Sync (manual or every N minutes;
// default options), Grading defaults (scale, pass mark, rounding). Modal.
enum class SettingsPage { Account, Sync, Grading };
void showSettingsDialog(wxWindow* parent, DaemonLink& link, store::Database& db,
                        SettingsPage page = SettingsPage::Account);

// The same dialogs created but not shown, for tests and screenshots; the caller shows and
// destroys them. Their controls are named (wxWindow::FindWindowByName): "sync_data",
// "sync_pictures", "sync_resources", "sync_start", "sync_gauge", "sync_message",
// "sync_open_settings", "sync_cancel" (shown while a sync runs); "settings_notebook",
// "account_server", "account_email", "account_password", "account_sign_in", "account_sign_out",
// "account_devices", "sync_manual", "sync_every", "sync_minutes", "grading_scale",
// "grading_pass_mark", "grading_rounding".
wxDialog* createSynchroniseDialog(wxWindow* parent, DaemonLink& link, store::Database& db);
wxDialog* createSettingsDialog(wxWindow* parent, DaemonLink& link, store::Database& db,
                               SettingsPage page = SettingsPage::Account);

// The status bar's sync text: the state and, when there are any, the changes not sent yet
// ("Synchronised 4 min ago · 3 changes waiting", "Offline · 1 change waiting", "Not signed
// in", "Synchronising… 40%").
wxString syncStatusText(const DaemonStatus& status, const SyncReport& report, std::int64_t nowMs);
// The tray menu's line about the last sync: `seenResult`, what this app saw of the last sync
// ("Last sync: Sent 3, received 0, 0 conflicts"), when it saw one; before that, when the daemon
// last synchronised (a sync of the schedule or of pupitrectl, before the app started:
// "Synchronised 4 min ago"), or "Not synchronised yet".
wxString trayLastSyncText(const wxString& seenResult, const DaemonStatus& status,
                          std::int64_t nowMs);
// `status` with the changes not sent yet counted in the app's own database: up to date as
// soon as the teacher edits, and known without the daemon too.
DaemonStatus withLocalPending(DaemonStatus status, store::Database& db);

// The tray icon: an AppIndicator on Linux (libayatana-appindicator3) with wxTaskBarIcon as
// fallback, wxTaskBarIcon elsewhere. Menu: Synchronise now (default options), Open Pupitre,
// the last sync result, Quit. The icon shows idle / syncing / error / offline; a desktop
// notification reports a finished or failed sync.
class TrayIcon
{
public:
  struct Actions
  {
    std::function<void()> openWindow;
    std::function<void()> quit;
  };
  TrayIcon(DaemonLink& link, store::Database& db, Actions actions);
  ~TrayIcon();
  bool visible() const; // false when no tray host exists (e.g. a bare Xvfb)

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace pupitre::gui
