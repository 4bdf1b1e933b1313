// The Settings dialog: a notebook of the Account, Sync and Grading pages, OK and Cancel.
#include "sync/icons.h"
#include "sync/settings_pages.h"
#include "sync/sync_ui.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/notebook.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <vector>

namespace pupitre::gui {
namespace {

class SettingsDialog : public wxDialog
{
public:
  SettingsDialog(wxWindow* parent, DaemonLink& link, store::Database& db, SettingsPage page)
      : wxDialog(parent, wxID_ANY, _("Settings"), wxDefaultPosition, wxDefaultSize,
                 wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
  {
    SetIcons(appIcons());
    auto* top = new wxBoxSizer(wxVERTICAL);
    m_notebook =
        new wxNotebook(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, "settings_notebook");
    m_pages = {createAccountPage(m_notebook, link, db), createSyncPage(m_notebook, link, db),
               createGradingPage(m_notebook, db)};
    m_notebook->AddPage(m_pages[0], _("Account"));
    m_notebook->AddPage(m_pages[1], _("Sync"));
    m_notebook->AddPage(m_pages[2], _("Grading defaults"));
    m_notebook->SetSelection(static_cast<std::size_t>(page));
    top->Add(m_notebook, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
    top->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL),
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizerAndFit(top);
    CentreOnParent();
    Bind(wxEVT_BUTTON, &SettingsDialog::onOk, this, wxID_OK);
  }

private:
  void onOk(wxCommandEvent& event)
  {
    for (std::size_t i = 0; i < m_pages.size(); ++i) {
      if (!m_pages[i]->apply()) {
        m_notebook->SetSelection(i);
        return;
      }
    }
    event.Skip(); // the dialog closes
  }

  wxNotebook* m_notebook = nullptr;
  std::vector<SettingsPagePanel*> m_pages;
};

} // namespace

void showPageMessage(wxStaticText* label, const wxString& text, bool problem, int wrap)
{
  label->SetForegroundColour(problem ? wxColour(180, 30, 20)
                                     : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  label->SetLabel(text);
  label->Wrap(wrap);
  if (auto* parent = label->GetParent()) {
    parent->Layout();
  }
}

wxDialog* createSettingsDialog(wxWindow* parent, DaemonLink& link, store::Database& db,
                               SettingsPage page)
{
  return new SettingsDialog(parent, link, db, page);
}

void showSettingsDialog(wxWindow* parent, DaemonLink& link, store::Database& db, SettingsPage page)
{
  SettingsDialog dialog(parent, link, db, page);
  dialog.ShowModal();
}

} // namespace pupitre::gui
