#pragma once
// The main window: the classes on the left, a notebook of the selected class's screens on the
// right, menus and toolbar, and the status bar with the sync state. It reloads the visible
// screen when the daemon reports that a sync changed the data, and the other screens after
// an edit made in the app (MainFrame::changedHere).
#include "class_page.h"
#include "model_command.h"
#include "worker.h"

#include "pupitre/error.h"

#include <wx/cmdproc.h>
#include <wx/frame.h>
#include <wx/timer.h>

#include <memory>
#include <string>
#include <vector>

class wxNotebook;
class wxSimplebook;

namespace pupitre::store {
class Database;
}

namespace pupitre::gui {

class AttendancePanel;
class ClassListPanel;
class ConflictsPanel;
class DaemonLink;
class EmptyStatePanel;
class GradebookPanel;
class JournalPanel;
class ResourcesPanel;
class StudentsPanel;

// The system refused to create the main window (no desktop to show it on, no window handles
// left): App tells the teacher and exits instead of building controls on nothing.
class WindowUnavailable : public Error
{
public:
  using Error::Error;
};

class MainFrame : public wxFrame
{
public:
  // Throws WindowUnavailable when the system does not create the window.
  MainFrame(store::Database& db, DaemonLink& link);
  ~MainFrame() override;

  // With a tray icon, closing the window hides it and the process stays.
  void setHideOnClose(bool hide) { m_hideOnClose = hide; }
  // Brings the window to the front (another `pupitre` was started, or the tray asked).
  void raise();
  // Restores the size, position and maximized state saved in the INI file `file` (when still
  // on a connected display) and saves them there when the window closes.
  void rememberPlacement(const std::string& file);

  ClassListPanel* classes() const { return m_classes; }
  wxNotebook* tabs() const { return m_tabs; }
  GradebookPanel* gradebook() const { return m_gradebook; }
  AttendancePanel* attendance() const { return m_attendance; }
  JournalPanel* journal() const { return m_journal; }
  StudentsPanel* students() const { return m_students; }
  ResourcesPanel* resources() const { return m_resources; }
  ConflictsPanel* conflicts() const { return m_conflicts; }
  // Shown instead of the tabs while there is no class (a first start).
  EmptyStatePanel* emptyState() const { return m_empty; }
  AppCommands& commands() { return m_commands; }
  Worker& worker() { return m_worker; }

  void showPage(int index);
  // What EVT_DAEMON_DATA_CHANGED does: the list and the visible screen read the data again.
  void reloadVisible();
  // What an edit made in the app does (a command done, undone or redone): the other screens
  // read the data again when shown; after Undo or Redo the visible one at once too.
  void changedHere(bool undoRedo);

  // File → Back up to…, Restore from… (with its preview and confirmation) and Export all my
  // data… once their file is chosen (gui/backup/backup_commands.cpp). True when done.
  bool backUpTo(const std::string& path, bool withFiles);
  bool restoreFrom(const std::string& path);
  bool exportAllTo(const std::string& path);
  // File → Export my account's data… once its file is chosen: the daemon writes the server's
  // export of the account there; the result or the error is shown. True when written.
  bool exportAccountTo(const std::string& path);

private:
  ClassPage* currentPage() const;
  void classSelected(const std::string& classId);
  // The first-start page while there is no class; the commands that need one disabled.
  void updateClassUi();
  void importStudents();
  void updateSyncUi();
  void backUpFromMenu();
  void restoreFromMenu();
  void exportAllFromMenu();
  void exportAccountFromMenu();
  // The daily automatic backup, when none was made in the last day.
  void dailyBackup();
  void onMenu(wxCommandEvent& event);
  void onLinkEvent(wxCommandEvent& event);
  void onClose(wxCloseEvent& event);

  store::Database& m_db;
  DaemonLink& m_link;
  Worker m_worker;
  AppCommands m_commands;
  wxTimer m_statusTimer;
  bool m_hideOnClose = false;
  std::string m_placementFile;
  std::string m_classId;

  ClassListPanel* m_classes = nullptr;
  wxSimplebook* m_content = nullptr; // the tabs, or the first-start page
  EmptyStatePanel* m_empty = nullptr;
  bool m_commandsForClass = true; // the state the menus were last updated for
  wxNotebook* m_tabs = nullptr;
  GradebookPanel* m_gradebook = nullptr;
  AttendancePanel* m_attendance = nullptr;
  JournalPanel* m_journal = nullptr;
  StudentsPanel* m_students = nullptr;
  ResourcesPanel* m_resources = nullptr;
  ConflictsPanel* m_conflicts = nullptr;
  std::vector<ClassPage*> m_pages;
  std::vector<std::string> m_pageClass; // the class each page was last shown
};

} // namespace pupitre::gui
