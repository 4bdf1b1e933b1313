#include "main_frame.h"

#include "class_list_panel.h"
#include "empty_state_panel.h"
#include "error_report.h"
#include "gradebook/gradebook_panel.h"
#include "ids.h"
#include "main_menu.h"
#include "panels/attendance_panel.h"
#include "panels/conflicts_panel.h"
#include "panels/journal_panel.h"
#include "panels/resources_panel.h"
#include "panels/students_panel.h"
#include "reports/export_dialog.h"
#include "sync/daemon_link.h"
#include "sync/icons.h"
#include "sync/sync_ui.h"
#include "window_placement.h"

#include "pupitre/store/database.h"

#include <wx/aboutdlg.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/log.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/toolbar.h>

#include <algorithm>
#include <chrono>

namespace pupitre::gui {

MainFrame::MainFrame(store::Database& db, DaemonLink& link)
    : m_db(db), m_link(link), m_worker(db.path()), m_commands(100)
{
  // In two steps: a window the system refuses (no desktop to draw on, no window handles left)
  // is said, not a crash in the first control built on it (a wxGrid never created).
  bool created = false;
  {
    const wxLogNull quiet; // one message for the teacher: App's, not also wx's
    created = Create(nullptr, wxID_ANY, _("Pupitre")) && GetHandle();
  }
  if (!created) {
    throw WindowUnavailable("the system refused to create the main window");
  }
  SetIcons(appIcons());
  SetMenuBar(buildMenuBar(m_commands));
  m_commands.Initialize();
  buildToolBar(*this);
  CreateStatusBar(2);
  const int widths[] = {-1, FromDIP(320)}; // the sync state: updateSyncUi() widens it
  GetStatusBar()->SetStatusWidths(2, widths);

  AppContext context{m_db, m_worker, m_commands};
  auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                     wxSP_LIVE_UPDATE | wxSP_3DSASH);
  m_classes = new ClassListPanel(split, context);
  m_content = new wxSimplebook(split, wxID_ANY);
  m_tabs = new wxNotebook(m_content, wxID_ANY);
  m_empty = new EmptyStatePanel(m_content);
  m_content->AddPage(m_tabs, {});
  m_content->AddPage(m_empty, {});
  m_gradebook = new GradebookPanel(m_tabs, context);
  m_attendance = new AttendancePanel(m_tabs, context);
  m_journal = new JournalPanel(m_tabs, context);
  m_students = new StudentsPanel(m_tabs, context);
  m_resources = new ResourcesPanel(m_tabs, context);
  m_conflicts = new ConflictsPanel(m_tabs, context);
  m_pages = {m_gradebook, m_attendance, m_journal, m_students, m_resources, m_conflicts};
  m_pageClass.assign(m_pages.size(), "\x01"); // never shown
  const wxString names[] = {_("Gradebook"), _("Attendance"), _("Journal"),
                            _("Students"),  _("Resources"),  _("Conflicts")};
  for (std::size_t i = 0; i < m_pages.size(); ++i) {
    m_tabs->AddPage(m_pages[i]->window(), names[i]);
  }
  split->SetMinimumPaneSize(FromDIP(140));
  split->SplitVertically(m_classes, m_content, FromDIP(230));
  split->SetSashGravity(0);

  m_classes->onSelect = [this](const std::string& id) { classSelected(id); };
  m_commands.onChange = [this](bool undoRedo) { changedHere(undoRedo); };
  m_tabs->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
    e.Skip();
    // What is being typed is saved first, so the screen shown next has it.
    m_students->saveNow();
    m_journal->saveNow();
    classSelected(m_classId);
  });

  Bind(wxEVT_MENU, &MainFrame::onMenu, this);
  Bind(wxEVT_CLOSE_WINDOW, &MainFrame::onClose, this);
  Bind(
      wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_link.status().canSync()); },
      ids::kSynchronise);
  Bind(
      wxEVT_UPDATE_UI, [](wxUpdateUIEvent& e) { e.Enable(false); }, ids::kSyncWhy);
  // Without a class these would do nothing: they are greyed out instead.
  for (int id : {ids::kRenameClass,    ids::kArchiveClass,      ids::kClassColour,
                 ids::kAddStudent,     ids::kRemoveStudent,     ids::kAddAssessment,
                 ids::kEditAssessment, ids::kMoveColumnLeft,    ids::kMoveColumnRight,
                 ids::kHideColumn,     ids::kShowHiddenColumns, ids::kCategories,
                 ids::kSortByName,     ids::kSortByAverage,     ids::kMarkExcused,
                 ids::kMarkMissing,    ids::kMarkNormal,        ids::kComment,
                 ids::kClearMarks,     ids::kNewJournalEntry,   ids::kFind,
                 ids::kAllPresent}) {
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(!m_classId.empty()); }, id);
  }
  Bind(
      wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(!m_classId.empty()); }, ids::kExport);
  m_link.Bind(EVT_DAEMON_STATUS, &MainFrame::onLinkEvent, this);
  m_link.Bind(EVT_DAEMON_SYNC, &MainFrame::onLinkEvent, this);
  m_link.Bind(EVT_DAEMON_DATA_CHANGED, &MainFrame::onLinkEvent, this);
  // Every 2 s: the pending count follows the teacher's edits ("· 3 changes waiting"), the
  // minutes since the last sync move on.
  m_statusTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { updateSyncUi(); });
  m_statusTimer.Start(2'000);

  SetMinSize(FromDIP(wxSize(760, 480)));
  placeOnDisplay(*this, wxSize(1280, 800)); // or less: the status bar stays on the screen
  m_classes->reload();
  m_classes->selectFirst();
  classSelected(m_classes->selectedClass());
  m_gradebook->prefetch(m_classes->classIds());
  updateSyncUi();
  dailyBackup();
}

MainFrame::~MainFrame()
{
  m_statusTimer.Stop();
  m_link.Unbind(EVT_DAEMON_STATUS, &MainFrame::onLinkEvent, this);
  m_link.Unbind(EVT_DAEMON_SYNC, &MainFrame::onLinkEvent, this);
  m_link.Unbind(EVT_DAEMON_DATA_CHANGED, &MainFrame::onLinkEvent, this);
}

void MainFrame::onLinkEvent(wxCommandEvent& event)
{
  event.Skip(); // the tray follows the same events
  if (event.GetEventType() == EVT_DAEMON_DATA_CHANGED) {
    reloadVisible();
  } else {
    updateSyncUi();
  }
}

void MainFrame::rememberPlacement(const std::string& file)
{
  m_placementFile = file;
  restorePlacement(*this, file);
}

void MainFrame::raise()
{
  Show();
  if (IsIconized()) {
    Iconize(false);
  }
  Raise();
}

ClassPage* MainFrame::currentPage() const
{
  const int page = m_tabs->GetSelection();
  return page < 0 ? nullptr : m_pages[static_cast<std::size_t>(page)];
}

void MainFrame::showPage(int index)
{
  if (index >= 0 && index < static_cast<int>(m_pages.size())) {
    m_tabs->SetSelection(static_cast<std::size_t>(index));
    classSelected(m_classId);
  }
}

void MainFrame::classSelected(const std::string& classId)
{
  m_classId = classId;
  updateClassUi();
  const int page = m_tabs->GetSelection();
  if (page < 0) {
    return;
  }
  auto& shown = m_pageClass[static_cast<std::size_t>(page)];
  if (shown != classId) {
    shown = classId;
    m_pages[static_cast<std::size_t>(page)]->showClass(classId);
  }
}

void MainFrame::updateClassUi()
{
  const bool anyClass = !m_classes->classIds().empty();
  m_content->ChangeSelection(anyClass ? 0 : 1);
  const bool forClass = !m_classId.empty();
  if (forClass != m_commandsForClass) {
    // Now, not when a menu opens: a disabled item's shortcut does nothing either.
    m_commandsForClass = forClass;
    DoMenuUpdates();
    if (GetToolBar()) {
      GetToolBar()->UpdateWindowUI();
    }
  }
}

void MainFrame::importStudents()
{
  // The import dialog of the Students tab; without a class (the first-start page), the class
  // comes first.
  if (m_classId.empty()) {
    m_classes->handleCommand(ids::kNewClass);
    if (m_classId.empty()) {
      return;
    }
  }
  showPage(3);
  m_students->handleCommand(ids::kImportStudents);
}

void MainFrame::reloadVisible()
{
  m_classes->reload();
  updateClassUi();
  for (std::size_t i = 0; i < m_pages.size(); ++i) {
    if (static_cast<int>(i) != m_tabs->GetSelection()) {
      m_pageClass[i] = "\x01"; // read again when shown
    }
  }
  if (auto* page = currentPage()) {
    page->reload();
  }
}

void MainFrame::changedHere(bool undoRedo)
{
  const int visible = m_tabs->GetSelection();
  for (std::size_t i = 0; i < m_pages.size(); ++i) {
    if (static_cast<int>(i) != visible) {
      m_pageClass[i] = "\x01"; // read again when shown
    }
  }
  if (undoRedo) {
    if (auto* page = currentPage()) {
      page->reload(); // the undone edit may belong to another screen
    }
  }
}

void MainFrame::updateSyncUi()
{
  const auto& status = m_link.status();
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const wxString text = syncStatusText(withLocalPending(status, m_db), m_link.lastReport(), now);
  if (auto* bar = GetStatusBar(); bar->GetStatusText(1) != text) {
    // The field as wide as its text (Spanish is longer), never cut off.
    const int widths[] = {-1, std::max(FromDIP(320), bar->GetTextExtent(text).x + FromDIP(28))};
    bar->SetStatusWidths(2, widths);
    SetStatusText(text, 1);
  }
  auto* why = GetMenuBar()->FindItem(ids::kSyncWhy);
  if (why) {
    const std::string reason = status.whyCannotSync();
    const wxString label =
        reason.empty() ? _("Synchronisation is available") : wxString::FromUTF8(reason);
    if (why->GetItemLabel() != label) { // every 2 s: a menu is rebuilt only when it changed
      why->SetItemLabel(label);
    }
    GetMenuBar()
        ->FindItem(ids::kSynchronise)
        ->SetHelp(reason.empty() ? _("Send and receive changes with your other devices")
                                 : wxString::FromUTF8(reason));
  }
  GetToolBar()->EnableTool(ids::kSynchronise, status.canSync());
  GetToolBar()->SetToolShortHelp(ids::kSynchronise,
                                 status.canSync() ? _("Synchronise (Ctrl+Shift+S)")
                                                  : wxString::FromUTF8(status.whyCannotSync()));
}

void MainFrame::onMenu(wxCommandEvent& event)
{
  const int id = event.GetId();
  // Text fields keep their own clipboard and undo.
  auto* text = dynamic_cast<wxTextCtrl*>(FindFocus());
  if (text && (id == wxID_UNDO || id == wxID_REDO || id == wxID_COPY || id == wxID_PASTE)) {
    id == wxID_UNDO   ? text->Undo()
    : id == wxID_REDO ? text->Redo()
    : id == wxID_COPY ? text->Copy()
                      : text->Paste();
    return;
  }
  if (id >= ids::kFirstTab && id <= ids::kLastTab) {
    showPage(id - ids::kFirstTab);
    return;
  }
  switch (id) {
  case wxID_EXIT:
    m_hideOnClose = false;
    Close();
    return;
  case wxID_UNDO:
    m_commands.Undo();
    return;
  case wxID_REDO:
    m_commands.Redo();
    return;
  case ids::kFocusClasses:
    m_classes->list()->SetFocus();
    return;
  case ids::kRefresh:
    reloadVisible();
    return;
  case ids::kImportStudents:
    importStudents();
    return;
  case ids::kExport:
    exportReport(this, m_worker, m_db, m_commands, m_classId);
    return;
  case ids::kBackUpTo:
    backUpFromMenu();
    return;
  case ids::kRestoreFrom:
    restoreFromMenu();
    return;
  case ids::kExportAllData:
    exportAllFromMenu();
    return;
  case ids::kExportAccountData:
    exportAccountFromMenu();
    return;
  case ids::kSynchronise:
    if (m_link.status().canSync()) {
      showSynchroniseDialog(this, m_link, m_db);
    } else {
      showError(this, wxString::FromUTF8(m_link.status().whyCannotSync()));
    }
    return;
  case ids::kSyncSettings:
    showSettingsDialog(this, m_link, m_db);
    return;
  case ids::kShortcuts:
    wxMessageBox(shortcutsText(), _("Keyboard shortcuts"), wxOK, this);
    return;
  case wxID_ABOUT: {
    wxAboutDialogInfo info;
    info.SetName("Pupitre");
    info.SetVersion(PUPITRE_VERSION);
    info.SetDescription(_("A teacher's gradebook and class journal."));
    info.SetIcon(
        appIcons().GetIcon(FromDIP(wxSize(128, 128)), wxIconBundle::FALLBACK_NEAREST_LARGER));
    wxAboutBox(info, this);
    return;
  }
  default:
    break;
  }
  if (m_classes->handleCommand(id)) {
    return;
  }
  // Commands for a screen go to the screen that has them.
  auto* page = currentPage();
  if (page && page->handleCommand(id)) {
    return;
  }
  if (id == ids::kAddAssessment || id == ids::kCategories || id == ids::kSortByName ||
      id == ids::kSortByAverage || id == ids::kTerms || id == ids::kShowWholeYear ||
      id == ids::kNextTerm) {
    showPage(0);
    m_gradebook->handleCommand(id);
  } else if (id == ids::kAddStudent || id == ids::kRemoveStudent || id == ids::kImportStudents) {
    showPage(3);
    m_students->handleCommand(id);
  } else if (id == ids::kNewJournalEntry || id == ids::kFind) {
    showPage(2);
    m_journal->handleCommand(id);
  } else if (id == ids::kAllPresent) {
    showPage(1);
    m_attendance->handleCommand(id);
  }
}

void MainFrame::onClose(wxCloseEvent& event)
{
  if (IsShown()) {
    savePlacement(*this, m_placementFile);
  }
  // What is being typed is saved before the window goes (hidden to the tray or closed).
  m_students->saveNow();
  m_journal->saveNow();
  if (m_hideOnClose && event.CanVeto()) {
    Hide();
    event.Veto();
    return;
  }
  Destroy();
}

} // namespace pupitre::gui
