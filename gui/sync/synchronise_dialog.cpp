// The Synchronise dialog: what to include, Start, the daemon's progress, then a summary.
#include "sync/icons.h"
#include "sync/school_policy.h"
#include "sync/sync_settings.h"
#include "sync/sync_ui.h"
#include "sync/text.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/gauge.h>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/weakref.h>

namespace pupitre::gui {
namespace {

// "Sent 12 changes, received 30, 1 conflict".
wxString summary(const SyncReport& report)
{
  const auto sent = static_cast<long long>(report.uploaded);
  const auto received = static_cast<long long>(report.downloaded);
  const auto conflicts = static_cast<long long>(report.conflicts);
  wxString text = wxString::Format(wxPLURAL("Sent %lld change", "Sent %lld changes", sent), sent);
  text += wxString::Format(_(", received %lld"), received);
  text += wxString::Format(wxPLURAL(", %lld conflict", ", %lld conflicts", conflicts), conflicts);
  if (conflicts > 0) {
    text += _(" (the values that lost are kept in the conflict list).");
  }
  if (report.filesSent > 0 || report.filesReceived > 0) {
    text += "\n";
    text += wxString::Format(_("Files: %lld sent, %lld received."),
                             static_cast<long long>(report.filesSent),
                             static_cast<long long>(report.filesReceived));
  }
  for (const auto& warning : report.warnings) {
    text += "\n" + wxString::FromUTF8(warning);
  }
  return text;
}

class SynchroniseDialog : public wxDialog
{
public:
  SynchroniseDialog(wxWindow* parent, DaemonLink& link, store::Database& db)
      : wxDialog(parent, wxID_ANY, _("Synchronise"), wxDefaultPosition, wxDefaultSize,
                 wxDEFAULT_DIALOG_STYLE),
        m_link(link), m_db(db)
  {
    SetIcons(appIcons());
    const auto choices = defaultSyncOptions(db);
    auto* top = new wxBoxSizer(wxVERTICAL);

    auto* intro = new wxStaticText(
        this, wxID_ANY,
        _("Send the changes made on this computer to the server and receive those made on "
          "your other devices."));
    intro->Wrap(FromDIP(420));
    top->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(12)));

    m_data = new wxCheckBox(this, wxID_ANY, _("Synchronise data"), wxDefaultPosition, wxDefaultSize,
                            0, wxDefaultValidator, "sync_data");
    m_pictures =
        new wxCheckBox(this, wxID_ANY, _("Synchronise students' pictures"), wxDefaultPosition,
                       wxDefaultSize, 0, wxDefaultValidator, "sync_pictures");
    m_resources =
        new wxCheckBox(this, wxID_ANY, _("Synchronise resources (files)"), wxDefaultPosition,
                       wxDefaultSize, 0, wxDefaultValidator, "sync_resources");
    m_data->SetValue(true);
    m_pictures->SetValue(choices.pictures);
    m_resources->SetValue(choices.resources);
    // What the school's policy locks stays as it sets it, greyed (school_policy.h).
    const auto school = schoolSettings(schoolPolicy(), db);
    m_locked = {false, school.isLocked(policy::keys::kSyncPictures),
                school.isLocked(policy::keys::kSyncResources)};
    for (auto* box : {m_data, m_pictures, m_resources}) {
      if (isLocked(box)) {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(box, wxSizerFlags().CentreVertical());
        row->Add(createPolicyNote(this, box == m_pictures ? "sync_pictures_policy"
                                                          : "sync_resources_policy"),
                 wxSizerFlags().CentreVertical().Border(wxLEFT, FromDIP(16)));
        top->Add(row, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12)));
      } else {
        top->Add(box, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12)));
      }
      box->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        saveSyncChoices(m_db, chosen()); // this device's choice, for next time and the tray
        updateControls();
      });
    }

    m_gauge = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, FromDIP(wxSize(420, -1)),
                          wxGA_HORIZONTAL | wxGA_SMOOTH, wxDefaultValidator, "sync_gauge");
    top->Add(m_gauge, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    m_message =
        new wxStaticText(this, wxID_ANY, " ", wxDefaultPosition, wxDefaultSize, 0, "sync_message");
    top->Add(m_message, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_openSettings = new wxButton(this, wxID_ANY, trUtf8("Open Settings…"), wxDefaultPosition,
                                  wxDefaultSize, 0, wxDefaultValidator, "sync_open_settings");
    buttons->Add(m_openSettings);
    buttons->AddStretchSpacer();
    m_start = new wxButton(this, wxID_ANY, _("Start"), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, "sync_start");
    // While a sync runs: stops it (the daemon abandons the request under way, nothing is
    // lost) and closes the dialog. Close only hides the dialog; the sync goes on.
    m_cancel = new wxButton(this, wxID_ANY, _("Cancel synchronisation"), wxDefaultPosition,
                            wxDefaultSize, 0, wxDefaultValidator, "sync_cancel");
    m_close = new wxButton(this, wxID_CANCEL, _("Close"));
    buttons->Add(m_start, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
    buttons->Add(m_cancel, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
    buttons->Add(m_close);
    top->Add(buttons, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12)));
    SetSizerAndFit(top);
    SetEscapeId(wxID_CANCEL);
    m_start->SetDefault();

    m_start->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });
    m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); });
    m_openSettings->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openSettings(); });
    m_link.Bind(EVT_DAEMON_SYNC, &SynchroniseDialog::onSync, this);
    m_link.Bind(EVT_DAEMON_STATUS, &SynchroniseDialog::onStatus, this);
    updateControls();
    CentreOnParent();
  }

  ~SynchroniseDialog() override
  {
    m_link.Unbind(EVT_DAEMON_SYNC, &SynchroniseDialog::onSync, this);
    m_link.Unbind(EVT_DAEMON_STATUS, &SynchroniseDialog::onStatus, this);
  }

private:
  enum class Phase { Choosing, Running, Ended };

  void updateControls()
  {
    const auto& status = m_link.status();
    const bool choosing = m_phase != Phase::Running;
    for (auto* box : {m_data, m_pictures, m_resources}) {
      box->Enable(choosing && status.canSync() && !isLocked(box));
    }
    const bool anything = m_data->GetValue() || m_pictures->GetValue() || m_resources->GetValue();
    m_start->Enable(choosing && status.canSync() && anything);
    m_start->SetLabel(m_phase == Phase::Ended ? _("Synchronise again") : _("Start"));
    m_start->Show(choosing);
    m_cancel->Show(!choosing);
    m_cancel->Enable(!m_cancelling);
    m_openSettings->Show(!status.canSync());
    if (m_phase == Phase::Choosing) {
      if (!status.canSync()) {
        showMessage(wxString::FromUTF8(status.whyCannotSync()), true);
      } else if (!anything) {
        showMessage(_("Tick at least one thing to synchronise."), false);
      } else {
        showMessage(_("Ready."), false);
      }
    }
    Layout();
    GetSizer()->SetSizeHints(this);
  }

  SyncOptions chosen() const
  {
    return {m_data->GetValue(), m_pictures->GetValue(), m_resources->GetValue()};
  }

  void showMessage(const wxString& text, bool problem)
  {
    m_message->SetForegroundColour(problem ? wxColour(180, 30, 20)
                                           : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    m_message->SetLabel(text);
    m_message->Wrap(FromDIP(420));
  }

  void start()
  {
    const SyncOptions options = chosen();
    saveSyncChoices(m_db, options);
    m_phase = Phase::Running;
    m_gauge->SetValue(0);
    showMessage(trUtf8("Starting…"), false);
    updateControls();
    wxWeakRef<SynchroniseDialog> self(this);
    m_link.synchronise(options, [self](const std::string& error) {
      if (self) {
        self->ended(error);
      }
    });
  }

  void cancel()
  {
    m_cancelling = true;
    showMessage(trUtf8("Cancelling… the changes not sent yet stay on this computer."), false);
    updateControls();
    wxWeakRef<SynchroniseDialog> self(this);
    m_link.cancelSync([self](const std::string& error) {
      if (self && !error.empty()) { // the daemon could not be asked
        self->m_cancelling = false;
        self->showMessage(wxString::FromUTF8(error), true);
        self->updateControls();
      }
    });
  }

  void ended(const std::string& error)
  {
    m_phase = Phase::Ended;
    if (m_cancelling) { // the teacher left the sync: nothing more to show
      m_cancelling = false;
      if (IsModal()) {
        EndModal(wxID_CANCEL);
      } else {
        Hide();
      }
      return;
    }
    if (error.empty()) {
      m_gauge->SetValue(100);
      // A file refused by the server (quota, size limit) is worth the warning colour.
      showMessage(summary(m_link.lastReport()), !m_link.lastReport().warnings.empty());
    } else {
      m_gauge->SetValue(0);
      showMessage(wxString::FromUTF8(error), true);
    }
    updateControls();
  }

  void onSync(wxCommandEvent& event)
  {
    event.Skip();
    if (m_phase != Phase::Running) {
      return;
    }
    const auto& report = m_link.lastReport();
    if (report.finished || report.failed) {
      return; // the sync's `done` says how it ended
    }
    const bool sending = report.stage == "push";
    if (report.total > 0) {
      m_gauge->SetValue(
          static_cast<int>(std::min<std::int64_t>(100, report.done * 100 / report.total)));
    } else {
      m_gauge->Pulse();
    }
    if (report.stage.empty()) {
      showMessage(trUtf8("Synchronising…"), false);
    } else if (sending) {
      showMessage(wxString::Format(_("Sending changes: %lld of %lld"),
                                   static_cast<long long>(report.done),
                                   static_cast<long long>(report.total)),
                  false);
    } else {
      showMessage(
          wxString::Format(_("Receiving changes: %lld"), static_cast<long long>(report.done)),
          false);
    }
  }

  void onStatus(wxCommandEvent& event)
  {
    event.Skip();
    updateControls();
  }

  void openSettings()
  {
    showSettingsDialog(this, m_link, m_db, SettingsPage::Account);
    updateControls();
  }

  DaemonLink& m_link;
  store::Database& m_db;
  Phase m_phase = Phase::Choosing;
  bool m_cancelling = false;
  wxCheckBox* m_data = nullptr;
  wxCheckBox* m_pictures = nullptr;
  wxCheckBox* m_resources = nullptr;
  SyncOptions m_locked{false, false, false}; // the parts the school's policy sets
  bool isLocked(wxCheckBox* box) const
  {
    return (box == m_pictures && m_locked.pictures) || (box == m_resources && m_locked.resources);
  }
  wxGauge* m_gauge = nullptr;
  wxStaticText* m_message = nullptr;
  wxButton* m_openSettings = nullptr;
  wxButton* m_start = nullptr;
  wxButton* m_cancel = nullptr;
  wxButton* m_close = nullptr;
};

} // namespace

wxDialog* createSynchroniseDialog(wxWindow* parent, DaemonLink& link, store::Database& db)
{
  return new SynchroniseDialog(parent, link, db);
}

void showSynchroniseDialog(wxWindow* parent, DaemonLink& link, store::Database& db)
{
  SynchroniseDialog dialog(parent, link, db);
  dialog.ShowModal();
}

} // namespace pupitre::gui
