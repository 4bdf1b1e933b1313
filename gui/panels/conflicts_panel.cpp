#include "panels/conflicts_panel.h"

#include "dates.h"
#include "error_report.h"
#include "ids.h"
#include "local_numbers.h"
#include "model_command.h"
#include "pupitre/model/records.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/device_names.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>
#include <map>
#include <memory>

namespace pupitre::gui {

namespace {

// What the record is, in the teacher's words: a student's name, an assessment's name...
wxString recordLabel(store::Database& db, const std::string& tableName, const std::string& id)
{
  const auto* table = store::findTable(tableName);
  const auto row = table ? store::findRow(db, *table, id) : std::nullopt;
  if (!row) {
    return wxString::FromUTF8(tableName + " " + id.substr(0, 8));
  }
  auto student = [&](const std::string& studentId) {
    const auto* students = store::findTable("student");
    const auto s = students ? store::findRow(db, *students, studentId) : std::nullopt;
    return s ? s->text("given_name") + " " + s->text("family_name") : studentId.substr(0, 8);
  };
  if (tableName == "student") {
    return wxString::FromUTF8(student(id));
  }
  if (tableName == "mark") {
    const auto* assessments = store::findTable("assessment");
    const auto a =
        assessments ? store::findRow(db, *assessments, row->text("assessment_id")) : std::nullopt;
    return wxString::FromUTF8(student(row->text("student_id")) + " · " +
                              (a ? a->text("name") : std::string("?")));
  }
  if (tableName == "attendance") {
    return wxString::FromUTF8(student(row->text("student_id")) + " · " + row->text("date"));
  }
  if (tableName == "report_comment") {
    return wxString::FromUTF8(student(row->text("student_id")));
  }
  for (const char* field : {"name", "title", "file_name"}) {
    if (row->values.count(field)) {
      return wxString::FromUTF8(row->text(field));
    }
  }
  return wxString::FromUTF8(id.substr(0, 8));
}

// In local time: "Mon 10:04" within the last week, else the locale's date and the time.
wxString when(clock::Hlc hlc)
{
  const auto ms = clock::physicalMs(hlc);
  const wxDateTime time(static_cast<wxLongLong>(static_cast<long long>(ms)));
  const bool thisWeek = (wxDateTime::Now() - time).GetDays() < 6;
  return time.Format(thisWeek ? wxString("%a %H:%M") : dateFormat() + " %H:%M");
}

// The field in the teacher's words ("Mark", "First name"); the column's name otherwise.
wxString fieldLabel(const std::string& table, const std::string& field)
{
  if (table == "mark" && field == "value") {
    return _("Mark");
  }
  if (table == "report_comment" && field == "text") {
    return _("Report card comment");
  }
  if (field == "comment") {
    return _("Comment");
  }
  if (field == "given_name") {
    return _("First name");
  }
  if (field == "family_name") {
    return _("Family name");
  }
  if (field == "name" || field == "title") {
    return _("Name");
  }
  if (field == "date") {
    return _("Date");
  }
  if (field == "notes" || field == "note") {
    return _("Notes");
  }
  if (field == "weight") {
    return _("Weight");
  }
  if (field == "status" || field == "state") {
    return _("State");
  }
  return wxString::FromUTF8(field);
}

// "Mark of Ana García in Test 3", "First name of Ana García".
wxString conflictSubject(store::Database& db, const sync::Conflict& c)
{
  if (c.table == "mark") {
    const auto* marks = store::findTable("mark");
    const auto row = marks ? store::findRow(db, *marks, c.rowId) : std::nullopt;
    const auto* students = store::findTable("student");
    const auto* assessments = store::findTable("assessment");
    const auto s =
        row && students ? store::findRow(db, *students, row->text("student_id")) : std::nullopt;
    const auto a = row && assessments ? store::findRow(db, *assessments, row->text("assessment_id"))
                                      : std::nullopt;
    if (s && a && c.field == "value") {
      return wxString::Format(
          _("Mark of %s in %s"),
          wxString::FromUTF8(s->text("given_name") + " " + s->text("family_name")),
          wxString::FromUTF8(a->text("name")));
    }
  }
  return wxString::Format(_("%s of %s"), fieldLabel(c.table, c.field),
                          recordLabel(db, c.table, c.rowId));
}

// After a restore: every page reads the data again (a restored class is listed again, a
// restored mark shows in the gradebook), this one included.
void refreshAll(wxWindow* panel)
{
  wxCommandEvent refresh(wxEVT_MENU, ids::kRefresh);
  wxPostEvent(wxGetTopLevelParent(panel), refresh);
}

// "this computer", 'Kitchen laptop' (its name as the server listed it: sync/device_names.h),
// or "another device" when the name is not known here.
wxString device(store::Database& db, const std::map<std::string, std::string>& names,
                const std::string& id)
{
  if (id == db.deviceId()) {
    return _("this computer");
  }
  if (sync::isWebReplica(id)) {
    return _("Web version"); // the account's web replica on the server (docs/web.md)
  }
  const auto it = names.find(id);
  if (it == names.end() || it->second.empty()) {
    return _("another device");
  }
  return wxString::FromUTF8("\u2018" + it->second + "\u2019");
}

// Each column as wide as the wider of its header and its widest text: nothing cut off in
// any language.
void fitColumns(wxListView* list)
{
  for (int column = 0; column < list->GetColumnCount(); ++column) {
    list->SetColumnWidth(column, wxLIST_AUTOSIZE_USEHEADER);
    const int header = list->GetColumnWidth(column);
    if (list->GetItemCount() > 0) {
      list->SetColumnWidth(column, wxLIST_AUTOSIZE);
      list->SetColumnWidth(column, std::max(header, list->GetColumnWidth(column)));
    }
  }
}

} // namespace

ConflictsPanel::ConflictsPanel(wxWindow* parent, AppContext context)
    : wxPanel(parent), m_context(context)
{
  m_list = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
  m_list->AppendColumn(_("Conflict"), wxLIST_FORMAT_LEFT, FromDIP(280));
  m_list->AppendColumn(_("Field"), wxLIST_FORMAT_LEFT, FromDIP(70));
  m_list->AppendColumn(_("Kept value"), wxLIST_FORMAT_LEFT, FromDIP(130));
  m_list->AppendColumn(_("Kept from"), wxLIST_FORMAT_LEFT, FromDIP(260));
  m_list->AppendColumn(_("Lost value"), wxLIST_FORMAT_LEFT, FromDIP(90));
  m_list->AppendColumn(_("Lost from"), wxLIST_FORMAT_LEFT, FromDIP(220));
  m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { restoreSelected(); });
  m_showRestored = new wxCheckBox(this, wxID_ANY, _("Show restored"));
  m_showRestored->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload(); });
  auto* restore = new wxButton(this, wxID_ANY, _("&Restore lost value"));
  restore->SetToolTip(_("Puts the lost value back as a new edit (Enter)"));
  restore->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { restoreSelected(); });

  m_keepDeleted = new wxButton(this, wxID_ANY, _("&Keep deleted"));
  m_keepDeleted->SetToolTip(_("Deletes the hidden record too: the deletion made on the other "
                              "device stands"));
  m_keepDeleted->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { keepDeletedSelected(); });
  m_keepDeleted->Disable();
  auto enableKeep = [this](wxListEvent&) {
    m_keepDeleted->Enable(hiddenAt(m_list->GetFirstSelected()) != nullptr);
  };
  m_list->Bind(wxEVT_LIST_ITEM_SELECTED, enableKeep);
  m_list->Bind(wxEVT_LIST_ITEM_DESELECTED, enableKeep);

  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(restore, 0, wxRIGHT, FromDIP(12));
  bar->Add(m_keepDeleted, 0, wxRIGHT, FromDIP(12));
  bar->Add(m_showRestored, 0, wxALIGN_CENTRE_VERTICAL);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(this, wxID_ANY,
                              _("When two devices changed the same thing before synchronising, "
                                "the most recent change was kept. The other values are here.")),
             0, wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
  sizer->Add(new wxStaticText(this, wxID_ANY,
                              _("So are changes to something another device deleted: Restore "
                                "brings it back, Keep deleted deletes the change too.")),
             0, wxALL, FromDIP(6));
  sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
  sizer->Add(bar, 0, wxALL, FromDIP(6));
  SetSizer(sizer);
}

void ConflictsPanel::showClass(const std::string&)
{
  reload();
}

void ConflictsPanel::reload()
{
  auto& db = m_context.db;
  m_conflicts = sync::listConflicts(db, m_showRestored->GetValue());
  m_list->Freeze();
  m_list->DeleteAllItems();
  const auto names = sync::deviceNames(db);
  for (std::size_t i = 0; i < m_conflicts.size(); ++i) {
    const auto& c = m_conflicts[i];
    const wxString won = device(db, names, c.wonStamp.device);
    const wxString lost = device(db, names, c.lostStamp.device);
    // "Mark of Ana García in Test 3: 7,5 on 'Kitchen laptop' (Mon 10:04) replaced 6 on
    // 'School PC' (Mon 09:58)"
    const wxString sentence =
        wxString::Format(_("%s: %s on %s (%s) replaced %s on %s (%s)"), conflictSubject(db, c),
                         localValue(c.wonValue), won, when(c.wonStamp.hlc), localValue(c.lostValue),
                         lost, when(c.lostStamp.hlc));
    const long row = m_list->InsertItem(static_cast<long>(i), sentence);
    m_list->SetItem(row, 1, fieldLabel(c.table, c.field));
    m_list->SetItem(row, 2, localValue(c.wonValue));
    m_list->SetItem(row, 3, won + " (" + when(c.wonStamp.hlc) + ")");
    m_list->SetItem(row, 4,
                    localValue(c.lostValue) + (c.restored ? " " + _("(restored)") : wxString()));
    m_list->SetItem(row, 5, lost + " (" + when(c.lostStamp.hlc) + ")");
  }
  m_hidden = model::hiddenEdits(db);
  for (const auto& h : m_hidden) {
    const long row = m_list->InsertItem(m_list->GetItemCount(), recordLabel(db, h.table, h.rowId));
    m_list->SetItem(row, 1, _("hidden"));
    m_list->SetItem(row, 2,
                    wxString::Format(_("%s deleted"), recordLabel(db, h.parentTable, h.parentId)));
    m_list->SetItem(row, 3, device(db, names, h.deletedBy) + " (" + when(h.deletedAt) + ")");
    m_list->SetItem(row, 4, _("edited after"));
    m_list->SetItem(row, 5, device(db, names, h.editedBy) + " (" + when(h.editedAt) + ")");
  }
  fitColumns(m_list);
  m_list->Thaw();
  m_keepDeleted->Enable(hiddenAt(m_list->GetFirstSelected()) != nullptr);
}

const model::HiddenEdit* ConflictsPanel::hiddenAt(long row) const
{
  const long first = static_cast<long>(m_conflicts.size());
  if (row < first || row - first >= static_cast<long>(m_hidden.size())) {
    return nullptr;
  }
  return &m_hidden[static_cast<std::size_t>(row - first)];
}

void ConflictsPanel::restoreSelected()
{
  const long row = m_list->GetFirstSelected();
  if (row < 0) {
    return;
  }
  auto& db = m_context.db;
  if (const auto* hidden = hiddenAt(row)) {
    const std::string parent = hidden->parentId;
    m_context.commands.Submit(new ModelCommand(
        _("Restore deleted record"), [&db, parent] { model::restoreRecord(db, parent); },
        [&db, parent] { model::deleteRecord(db, parent); },
        [this] {
          reload();
          refreshAll(this);
        }));
    return;
  }
  if (row >= static_cast<long>(m_conflicts.size())) {
    return;
  }
  const std::string id = m_conflicts[static_cast<std::size_t>(row)].id;
  auto replaced = std::make_shared<sync::Replaced>();
  m_context.commands.Submit(new ModelCommand(
      _("Restore lost value"), [&db, id, replaced] { *replaced = sync::restoreConflict(db, id); },
      [&db, id, replaced] { sync::unrestoreConflict(db, id, *replaced); },
      [this] {
        reload();
        refreshAll(this);
      }));
}

void ConflictsPanel::keepDeletedSelected()
{
  const auto* hidden = hiddenAt(m_list->GetFirstSelected());
  if (!hidden) {
    return;
  }
  auto& db = m_context.db;
  const std::string id = hidden->rowId;
  m_context.commands.Submit(new ModelCommand(
      _("Keep deleted"), [&db, id] { model::deleteRecord(db, id); },
      [&db, id] { model::restoreRecord(db, id); },
      [this] {
        reload();
        refreshAll(this);
      }));
}

} // namespace pupitre::gui
