#include "sync/account_export.h"

#include "sync/text.h"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/datetime.h>
#include <wx/dialog.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/progdlg.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/utils.h>

#include <memory>

namespace pupitre::gui {

AccountExportOutcome fetchAccountExport(wxWindow* parent, DaemonLink& link, const std::string& path)
{
  struct State
  {
    bool answered = false;
    AccountExportOutcome outcome;
  };
  auto state = std::make_shared<State>();
  link.exportAccount(path, [state](std::int64_t bytes, const std::string& error) {
    state->answered = true;
    state->outcome = {bytes, error};
  });
  wxProgressDialog busy(_("Export my account's data"),
                        trUtf8("Asking the server for everything it holds about your account…"),
                        100, parent, wxPD_APP_MODAL | wxPD_SMOOTH);
  while (!state->answered) {
    busy.Pulse();
    wxYield(); // the link's answer comes as an event on this thread
    if (!state->answered) {
      wxMilliSleep(30);
    }
  }
  return state->outcome;
}

wxDialog* createAccountExportResult(wxWindow* parent, const std::string& path, std::int64_t bytes)
{
  auto* dialog = new wxDialog(parent, wxID_ANY, _("Export my account's data"));
  auto* icon = new wxStaticBitmap(dialog, wxID_ANY,
                                  wxArtProvider::GetBitmap(wxART_INFORMATION, wxART_MESSAGE_BOX));
  const wxString size =
      wxFileName::GetHumanReadableSize(wxULongLong(static_cast<unsigned long long>(bytes)));
  auto* text = new wxStaticText(
      dialog, wxID_ANY,
      wxString::Format(_("Your account's data are in %s (%s)."), wxString::FromUTF8(path), size) +
          "\n\n" +
          _("It is everything the Pupitre server holds about your account: the account, its "
            "devices, your data with the history of every change, the conflicts and the files "
            "kept. Keep it somewhere safe: it holds your students' data."),
      wxDefaultPosition, wxDefaultSize, 0, "account_export_message");
  text->Wrap(dialog->FromDIP(460));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(icon, 0, wxALL, dialog->FromDIP(12));
  row->Add(text, 1, wxTOP | wxRIGHT | wxBOTTOM, dialog->FromDIP(12));
  auto* column = new wxBoxSizer(wxVERTICAL);
  column->Add(row, 1, wxEXPAND);
  column->Add(dialog->CreateStdDialogButtonSizer(wxOK), 0, wxEXPAND | wxALL, dialog->FromDIP(8));
  dialog->SetSizerAndFit(column);
  dialog->CentreOnParent();
  return dialog;
}

wxString accountExportFileName()
{
  return wxString::Format(_("Pupitre account data %s"), wxDateTime::Now().FormatISODate()) +
         ".json";
}

} // namespace pupitre::gui
