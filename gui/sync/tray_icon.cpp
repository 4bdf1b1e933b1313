// The tray icon: its state from DaemonLink, its menu's actions, desktop notifications; and
// the wxTaskBarIcon backend used where no AppIndicator host exists.
#include "sync/sync_settings.h"
#include "sync/sync_ui.h"
#include "sync/tray_backend.h"

#include "pupitre/ipc/protocol.h"

#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/notifmsg.h>
#include <wx/taskbar.h>
#include <wx/timer.h>
#include <wx/weakref.h>

#include <chrono>
#include <cstdlib>

namespace pupitre::gui {
namespace {

std::int64_t nowMs()
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class TaskBarTray : public TrayBackend, public wxTaskBarIcon
{
public:
  explicit TaskBarTray(TrayMenu menu) : m_actions(std::move(menu))
  {
    Bind(wxEVT_TASKBAR_LEFT_DCLICK, [this](wxTaskBarIconEvent&) { run(m_actions.open); });
  }

  void setState(TrayState state, const wxString& tooltip) override
  {
    wxIcon icon;
    icon.CopyFromBitmap(trayBitmap(state, 22));
    m_installed = SetIcon(icon, wxString::FromUTF8("Pupitre — ") + tooltip);
  }

  void setMenuState(const wxString& lastResult, bool canSync) override
  {
    m_lastResult = lastResult;
    m_canSync = canSync;
  }

  bool visible() const override { return m_installed && IsIconInstalled(); }

protected:
  wxMenu* CreatePopupMenu() override
  {
    auto* menu = new wxMenu;
    menu->Append(kSynchronise, _("Synchronise now"))->Enable(m_canSync);
    menu->Append(kOpen, _("Open Pupitre"));
    menu->AppendSeparator();
    menu->Append(wxID_ANY, m_lastResult)->Enable(false);
    menu->AppendSeparator();
    menu->Append(kQuit, _("Quit"));
    menu->Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { run(m_actions.synchronise); }, kSynchronise);
    menu->Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { run(m_actions.open); }, kOpen);
    menu->Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { run(m_actions.quit); }, kQuit);
    return menu;
  }

private:
  enum { kSynchronise = wxID_HIGHEST + 401, kOpen, kQuit };

  static void run(const std::function<void()>& action)
  {
    if (action) {
      action();
    }
  }

  TrayMenu m_actions;
  wxString m_lastResult = _("Not synchronised yet");
  bool m_canSync = false;
  bool m_installed = false;
};

} // namespace

std::unique_ptr<TrayBackend> makeTaskBarTray(TrayMenu menu)
{
  if (!wxTaskBarIcon::IsAvailable()) {
    return nullptr;
  }
  return std::make_unique<TaskBarTray>(std::move(menu));
}

struct TrayIcon::Impl
{
  Impl(DaemonLink& daemonLink, store::Database& database, Actions appActions)
      : link(daemonLink), db(database), actions(std::move(appActions))
  {
    TrayMenu menu{[this] { synchroniseNow(); },
                  [this] {
                    if (actions.openWindow) {
                      actions.openWindow();
                    }
                  },
                  [this] {
                    if (actions.quit) {
                      actions.quit();
                    }
                  }};
    backend = makeIndicatorTray(menu);
    if (!backend) {
      backend = makeTaskBarTray(menu);
    }
    link.Bind(EVT_DAEMON_STATUS, &Impl::onChange, this);
    link.Bind(EVT_DAEMON_SYNC, &Impl::onSync, this);
    // The tooltip's "· 3 changes waiting" follows the teacher's edits, and the menu's
    // "Synchronised 4 min ago" the clock.
    pendingTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { update(); });
    pendingTimer.Start(5'000);
    update();
  }

  ~Impl()
  {
    pendingTimer.Stop();
    link.Unbind(EVT_DAEMON_STATUS, &Impl::onChange, this);
    link.Unbind(EVT_DAEMON_SYNC, &Impl::onSync, this);
    if (auto* taskBar = dynamic_cast<wxTaskBarIcon*>(backend.get())) {
      taskBar->RemoveIcon();
      backend.release();
      taskBar->Destroy(); // deleted once its pending events are handled
    }
  }

  TrayState state() const
  {
    const auto& status = link.status();
    if (!status.reachable || !status.signedIn || status.state == ipc::states::kOffline) {
      return TrayState::Offline;
    }
    if (status.state == ipc::states::kSyncing) {
      return TrayState::Syncing;
    }
    if (status.state == ipc::states::kError) {
      return TrayState::Error;
    }
    return TrayState::Idle;
  }

  void update()
  {
    if (!backend) {
      return;
    }
    const auto& status = link.status();
    showState();
    backend->setMenuState(trayLastSyncText(lastResult, status, nowMs()), status.canSync());
  }

  // The icon and its tooltip, when they changed (the timer's tick: the pending count).
  void showState()
  {
    if (!backend) {
      return;
    }
    const wxString tooltip =
        syncStatusText(withLocalPending(link.status(), db), link.lastReport(), nowMs());
    if (tooltip != shownTooltip || state() != shownState) {
      shownTooltip = tooltip;
      shownState = state();
      backend->setState(shownState, tooltip);
    }
  }

  void onChange(wxCommandEvent& event)
  {
    event.Skip();
    update();
  }

  void onSync(wxCommandEvent& event)
  {
    event.Skip();
    const auto& report = link.lastReport();
    if (!report.finished && !report.failed) {
      reported = false;
    } else if (!reported) {
      reported = true;
      lastResult = report.finished ? wxString::Format(_("Last sync: %s"), resultText(report))
                                   : wxString(_("Last sync failed"));
      // A sync asked from the tray is reported when it ends (synchroniseNow); the others (the
      // schedule, the Synchronise dialog) when they failed or changed something.
      if (!askedFromTray) {
        if (report.failed) {
          notify(_("Pupitre could not synchronise"), wxString::FromUTF8(report.failure),
                 wxICON_WARNING);
        } else if (report.uploaded + report.downloaded + report.conflicts > 0) {
          notify(_("Pupitre synchronised"), resultText(report), wxICON_INFORMATION);
        }
      }
    }
    update();
  }

  static wxString resultText(const SyncReport& report)
  {
    return wxString::Format(
        _("Sent %lld, received %lld, %lld conflicts"), static_cast<long long>(report.uploaded),
        static_cast<long long>(report.downloaded), static_cast<long long>(report.conflicts));
  }

  void notify(const wxString& title, const wxString& message, int flags)
  {
#ifdef __WXGTK__
    // libnotify needs the session bus; without one (a bare X server) wx would open its own
    // window instead, which is not a desktop notification. (Windows shows its own, always.)
    const char* bus = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (!bus || !*bus) {
      return;
    }
#endif
    wxNotificationMessage note(title, message);
    note.SetFlags(flags);
    note.Show();
  }

  void synchroniseNow()
  {
    askedFromTray = true;
    std::weak_ptr<int> alive = token;
    link.synchronise(defaultSyncOptions(db), [this, alive](const std::string& error) {
      if (alive.expired()) {
        return;
      }
      askedFromTray = false;
      if (error.empty()) {
        notify(_("Pupitre synchronised"), resultText(link.lastReport()), wxICON_INFORMATION);
      } else {
        lastResult = _("Last sync failed");
        notify(_("Pupitre could not synchronise"), wxString::FromUTF8(error), wxICON_WARNING);
      }
      update();
    });
  }

  DaemonLink& link;
  store::Database& db;
  Actions actions;
  std::unique_ptr<TrayBackend> backend;
  wxString lastResult; // of the last sync this app saw end; empty before one
  wxTimer pendingTimer;
  wxString shownTooltip;
  TrayState shownState = TrayState::Idle;
  bool reported = false;
  bool askedFromTray = false;
  std::shared_ptr<int> token = std::make_shared<int>(0); // for callbacks that outlive this
};

TrayIcon::TrayIcon(DaemonLink& link, store::Database& db, Actions actions)
    : m_impl(std::make_unique<Impl>(link, db, std::move(actions)))
{
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::visible() const
{
  return m_impl->backend && m_impl->backend->visible();
}

} // namespace pupitre::gui
