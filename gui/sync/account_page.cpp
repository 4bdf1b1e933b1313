// Settings, Account: sign in through the daemon, the licence, storage used, linked devices.
// The school's policy prefills the server (read-only when it locks it) and may keep the
// computer signed in (Sign out greyed).
#include "sync/daemon_replies.h"
#include "sync/school_policy.h"
#include "sync/settings_pages.h"
#include "sync/text.h"

#include <wx/button.h>
#include <wx/datetime.h>
#include <wx/filename.h>
#include <wx/gauge.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/weakref.h>

#include "pupitre/error.h"
#include "pupitre/sync/device_names.h"

#include <algorithm>
#include <map>

namespace pupitre::gui {
namespace {

wxString licenceText(const std::string& licence)
{
  if (licence == "multi") {
    return _("Multi-device (synchronises)");
  }
  if (licence == "single") {
    return _("Single device (no synchronisation)");
  }
  return _("Not known yet.");
}

// Decimal units, as pupitrectl and the server count them (1 GB = 10^9 bytes).
wxString bytes(std::int64_t count)
{
  return wxFileName::GetHumanReadableSize(wxULongLong(static_cast<wxULongLong_t>(count)), "0 B", 1,
                                          wxSIZE_CONV_SI);
}

// "28/11/2026 18:23" in the teacher's time zone; the server's text when it is not a date.
wxString when(const std::string& isoTime)
{
  const auto ms = parseIsoTime(isoTime);
  if (!ms) {
    return wxString::FromUTF8(isoTime);
  }
  const wxDateTime time{wxLongLong(*ms)};
  return time.FormatDate() + " " + time.Format("%H:%M");
}

class AccountPage : public SettingsPagePanel
{
public:
  AccountPage(wxWindow* parent, DaemonLink& link)
      : SettingsPagePanel(parent), m_link(link), m_policy(schoolPolicy())
  {
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);

    auto* form = new wxFlexGridSizer(2, gap, gap);
    form->AddGrowableCol(1);
    auto label = [this, form](const wxString& text) {
      form->Add(new wxStaticText(this, wxID_ANY, text), wxSizerFlags().CentreVertical());
    };
    label(_("Server address:"));
    m_server = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(300, -1)), 0,
                              wxDefaultValidator, "account_server");
    m_server->SetHint("https://pupitre.school.example");
    if (serverLocked()) {
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      row->Add(m_server, wxSizerFlags(1).CentreVertical());
      row->Add(createPolicyNote(this, "account_server_policy"),
               wxSizerFlags().CentreVertical().Border(wxLEFT, gap));
      form->Add(row, wxSizerFlags().Expand());
    } else {
      form->Add(m_server, wxSizerFlags().Expand());
    }
    label(_("E-mail:"));
    m_email = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 0,
                             wxDefaultValidator, "account_email");
    form->Add(m_email, wxSizerFlags().Expand());
    label(_("Password:"));
    m_password =
        new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                       wxTE_PASSWORD | wxTE_PROCESS_ENTER, wxDefaultValidator, "account_password");
    form->Add(m_password, wxSizerFlags().Expand());
    label(_("This computer's name:"));
    // How the account's device list (and the conflict list on the other devices) names this
    // computer: its host name unless the teacher chooses another, sent at sign-in; once
    // signed in, Rename (or Enter) sends a new one.
    const auto& known = m_link.status().deviceName;
    m_deviceName =
        new wxTextCtrl(this, wxID_ANY, known.empty() ? wxGetHostName() : wxString::FromUTF8(known),
                       wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER, wxDefaultValidator,
                       "account_device_name");
    m_deviceName->SetHint(_("e.g. Kitchen laptop"));
    m_deviceName->SetToolTip(_("How your other devices name this computer. Sent when you sign "
                               "in; once signed in, type a new name and press Rename."));
    m_rename = new wxButton(this, wxID_ANY, _("Rename"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, "account_rename");
    auto* nameRow = new wxBoxSizer(wxHORIZONTAL);
    nameRow->Add(m_deviceName, wxSizerFlags(1).CentreVertical().Border(wxRIGHT, gap));
    nameRow->Add(m_rename, wxSizerFlags().CentreVertical());
    form->Add(nameRow, wxSizerFlags().Expand());
    label(_("Licence:"));
    m_licence = new wxStaticText(this, wxID_ANY, {});
    form->Add(m_licence, wxSizerFlags().Expand());
    label(_("Storage:"));
    auto* storage = new wxBoxSizer(wxHORIZONTAL);
    m_storageGauge = new wxGauge(this, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(140, -1)));
    m_storageText = new wxStaticText(this, wxID_ANY, {});
    storage->Add(m_storageGauge, wxSizerFlags().CentreVertical().Border(wxRIGHT, gap));
    storage->Add(m_storageText, wxSizerFlags(1).CentreVertical());
    form->Add(storage, wxSizerFlags().Expand());
    top->Add(form, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));

    auto* signButtons = new wxBoxSizer(wxHORIZONTAL);
    m_signIn = new wxButton(this, wxID_ANY, _("Sign in"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, "account_sign_in");
    m_signOut = new wxButton(this, wxID_ANY, _("Sign out"), wxDefaultPosition, wxDefaultSize, 0,
                             wxDefaultValidator, "account_sign_out");
    m_state = new wxStaticText(this, wxID_ANY, {});
    signButtons->Add(m_signIn, wxSizerFlags().Border(wxRIGHT, gap));
    signButtons->Add(m_signOut, wxSizerFlags().Border(wxRIGHT, gap));
    if (!m_policy.allowSignOut) {
      signButtons->Add(createPolicyNote(this, "account_sign_out_policy"),
                       wxSizerFlags().CentreVertical().Border(wxRIGHT, gap * 2));
      m_signOut->SetToolTip(_("Your school keeps this computer signed in."));
    }
    signButtons->Add(m_state, wxSizerFlags(1).CentreVertical());
    top->Add(signButtons, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));

    top->Add(new wxStaticText(this, wxID_ANY, _("Devices linked to this account:")),
             wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    m_devices =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(460, 120)),
                       wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "account_devices");
    m_devices->AppendColumn(_("Device"), wxLIST_FORMAT_LEFT, FromDIP(280));
    m_devices->AppendColumn(_("Last seen"), wxLIST_FORMAT_LEFT, FromDIP(170));
    top->Add(m_devices, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    auto* deviceButtons = new wxBoxSizer(wxHORIZONTAL);
    m_unlink = new wxButton(this, wxID_ANY, _("Unlink"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, "account_unlink");
    m_refresh = new wxButton(this, wxID_ANY, _("Refresh"));
    deviceButtons->Add(m_unlink, wxSizerFlags().Border(wxRIGHT, gap));
    deviceButtons->Add(m_refresh);
    top->Add(deviceButtons, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));

    m_message = new wxStaticText(this, wxID_ANY, " ", wxDefaultPosition, wxDefaultSize, 0,
                                 "account_message");
    top->Add(m_message, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(top);

    const auto& status = m_link.status();
    // The school's server: prefilled for a first sign-in, the only one when it is locked.
    std::string server = status.server;
    if (m_policy.serverUrl && (server.empty() || (serverLocked() && !status.signedIn))) {
      server = *m_policy.serverUrl;
    }
    m_server->SetValue(wxString::FromUTF8(server));
    m_email->SetValue(wxString::FromUTF8(status.email));

    m_signIn->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { signIn(); });
    m_password->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { signIn(); });
    m_signOut->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { signOut(); });
    m_rename->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { rename(); });
    m_deviceName->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent& event) {
      if (m_signedIn) {
        rename();
      } else {
        event.Skip();
      }
    });
    m_deviceName->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { updateControls(); });
    m_unlink->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { unlinkSelected(); });
    m_refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { loadDevices(); });
    m_devices->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateControls(); });
    m_devices->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateControls(); });
    m_link.Bind(EVT_DAEMON_STATUS, &AccountPage::onStatus, this);
    updateControls();
    if (status.signedIn) {
      loadDevices();
    }
  }

  ~AccountPage() override { m_link.Unbind(EVT_DAEMON_STATUS, &AccountPage::onStatus, this); }

private:
  void onStatus(wxCommandEvent& event)
  {
    event.Skip();
    const bool wasSignedIn = m_signedIn;
    updateControls();
    if (m_signedIn && !wasSignedIn) {
      loadDevices();
    } else if (!m_signedIn) {
      m_devices->DeleteAllItems();
      m_deviceIds.clear();
    }
  }

  void updateControls()
  {
    const auto& status = m_link.status();
    m_signedIn = status.reachable && status.signedIn;
    const bool idle = !m_busy && status.reachable;
    m_server->Enable(idle && !m_signedIn && !serverLocked());
    m_email->Enable(idle && !m_signedIn);
    m_password->Enable(idle && !m_signedIn);
    m_deviceName->Enable(idle);
    m_rename->Show(m_signedIn);
    m_rename->Enable(idle && m_signedIn &&
                     m_deviceName->GetValue().Strip(wxString::both).utf8_string() !=
                         status.deviceName);
    m_signIn->Enable(idle && !m_signedIn);
    m_signOut->Enable(idle && m_signedIn && m_policy.allowSignOut);
    m_refresh->Enable(idle && m_signedIn);
    m_unlink->Enable(idle && m_signedIn && m_devices->GetSelectedItemCount() == 1);
    m_devices->Enable(m_signedIn);
    m_licence->SetLabel(m_signedIn ? licenceText(status.licence) : trUtf8("—"));
    if (!status.reachable) {
      m_state->SetLabel(_("The synchronisation service (pupitred) is not running."));
    } else if (m_signedIn) {
      m_state->SetLabel(wxString::Format(_("Signed in as %s."), wxString::FromUTF8(status.email)));
    } else {
      m_state->SetLabel(_("Not signed in."));
    }
    if (status.storageUsed && status.storageQuota && *status.storageQuota > 0) {
      m_storageGauge->Show();
      m_storageGauge->SetValue(static_cast<int>(
          std::min<std::int64_t>(1000, *status.storageUsed * 1000 / *status.storageQuota)));
      m_storageText->SetLabel(wxString::Format(_("%s used of %s"), bytes(*status.storageUsed),
                                               bytes(*status.storageQuota)));
    } else if (status.storageUsed) {
      m_storageGauge->Hide();
      m_storageText->SetLabel(wxString::Format(_("%s used"), bytes(*status.storageUsed)));
    } else {
      m_storageGauge->Hide();
      m_storageText->SetLabel(m_signedIn ? _("Not known yet.") : trUtf8("—"));
    }
    Layout();
  }

  bool serverLocked() const { return m_policy.lockServerUrl && m_policy.serverUrl.has_value(); }

  void setBusy(bool busy, const wxString& message = {})
  {
    m_busy = busy;
    if (!message.empty()) {
      showPageMessage(m_message, message, false, FromDIP(460));
    }
    updateControls();
  }

  // Runs `then(error)` on this page when a request ends, unless the page is gone.
  template <typename Then> DaemonLink::Done whenDone(Then then)
  {
    wxWeakRef<AccountPage> self(this);
    return [self, then](const std::string& error) {
      if (self) {
        self->setBusy(false);
        then(*self, error);
      }
    };
  }

  void signIn()
  {
    const auto server = m_server->GetValue().Strip(wxString::both).utf8_string();
    const auto email = m_email->GetValue().Strip(wxString::both).utf8_string();
    const auto password = m_password->GetValue().utf8_string();
    if (server.empty() || email.empty() || password.empty()) {
      showPageMessage(m_message,
                      _("Fill in the server address, your e-mail and your password to sign in."),
                      true, FromDIP(460));
      return;
    }
    setBusy(true, trUtf8("Signing in…"));
    const auto deviceName = m_deviceName->GetValue().Strip(wxString::both).utf8_string();
    m_link.signIn(
        server, email, password, whenDone([](AccountPage& page, const std::string& error) {
          if (error.empty()) {
            page.m_password->Clear();
            showPageMessage(page.m_message, _("Signed in. This device is now linked."), false,
                            page.FromDIP(460));
            page.loadDevices();
          } else {
            showPageMessage(page.m_message, wxString::FromUTF8(error), true, page.FromDIP(460));
          }
        }),
        deviceName);
  }

  // Sends the name in the field as this computer's new name; the daemon keeps it and, when
  // the server cannot be reached, sends it with the next synchronisation.
  void rename()
  {
    std::string name;
    try {
      name = sync::checkedDeviceName(m_deviceName->GetValue().utf8_string());
    } catch (const Error& e) { // a Sentence: in the teacher's language
      const auto& sentence = e.sentence();
      showPageMessage(
          m_message,
          wxString::FromUTF8(fillSentence(
              wxGetTranslation(wxString::FromUTF8(sentence.text)).utf8_string(), sentence.args)),
          true, FromDIP(460));
      return;
    }
    setBusy(true, trUtf8("Renaming…"));
    wxWeakRef<AccountPage> self(this);
    m_link.renameDevice(name, [self, name](bool sent, const std::string& error) {
      if (!self) {
        return;
      }
      self->setBusy(false);
      const wxString shown = wxString::FromUTF8(name);
      if (!error.empty()) {
        showPageMessage(self->m_message, wxString::FromUTF8(error), true, self->FromDIP(460));
      } else if (sent) {
        showPageMessage(self->m_message,
                        wxString::Format(_("This computer is now called \"%s\" on your other "
                                           "devices."),
                                         shown),
                        false, self->FromDIP(460));
        self->loadDevices();
      } else {
        showPageMessage(self->m_message,
                        wxString::Format(_("This computer is now called \"%s\" here. The server "
                                           "could not be reached: your other devices get the new "
                                           "name with the next synchronisation."),
                                         shown),
                        false, self->FromDIP(460));
      }
    });
  }

  void signOut()
  {
    setBusy(true, trUtf8("Signing out…"));
    m_link.signOut(whenDone([](AccountPage& page, const std::string& error) {
      showPageMessage(page.m_message,
                      error.empty() ? _("Signed out. The data stay on this computer.")
                                    : wxString::FromUTF8(error),
                      !error.empty(), page.FromDIP(460));
    }));
  }

  void loadDevices()
  {
    wxWeakRef<AccountPage> self(this);
    m_link.listDevices(
        [self](const std::vector<DaemonLink::Device>& devices, const std::string& error) {
          if (!self) {
            return;
          }
          if (!error.empty()) {
            showPageMessage(self->m_message, wxString::FromUTF8(error), true, self->FromDIP(460));
            return;
          }
          self->showDevices(devices);
        });
  }

  void showDevices(const std::vector<DaemonLink::Device>& devices)
  {
    m_devices->DeleteAllItems();
    m_deviceIds.clear();
    std::map<std::string, int> named; // how many devices share each name
    for (const auto& device : devices) {
      ++named[device.name.empty() ? device.id : device.name];
    }
    for (const auto& device : devices) {
      const std::string plain = device.name.empty() ? device.id : device.name;
      wxString name = wxString::FromUTF8(plain);
      if (named[plain] > 1) {
        // Two computers called "vm": the end of each one's id tells them apart.
        name += wxString::FromUTF8(
            " #" + device.id.substr(device.id.size() - std::min<std::size_t>(4, device.id.size())));
      }
      if (device.isThisDevice) {
        name += _(" (this computer)");
        m_deviceName->ChangeValue(wxString::FromUTF8(plain));
      }
      const long row = m_devices->InsertItem(m_devices->GetItemCount(), name);
      m_devices->SetItem(row, 1, when(device.lastSeen));
      m_deviceIds.push_back({device.id, device.isThisDevice});
    }
    updateControls();
  }

  void unlinkSelected()
  {
    const long row = m_devices->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_deviceIds.size()) {
      return;
    }
    const auto [id, isThis] = m_deviceIds[static_cast<std::size_t>(row)];
    const wxString question =
        isThis ? _("Unlink this computer? It stops synchronising and is signed out; its data "
                   "stay here.")
               : wxString::Format(_("Unlink \"%s\"? It stops synchronising at once; its data "
                                    "stay on it."),
                                  m_devices->GetItemText(row));
    if (wxMessageBox(question, _("Unlink device"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION,
                     this) != wxYES) {
      return;
    }
    setBusy(true, trUtf8("Unlinking…"));
    m_link.unlinkDevice(
        id, whenDone([](AccountPage& page, const std::string& error) {
          if (error.empty()) {
            page.loadDevices();
            showPageMessage(page.m_message, _("Device unlinked."), false, page.FromDIP(460));
          } else {
            showPageMessage(page.m_message, wxString::FromUTF8(error), true, page.FromDIP(460));
          }
        }));
  }

  DaemonLink& m_link;
  policy::Policy m_policy;
  bool m_busy = false;
  bool m_signedIn = false;
  std::vector<std::pair<std::string, bool>> m_deviceIds; // row -> id, is this device
  wxTextCtrl* m_server = nullptr;
  wxTextCtrl* m_email = nullptr;
  wxTextCtrl* m_password = nullptr;
  wxStaticText* m_licence = nullptr;
  wxGauge* m_storageGauge = nullptr;
  wxStaticText* m_storageText = nullptr;
  wxTextCtrl* m_deviceName = nullptr;
  wxButton* m_rename = nullptr;
  wxButton* m_signIn = nullptr;
  wxButton* m_signOut = nullptr;
  wxStaticText* m_state = nullptr;
  wxListCtrl* m_devices = nullptr;
  wxButton* m_unlink = nullptr;
  wxButton* m_refresh = nullptr;
  wxStaticText* m_message = nullptr;
};

} // namespace

SettingsPagePanel* createAccountPage(wxWindow* parent, DaemonLink& link, store::Database&)
{
  return new AccountPage(parent, link);
}

} // namespace pupitre::gui
