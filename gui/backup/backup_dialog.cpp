#include "backup/backup_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/filepicker.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace pupitre::gui {

BackupDialog::BackupDialog(wxWindow* parent, const wxString& suggested)
    : wxDialog(parent, wxID_ANY, _("Back up"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
{
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* intro = new wxStaticText(
      this, wxID_ANY,
      _("A backup is one file with all your classes, students, marks, attendance and journal. "
        "Keep it somewhere safe, for example on a USB stick."));
  intro->Wrap(FromDIP(460));
  sizer->Add(intro, 0, wxALL, FromDIP(12));
  sizer->Add(new wxStaticText(this, wxID_ANY, _("Save the backup as:")), 0, wxLEFT | wxRIGHT,
             FromDIP(12));
  m_file = new wxFilePickerCtrl(this, wxID_ANY, suggested, _("Back up to"),
                                _("Pupitre backups (*.pupitre-backup)|*.pupitre-backup"),
                                wxDefaultPosition, wxSize(FromDIP(460), -1),
                                wxFLP_SAVE | wxFLP_OVERWRITE_PROMPT | wxFLP_USE_TEXTCTRL);
  m_file->SetPath(suggested); // GTK's picker leaves the text empty for a file not there yet
  if (auto* text = m_file->GetTextCtrl()) {
    text->ChangeValue(suggested);
  }
  sizer->Add(m_file, 0, wxEXPAND | wxALL, FromDIP(12));
  m_withFiles = new wxCheckBox(
      this, wxID_ANY, _("Include the students' pictures and the resource files on this computer"));
  sizer->Add(m_withFiles, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
  auto* buttons = new wxStdDialogButtonSizer;
  auto* ok = new wxButton(this, wxID_OK, _("Back up"));
  ok->SetDefault();
  buttons->AddButton(ok);
  buttons->AddButton(new wxButton(this, wxID_CANCEL));
  buttons->Realize();
  sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
  SetSizerAndFit(sizer);
  CentreOnParent();
}

std::string BackupDialog::path() const
{
  return m_file->GetPath().utf8_string();
}

bool BackupDialog::withFiles() const
{
  return m_withFiles->GetValue();
}

} // namespace pupitre::gui
