#include "panels/conflicts_panel.h"

#include "error_report.h"
#include "local_numbers.h"
#include "model_command.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

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
  for (const char* field : {"name", "title", "file_name"}) {
    if (row->values.count(field)) {
      return wxString::FromUTF8(row->text(field));
    }
  }
  return wxString::FromUTF8(id.substr(0, 8));
}

wxString when(const sync::Stamp& stamp)
{
  const auto ms = clock::physicalMs(stamp.hlc);
  return wxDateTime(static_cast<wxLongLong>(static_cast<long long>(ms)))
      .Format("%Y-%m-%d %H:%M:%S");
}

wxString device(store::Database& db, const std::string& id)
{
  return id == db.deviceId() ? _("this device") : wxString::FromUTF8(id.substr(0, 8));
}

} // namespace

ConflictsPanel::ConflictsPanel(wxWindow* parent, AppContext context)
    : wxPanel(parent), m_context(context)
{
  m_list = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
  m_list->AppendColumn(_("Record"), wxLIST_FORMAT_LEFT, FromDIP(280));
  m_list->AppendColumn(_("Field"), wxLIST_FORMAT_LEFT, FromDIP(70));
  m_list->AppendColumn(_("Kept value"), wxLIST_FORMAT_LEFT, FromDIP(90));
  m_list->AppendColumn(_("Kept from"), wxLIST_FORMAT_LEFT, FromDIP(260));
  m_list->AppendColumn(_("Lost value"), wxLIST_FORMAT_LEFT, FromDIP(90));
  m_list->AppendColumn(_("Lost from"), wxLIST_FORMAT_LEFT, FromDIP(220));
  m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { restoreSelected(); });
  m_showRestored = new wxCheckBox(this, wxID_ANY, _("Show restored"));
  m_showRestored->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload(); });
  auto* restore = new wxButton(this, wxID_ANY, _("&Restore lost value"));
  restore->SetToolTip(_("Puts the lost value back as a new edit (Enter)"));
  restore->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { restoreSelected(); });

  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(restore, 0, wxRIGHT, FromDIP(12));
  bar->Add(m_showRestored, 0, wxALIGN_CENTRE_VERTICAL);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(this, wxID_ANY,
                              _("When two devices changed the same thing before synchronising, "
                                "the most recent change was kept. The other values are here.")),
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
  for (std::size_t i = 0; i < m_conflicts.size(); ++i) {
    const auto& c = m_conflicts[i];
    const long row = m_list->InsertItem(static_cast<long>(i), recordLabel(db, c.table, c.rowId));
    m_list->SetItem(row, 1, wxString::FromUTF8(c.field));
    m_list->SetItem(row, 2, localValue(c.wonValue));
    m_list->SetItem(row, 3, device(db, c.wonStamp.device) + ", " + when(c.wonStamp));
    m_list->SetItem(row, 4,
                    localValue(c.lostValue) + (c.restored ? " " + _("(restored)") : wxString()));
    m_list->SetItem(row, 5, device(db, c.lostStamp.device) + ", " + when(c.lostStamp));
  }
  m_list->Thaw();
}

void ConflictsPanel::restoreSelected()
{
  const long row = m_list->GetFirstSelected();
  if (row < 0) {
    return;
  }
  const std::string id = m_conflicts[static_cast<std::size_t>(row)].id;
  auto& db = m_context.db;
  auto replaced = std::make_shared<sync::Replaced>();
  m_context.commands.Submit(new ModelCommand(
      _("Restore lost value"), [&db, id, replaced] { *replaced = sync::restoreConflict(db, id); },
      [&db, id, replaced] { sync::unrestoreConflict(db, id, *replaced); }, [this] { reload(); }));
}

} // namespace pupitre::gui
