#pragma once
// The Journal tab: a calendar, the class's entries (filtered by a search), and an editor that
// saves as the teacher types (700 ms after the last key).
#include "class_page.h"
#include "pupitre/model/journal.h"

#include <wx/calctrl.h>
#include <wx/generic/calctrlg.h>
#include <wx/panel.h>
#include <wx/timer.h>

#include <string>
#include <vector>

class wxCheckBox;
class wxListView;
class wxSearchCtrl;
class wxTextCtrl;

namespace pupitre::gui {

class JournalPanel : public wxPanel, public ClassPage
{
public:
  JournalPanel(wxWindow* parent, AppContext context);

  wxWindow* window() override { return this; }
  void showClass(const std::string& classId) override;
  void reload() override;
  bool handleCommand(int id) override;

  void select(const std::string& entryId);
  const std::string& selectedEntry() const { return m_entryId; }
  // Saves the editor now if it has unsaved changes.
  void saveNow();
  wxTextCtrl* body() const { return m_body; }
  wxListView* list() const { return m_list; }

private:
  void fillList();
  void markDays();
  void showEntry();
  void edited();
  void newEntry();
  void removeEntry();

  AppContext m_context;
  std::string m_classId;
  std::string m_entryId;
  std::vector<model::JournalEntry> m_entries;
  wxGenericCalendarCtrl* m_calendar; // generic: its day marks follow the shown month
  wxSearchCtrl* m_search;
  wxListView* m_list;
  wxTextCtrl* m_title;
  wxTextCtrl* m_date;
  wxCheckBox* m_done;
  wxTextCtrl* m_body;
  wxTimer m_saveTimer;
  bool m_dirty = false;
  bool m_filling = false;
};

} // namespace pupitre::gui
