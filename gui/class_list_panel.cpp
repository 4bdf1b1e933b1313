#include "class_list_panel.h"

#include "ids.h"
#include "model_command.h"

#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/cmdproc.h>
#include <wx/colordlg.h>
#include <wx/datetime.h>
#include <wx/dcmemory.h>
#include <wx/imaglist.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

#include <memory>
#include <vector>

namespace pupitre::gui {

namespace {

wxBitmap swatch(const std::string& colour, int size)
{
  wxBitmap bitmap(size, size);
  wxMemoryDC dc(bitmap);
  wxColour fill(colour.empty() ? std::string("#B0B7C3") : colour);
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  dc.SetPen(wxPen(fill.ChangeLightness(80)));
  dc.SetBrush(wxBrush(fill));
  dc.DrawRoundedRectangle(1, 1, size - 2, size - 2, 3);
  dc.SelectObject(wxNullBitmap);
  return bitmap;
}

} // namespace

ClassListPanel::ClassListPanel(wxWindow* parent, AppContext context)
    : wxPanel(parent), m_context(context)
{
  const int size = FromDIP(16);
  m_swatches = new wxImageList(size, size, false);
  m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                          wxLC_REPORT | wxLC_NO_HEADER | wxLC_SINGLE_SEL);
  m_list->AssignImageList(m_swatches, wxIMAGE_LIST_SMALL);
  m_list->AppendColumn(_("Class"), wxLIST_FORMAT_LEFT, FromDIP(200));
  m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
    const auto& c = m_classes[static_cast<std::size_t>(e.GetIndex())];
    if (c.id != m_selected) {
      m_selected = c.id;
      if (onSelect) {
        onSelect(m_selected);
      }
    }
  });
  m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { renameClass(); });

  m_showArchived = new wxCheckBox(this, wxID_ANY, _("Show archived"));
  m_showArchived->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload(); });
  auto button = [this](int id, const wxString& label, const wxString& tip) {
    auto* b = new wxButton(this, id, label, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    b->SetToolTip(tip);
    b->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) { handleCommand(e.GetId()); });
    return b;
  };
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(button(ids::kNewClass, _("Add"), _("New class (Ctrl+N)")), 0, wxRIGHT, 2);
  buttons->Add(button(ids::kRenameClass, _("Rename"), _("Rename the class (Ctrl+R)")), 0, wxRIGHT,
               2);
  buttons->Add(button(ids::kArchiveClass, _("Archive"), _("Archive or restore the class")), 0,
               wxRIGHT, 2);
  buttons->Add(button(ids::kClassColour, _("Colour"), _("The class's colour")), 0);

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Classes"));
  title->SetFont(title->GetFont().Bold());
  sizer->Add(title, 0, wxALL, FromDIP(6));
  sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(4));
  sizer->Add(m_showArchived, 0, wxALL, FromDIP(4));
  sizer->Add(buttons, 0, wxALL, FromDIP(4));
  SetSizer(sizer);
}

void ClassListPanel::reload()
{
  m_classes.clear();
  for (auto& c : model::Classes(m_context.db).list(true)) {
    if (!c.archived || m_showArchived->GetValue() || c.id == m_selected) {
      m_classes.push_back(std::move(c));
    }
  }
  m_list->Freeze();
  m_list->DeleteAllItems();
  m_swatches->RemoveAll();
  const int size = FromDIP(16);
  long selectedRow = -1;
  for (std::size_t i = 0; i < m_classes.size(); ++i) {
    const auto& c = m_classes[i];
    wxString label = wxString::FromUTF8(c.name);
    if (!c.subject.empty()) {
      label << " — " << wxString::FromUTF8(c.subject);
    }
    if (c.archived) {
      label << " " << _("(archived)");
    }
    const int image = m_swatches->Add(swatch(c.colour, size));
    const long row = m_list->InsertItem(static_cast<long>(i), label, image);
    if (c.archived) {
      m_list->SetItemTextColour(row, wxColour(0x80, 0x80, 0x80));
    }
    if (c.id == m_selected) {
      selectedRow = row;
    }
  }
  if (selectedRow >= 0) {
    m_list->SetItemState(selectedRow, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                         wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  }
  m_list->Thaw();
  if (selectedRow < 0 && !m_selected.empty()) {
    m_selected.clear();
    if (onSelect) {
      onSelect(m_selected);
    }
  }
}

void ClassListPanel::select(const std::string& classId)
{
  for (std::size_t i = 0; i < m_classes.size(); ++i) {
    if (m_classes[i].id == classId) {
      m_list->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                           wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      m_list->EnsureVisible(static_cast<long>(i));
      if (m_selected != classId) { // GTK sends no event for a programmatic selection
        m_selected = classId;
        if (onSelect) {
          onSelect(m_selected);
        }
      }
      return;
    }
  }
}

std::vector<std::string> ClassListPanel::classIds() const
{
  std::vector<std::string> ids;
  for (const auto& c : m_classes) {
    ids.push_back(c.id);
  }
  return ids;
}

void ClassListPanel::selectFirst()
{
  if (!m_classes.empty()) {
    select(m_classes.front().id);
  }
}

const model::SchoolClass* ClassListPanel::selected() const
{
  for (const auto& c : m_classes) {
    if (c.id == m_selected) {
      return &c;
    }
  }
  return nullptr;
}

bool ClassListPanel::handleCommand(int id)
{
  switch (id) {
  case ids::kNewClass:
    addClass();
    return true;
  case ids::kRenameClass:
    renameClass();
    return true;
  case ids::kArchiveClass:
    archiveClass();
    return true;
  case ids::kClassColour:
    colourClass();
    return true;
  case ids::kCopyClass:
    copyClass();
    return true;
  case ids::kShowArchived:
    m_showArchived->SetValue(!m_showArchived->GetValue());
    reload();
    return true;
  default:
    return false;
  }
}

void ClassListPanel::submit(const wxString& name, std::function<void()> doIt,
                            std::function<void()> undoIt)
{
  m_context.commands.Submit(
      new ModelCommand(name, std::move(doIt), std::move(undoIt), [this] { reload(); }));
}

void ClassListPanel::addClass()
{
  wxTextEntryDialog dialog(this, _("Name of the new class:"), _("New class"));
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  model::SchoolClass c;
  c.name = dialog.GetValue().Trim().Trim(false).utf8_string();
  c.position = m_classes.empty() ? 1 : m_classes.back().position + 1;
  auto id = std::make_shared<std::string>();
  auto& db = m_context.db;
  // A new class gets the default terms of the school year, named in the teacher's language.
  const std::string today = wxDateTime::Today().FormatISODate().utf8_string();
  const std::vector<std::string> terms{_("1st term").utf8_string(), _("2nd term").utf8_string(),
                                       _("3rd term").utf8_string()};
  submit(
      _("New class"),
      [&db, c, id, today, terms] { *id = model::Classes(db).createWithTerms(c, today, terms); },
      [&db, id] { model::Classes(db).remove(*id); });
  if (!id->empty()) {
    select(*id);
  }
}

void ClassListPanel::renameClass()
{
  const auto* c = selected();
  if (!c) {
    return;
  }
  wxTextEntryDialog dialog(this, _("New name of the class:"), _("Rename class"),
                           wxString::FromUTF8(c->name));
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  const std::string id = c->id, before = c->name;
  const std::string after = dialog.GetValue().Trim().Trim(false).utf8_string();
  auto& db = m_context.db;
  auto setName = [&db, id](const std::string& name) {
    model::ClassChanges changes;
    changes.name = name;
    model::Classes(db).update(id, changes);
  };
  submit(
      _("Rename class"), [setName, after] { setName(after); },
      [setName, before] { setName(before); });
}

void ClassListPanel::archiveClass()
{
  const auto* c = selected();
  if (!c) {
    return;
  }
  const std::string id = c->id;
  const bool archived = !c->archived;
  auto& db = m_context.db;
  auto setArchived = [&db, id](bool value) {
    model::ClassChanges changes;
    changes.archived = value;
    model::Classes(db).update(id, changes);
  };
  submit(
      archived ? _("Archive class") : _("Restore class"),
      [setArchived, archived] { setArchived(archived); },
      [setArchived, archived] { setArchived(!archived); });
}

void ClassListPanel::colourClass()
{
  const auto* c = selected();
  if (!c) {
    return;
  }
  wxColourData data;
  data.SetColour(wxColour(c->colour.empty() ? std::string("#4A90D9") : c->colour));
  wxColourDialog dialog(this, &data);
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  const std::string id = c->id, before = c->colour;
  const std::string after =
      dialog.GetColourData().GetColour().GetAsString(wxC2S_HTML_SYNTAX).utf8_string();
  auto& db = m_context.db;
  auto setColour = [&db, id](const std::string& colour) {
    model::ClassChanges changes;
    changes.colour = colour;
    model::Classes(db).update(id, changes);
  };
  submit(
      _("Class colour"), [setColour, after] { setColour(after); },
      [setColour, before] { setColour(before); });
}

} // namespace pupitre::gui
