#include "empty_state_panel.h"

#include "ids.h"
#include "sync/icons.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/toplevel.h>

namespace pupitre::gui {

EmptyStatePanel::EmptyStatePanel(wxWindow* parent) : wxPanel(parent)
{
  auto* logo = new wxStaticBitmap(
      this, wxID_ANY,
      wxBitmap(appIcons().GetIcon(FromDIP(wxSize(64, 64)), wxIconBundle::FALLBACK_NEAREST_LARGER)));
  auto* title = new wxStaticText(this, wxID_ANY, _("Welcome to Pupitre"));
  title->SetFont(title->GetFont().Bold().Scaled(1.5f));
  auto* text = new wxStaticText(
      this, wxID_ANY,
      _("There is no class yet. Start by creating a class, then add its students: type them "
        "in one by one or import the list you already have."));
  text->Wrap(FromDIP(460));
  m_createClass = new wxButton(this, ids::kNewClass, _("&Create a class…"));
  m_createClass->SetToolTip(_("A class with its name and subject (Ctrl+N)"));
  m_importStudents = new wxButton(this, ids::kImportStudents, _("&Import students…"));
  m_importStudents->SetToolTip(_("Name the class, then add its students"));
  m_createClass->SetDefault();
  for (auto* button : {m_createClass, m_importStudents}) {
    button->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
      wxCommandEvent command(wxEVT_MENU, e.GetId());
      wxGetTopLevelParent(this)->GetEventHandler()->ProcessEvent(command);
    });
  }

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(m_createClass, 0, wxRIGHT, FromDIP(8));
  buttons->Add(m_importStudents);
  auto* column = new wxBoxSizer(wxVERTICAL);
  column->Add(logo, 0, wxALIGN_CENTRE_HORIZONTAL | wxBOTTOM, FromDIP(12));
  column->Add(title, 0, wxALIGN_CENTRE_HORIZONTAL | wxBOTTOM, FromDIP(8));
  column->Add(text, 0, wxALIGN_CENTRE_HORIZONTAL | wxBOTTOM, FromDIP(16));
  column->Add(buttons, 0, wxALIGN_CENTRE_HORIZONTAL);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->AddStretchSpacer(1);
  sizer->Add(column, 0, wxALIGN_CENTRE_HORIZONTAL | wxALL, FromDIP(20));
  sizer->AddStretchSpacer(2);
  SetSizer(sizer);
}

} // namespace pupitre::gui
