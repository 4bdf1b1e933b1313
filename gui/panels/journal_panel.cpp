#include "panels/journal_panel.h"

#include "dates.h"
#include "error_report.h"
#include "ids.h"
#include "model_command.h"

#include "pupitre/model/records.h"

#include <wx/button.h>
#include <wx/calctrl.h>
#include <wx/checkbox.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace pupitre::gui {

namespace {
constexpr int kSaveDelayMs = 700;
}

JournalPanel::JournalPanel(wxWindow* parent, AppContext context)
    : wxPanel(parent), m_context(context)
{
  m_calendar = new wxGenericCalendarCtrl(this, wxID_ANY);
  m_search = new wxSearchCtrl(this, wxID_ANY);
  m_search->SetDescriptiveText(_("Search the journal"));
  m_list = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                          wxLC_REPORT | wxLC_SINGLE_SEL);
  m_list->AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, FromDIP(96));
  m_list->AppendColumn(_("Title"), wxLIST_FORMAT_LEFT, FromDIP(260));
  m_list->AppendColumn(_("Done"), wxLIST_FORMAT_CENTRE, // as wide as "Hecho" needs
                       std::max(FromDIP(50), GetTextExtent(_("Done")).x + FromDIP(24)));
  auto* add = new wxButton(this, ids::kNewJournalEntry, _("&New entry"));
  add->SetToolTip(_("New entry on the calendar's date (Ctrl+Shift+J)"));
  auto* remove = new wxButton(this, wxID_DELETE, _("&Delete entry"));
  m_title = new wxTextCtrl(this, wxID_ANY);
  m_date = new wxTextCtrl(this, wxID_ANY);
  m_date->SetHint(wxDateTime::Today().Format(dateFormat()));
  m_date->SetToolTip(wxString::Format(_("As %s or 2026-12-04; or pick it from the calendar."),
                                      wxDateTime::Today().Format(dateFormat())));
  m_done = new wxCheckBox(this, wxID_ANY, _("Done (not only planned)"));
  m_body = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                          wxTE_MULTILINE | wxTE_RICH2);

  m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { reload(); });
  m_calendar->Bind(wxEVT_CALENDAR_SEL_CHANGED, [this](wxCalendarEvent&) {
    const std::string date = m_calendar->GetDate().FormatISODate().utf8_string();
    for (const auto& e : m_entries) {
      if (e.date == date) {
        select(e.id);
        return;
      }
    }
  });
  m_calendar->Bind(wxEVT_CALENDAR_PAGE_CHANGED, [this](wxCalendarEvent&) { markDays(); });
  m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
    if (!m_filling) {
      saveNow();
      m_entryId = m_entries[static_cast<std::size_t>(e.GetIndex())].id;
      showEntry();
    }
  });
  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { newEntry(); });
  remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { removeEntry(); });
  for (wxWindow* field : {static_cast<wxWindow*>(m_title), static_cast<wxWindow*>(m_date),
                          static_cast<wxWindow*>(m_body)}) {
    field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { edited(); });
  }
  m_done->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { edited(); });
  m_saveTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { saveNow(); });

  auto* left = new wxBoxSizer(wxVERTICAL);
  left->Add(m_calendar, 0, wxBOTTOM, FromDIP(6));
  left->Add(m_search, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
  left->Add(m_list, 1, wxEXPAND);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(add, 0, wxRIGHT, FromDIP(6));
  buttons->Add(remove);
  left->Add(buttons, 0, wxTOP, FromDIP(6));

  auto* fields = new wxFlexGridSizer(2, FromDIP(wxSize(6, 6)));
  fields->AddGrowableCol(1);
  fields->Add(new wxStaticText(this, wxID_ANY, _("&Title:")), 0, wxALIGN_CENTRE_VERTICAL);
  fields->Add(m_title, 1, wxEXPAND);
  fields->Add(new wxStaticText(this, wxID_ANY, _("D&ate:")), 0, wxALIGN_CENTRE_VERTICAL);
  fields->Add(m_date, 1, wxEXPAND);
  auto* right = new wxBoxSizer(wxVERTICAL);
  right->Add(fields, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
  right->Add(m_done, 0, wxBOTTOM, FromDIP(6));
  right->Add(m_body, 1, wxEXPAND);
  right->Add(new wxStaticText(this, wxID_ANY, _("Changes are saved as you type.")), 0, wxTOP,
             FromDIP(4));

  auto* sizer = new wxBoxSizer(wxHORIZONTAL);
  sizer->Add(left, 0, wxEXPAND | wxALL, FromDIP(6));
  sizer->Add(right, 1, wxEXPAND | wxALL, FromDIP(6));
  SetSizer(sizer);
  showEntry();
}

void JournalPanel::showClass(const std::string& classId)
{
  saveNow();
  m_classId = classId;
  m_entryId.clear();
  reload();
  if (!m_entries.empty()) {
    select(m_entries.back().id); // the latest entry
  }
}

void JournalPanel::reload()
{
  m_entries =
      m_classId.empty()
          ? std::vector<model::JournalEntry>{}
          : model::Journal(m_context.db).list(m_classId, m_search->GetValue().utf8_string());
  fillList();
  if (!m_dirty) {
    showEntry(); // never over what the teacher is typing
  }
}

void JournalPanel::fillList()
{
  m_filling = true;
  m_list->Freeze();
  m_list->DeleteAllItems();
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    const auto& e = m_entries[i];
    const long row = m_list->InsertItem(static_cast<long>(i), shownDate(e.date));
    m_list->SetItem(row, 1, wxString::FromUTF8(e.title));
    m_list->SetItem(row, 2, e.done ? wxString::FromUTF8("✓") : wxString());
    if (e.id == m_entryId) {
      m_list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                           wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      m_list->EnsureVisible(row);
    }
  }
  m_list->Thaw();
  markDays();
  m_filling = false;
}

void JournalPanel::markDays()
{
  // Days of the shown month that have an entry are marked on the calendar.
  const std::string month = m_calendar->GetDate().Format("%Y-%m-").utf8_string();
  for (std::size_t day = 1; day <= 31; ++day) {
    m_calendar->Mark(day, false);
  }
  for (const auto& e : m_entries) {
    if (e.date.size() == 10 && e.date.compare(0, 8, month) == 0) {
      m_calendar->Mark(static_cast<std::size_t>(std::stoi(e.date.substr(8, 2))), true);
    }
  }
}

void JournalPanel::select(const std::string& entryId)
{
  saveNow();
  m_entryId = entryId;
  fillList();
  showEntry();
}

void JournalPanel::showEntry()
{
  const model::JournalEntry* entry = nullptr;
  for (const auto& e : m_entries) {
    if (e.id == m_entryId) {
      entry = &e;
    }
  }
  m_filling = true;
  m_title->ChangeValue(entry ? wxString::FromUTF8(entry->title) : wxString());
  m_date->ChangeValue(entry ? shownDate(entry->date) : wxString());
  m_done->SetValue(entry && entry->done);
  m_body->ChangeValue(entry ? wxString::FromUTF8(entry->body) : wxString());
  for (wxWindow* w : {static_cast<wxWindow*>(m_title), static_cast<wxWindow*>(m_date),
                      static_cast<wxWindow*>(m_done), static_cast<wxWindow*>(m_body)}) {
    w->Enable(entry != nullptr);
  }
  if (entry) {
    wxDateTime date;
    if (date.ParseISODate(wxString::FromUTF8(entry->date))) {
      m_calendar->SetDate(date);
      markDays();
    }
  }
  m_filling = false;
}

void JournalPanel::edited()
{
  if (m_filling || m_entryId.empty()) {
    return;
  }
  m_dirty = true;
  m_saveTimer.StartOnce(kSaveDelayMs); // restarts on every key
}

void JournalPanel::saveNow()
{
  m_saveTimer.Stop();
  if (!m_dirty || m_entryId.empty()) {
    m_dirty = false;
    return;
  }
  m_dirty = false;
  model::JournalChanges changes;
  changes.title = m_title->GetValue().utf8_string();
  changes.body = m_body->GetValue().utf8_string();
  changes.done = m_done->GetValue();
  // The locale's form or ISO; anything else goes to the model, which says what is wrong.
  const wxString typed = wxString(m_date->GetValue()).Trim().Trim(false);
  const std::string date = typedDate(typed).value_or(typed.utf8_string());
  if (model::Journal(m_context.db).get(m_entryId).date != date) {
    changes.date = date; // checked by the model: a wrong date is reported, the rest kept
  }
  if (reportErrors(this, [&] { model::Journal(m_context.db).update(m_entryId, changes); })) {
    for (auto& e : m_entries) {
      if (e.id == m_entryId) {
        e.title = *changes.title;
        e.body = *changes.body;
        e.done = *changes.done;
        e.date = changes.date.value_or(e.date);
      }
    }
    fillList();
  }
}

void JournalPanel::newEntry()
{
  if (m_classId.empty()) {
    return;
  }
  saveNow();
  model::JournalEntry entry;
  entry.classId = m_classId;
  entry.date = m_calendar->GetDate().FormatISODate().utf8_string();
  entry.title = _("New entry").utf8_string();
  std::string id;
  if (reportErrors(this, [&] { id = model::Journal(m_context.db).create(entry); })) {
    m_search->ChangeValue({});
    reload();
    select(id);
    m_title->SetFocus();
    m_title->SelectAll();
  }
}

void JournalPanel::removeEntry()
{
  if (m_entryId.empty() || wxMessageBox(_("Delete this journal entry?"), _("Journal"),
                                        wxYES_NO | wxICON_QUESTION, this) != wxYES) {
    return;
  }
  m_dirty = false;
  m_saveTimer.Stop();
  auto& db = m_context.db;
  const std::string id = m_entryId;
  m_context.commands.Submit(new ModelCommand(
      _("Delete journal entry"), [&db, id] { model::Journal(db).remove(id); },
      [&db, id] { model::restoreRecord(db, id); }, [this] { reload(); }));
}

bool JournalPanel::handleCommand(int id)
{
  if (id == ids::kNewJournalEntry) {
    newEntry();
    return true;
  }
  if (id == ids::kFind) {
    m_search->SetFocus();
    return true;
  }
  return false;
}

} // namespace pupitre::gui
