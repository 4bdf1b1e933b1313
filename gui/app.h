#pragma once
// The wxApp: parses the options, keeps one instance per user, opens the database, links to
// the daemon and shows the main window (or only the tray icon with --tray).
#include <wx/app.h>

#include <memory>
#include <string>

namespace pupitre::store {
class Database;
}

namespace pupitre::gui {

class DaemonLink;
class MainFrame;
class SingleInstance;
class TrayIcon;

struct AppOptions
{
  std::string database;  // --db FILE (default: paths::defaultDatabase())
  std::string socket;    // --socket PATH (default: the daemon's per-user socket)
  bool tray = false;     // --tray: start with the tray icon only
  bool noDaemon = false; // --no-daemon: do not start pupitred (still connect if it runs)
};

class App : public wxApp
{
public:
  App();
  ~App() override;

  void OnInitCmdLine(wxCmdLineParser& parser) override;
  bool OnCmdLineParsed(wxCmdLineParser& parser) override;
  bool OnInit() override;
  int OnRun() override;
  int OnExit() override;
  bool OnExceptionInMainLoop() override;
  void OnUnhandledException() override;

  // Shows the main window, creating it the first time (the tray's "Open Pupitre"). False,
  // after telling the teacher, when the system does not create the window.
  bool showWindow();

private:
  AppOptions m_options;
  std::unique_ptr<SingleInstance> m_instance;
  std::unique_ptr<store::Database> m_db;
  std::unique_ptr<DaemonLink> m_link;
  std::unique_ptr<TrayIcon> m_tray;
  MainFrame* m_frame = nullptr;
  bool m_handedOver = false;    // another instance showed its window instead
  bool m_trayNotWanted = false; // --tray with the school's autostart_tray = false: exit at once
};

} // namespace pupitre::gui
