#include "app.h"

#include "error_report.h"
#include "main_frame.h"
#include "single_instance.h"
#include "sync/daemon_link.h"
#include "sync/school_policy.h"
#include "sync/sync_ui.h"
#include "translations.h"

#include "pupitre/paths.h"
#include "pupitre/store/database.h"

#include <wx/cmdline.h>
#include <wx/filename.h>
#include <wx/image.h>
#include <wx/intl.h>

#include <spdlog/spdlog.h>

#include <filesystem>

namespace pupitre::gui {

App::App() = default;
App::~App() = default;

void App::OnInitCmdLine(wxCmdLineParser& parser)
{
  wxApp::OnInitCmdLine(parser);
  parser.AddOption({}, "db", _("the database file (default: the per-user one)"));
  parser.AddOption({}, "socket", _("the daemon's socket (default: the per-user one)"));
  parser.AddSwitch({}, "tray", _("start with the tray icon only"));
  parser.AddSwitch({}, "no-daemon", _("do not start the sync daemon"));
  parser.AddSwitch({}, "version", _("print the version and exit (main.cpp answers it)"));
}

bool App::OnCmdLineParsed(wxCmdLineParser& parser)
{
  wxString value;
  if (parser.Found("db", &value)) {
    m_options.database = wxFileName(value).GetAbsolutePath().utf8_string();
  }
  if (parser.Found("socket", &value)) {
    m_options.socket = value.utf8_string();
  }
  m_options.tray = parser.Found("tray");
  m_options.noDaemon = parser.Found("no-daemon");
  return wxApp::OnCmdLineParsed(parser);
}

bool App::OnInit()
{
  SetAppName("pupitre");
  SetAppDisplayName("Pupitre");
  useUtf8Locale();
  setupTranslations(wxLANGUAGE_DEFAULT); // before the options: their help is translated
  wxInitAllImageHandlers();
  if (!wxApp::OnInit()) {
    return false;
  }
  // The autostart entry starts `pupitre --tray` at every login; a school that does not want
  // the tray icon sets autostart_tray = false and it ends here, quietly (docs/deploy.md).
  if (m_options.tray && !schoolPolicy().autostartTray) {
    spdlog::info("The school's policy sets autostart_tray = false: no tray icon; exiting");
    m_trayNotWanted = true;
    return true; // OnRun ends at once, successfully
  }
  m_instance = std::make_unique<SingleInstance>("pupitre");
  if (m_instance->anotherIsRunning()) {
    // Pupitre runs already: show its window instead of opening a second one.
    if (m_instance->raiseOther()) {
      m_handedOver = true;
      return true; // OnRun ends at once, successfully
    }
    spdlog::warn("Another pupitre seems to run but did not answer; starting anyway");
  }
  m_instance->serve([this] { showWindow(); });

  if (m_options.database.empty()) {
    m_options.database = paths::defaultDatabase();
  }
  try {
    std::filesystem::create_directories(std::filesystem::path(m_options.database).parent_path());
    m_db = std::make_unique<store::Database>(m_options.database);
  } catch (const std::exception& e) {
    showError(nullptr, wxString::Format(_("Pupitre could not open its data file %s: %s"),
                                        wxString::FromUTF8(m_options.database),
                                        wxString::FromUTF8(e.what())));
    return false;
  }
  m_link = std::make_unique<DaemonLink>(m_options.socket, m_options.database);
  m_link->start(!m_options.noDaemon);

  if (m_options.tray) {
    m_tray = std::make_unique<TrayIcon>(*m_link, *m_db,
                                        TrayIcon::Actions{[this] { showWindow(); },
                                                          [this] {
                                                            if (m_frame) {
                                                              m_frame->setHideOnClose(false);
                                                              m_frame->Close(true);
                                                            }
                                                            ExitMainLoop();
                                                          }});
    SetExitOnFrameDelete(false);
    if (m_tray->visible()) {
      return true;
    }
    spdlog::warn("No tray host on this desktop; showing the window instead");
  }
  return showWindow();
}

int App::OnRun()
{
  return m_handedOver || m_trayNotWanted ? 0 : wxApp::OnRun();
}

bool App::showWindow()
{
  if (!m_frame) {
    try {
      m_frame = new MainFrame(*m_db, *m_link);
    } catch (const WindowUnavailable& e) {
      spdlog::critical("Pupitre could not open its window: {}", e.what());
      showError(nullptr, _("Pupitre could not open its window: the system refused to create "
                           "it. Close some programs, or sign out and in again, then start "
                           "Pupitre again."));
      return false;
    }
    m_frame->setHideOnClose(m_tray && m_tray->visible());
    m_frame->Bind(wxEVT_DESTROY, [this](wxWindowDestroyEvent& e) {
      e.Skip();
      if (e.GetEventObject() == m_frame) {
        m_frame = nullptr;
      }
    });
    SetTopWindow(m_frame);
    m_frame->rememberPlacement(paths::dataDir() + "/window.ini");
  }
  m_frame->raise();
  return true;
}

int App::OnExit()
{
  m_tray.reset();
  m_link.reset();
  m_db.reset();
  m_instance.reset();
  return wxApp::OnExit();
}

bool App::OnExceptionInMainLoop()
{
  try {
    throw;
  } catch (const std::exception& e) {
    showError(GetTopWindow(), wxString::FromUTF8(e.what()));
  }
  return true; // keep running: the edit failed, the data is as it was
}

void App::OnUnhandledException()
{
  try {
    throw;
  } catch (const std::exception& e) {
    spdlog::critical("Unhandled exception: {}", e.what());
  } catch (...) {
    spdlog::critical("Unhandled exception");
  }
}

} // namespace pupitre::gui
