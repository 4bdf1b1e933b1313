// Settings, Sync: when pupitred synchronises by itself, and what "Synchronise now" includes.
#include "sync/settings_pages.h"
#include "sync/sync_settings.h"

#include <wx/checkbox.h>
#include <wx/intl.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/weakref.h>

namespace pupitre::gui {
namespace {

constexpr int kDefaultMinutes = 30;
constexpr int kLongestMinutes = 10080; // a week, as pupitred allows

class SyncPage : public SettingsPagePanel
{
public:
  SyncPage(wxWindow* parent, DaemonLink& link, store::Database& db)
      : SettingsPagePanel(parent), m_link(link), m_db(db)
  {
    const int gap = FromDIP(8);
    const int border = FromDIP(12);
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("Synchronise this computer:")),
             wxSizerFlags().Border(wxALL, border));
    m_manual = new wxRadioButton(this, wxID_ANY, _("Only when I ask"), wxDefaultPosition,
                                 wxDefaultSize, wxRB_GROUP, wxDefaultValidator, "sync_manual");
    top->Add(m_manual, wxSizerFlags().Border(wxLEFT | wxRIGHT, border * 2));
    auto* every = new wxBoxSizer(wxHORIZONTAL);
    m_every = new wxRadioButton(this, wxID_ANY, _("Every"), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, "sync_every");
    m_minutes =
        new wxSpinCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1,
                       kLongestMinutes, kDefaultMinutes, "sync_minutes");
    every->Add(m_every, wxSizerFlags().CentreVertical().Border(wxRIGHT, gap));
    every->Add(m_minutes, wxSizerFlags().CentreVertical().Border(wxRIGHT, gap));
    every->Add(new wxStaticText(this, wxID_ANY, _("minutes")), wxSizerFlags().CentreVertical());
    top->Add(every, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, border * 2));

    top->Add(new wxStaticText(this, wxID_ANY,
                              _("\"Synchronise now\" (tray menu) includes the data and:")),
             wxSizerFlags().Border(wxALL, border));
    m_pictures = new wxCheckBox(this, wxID_ANY, _("Students' pictures"), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "sync_default_pictures");
    m_resources = new wxCheckBox(this, wxID_ANY, _("Resources (files)"), wxDefaultPosition,
                                 wxDefaultSize, 0, wxDefaultValidator, "sync_default_resources");
    top->Add(m_pictures, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, border * 2));
    top->Add(m_resources, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, border * 2));

    m_message = new wxStaticText(this, wxID_ANY, " ", wxDefaultPosition, wxDefaultSize, 0,
                                 "sync_page_message");
    top->Add(m_message, wxSizerFlags().Expand().Border(wxALL, border));
    SetSizer(top);

    const auto& status = m_link.status();
    m_scheduled = status.scheduleMinutes;
    (m_scheduled ? m_every : m_manual)->SetValue(true);
    m_minutes->SetValue(m_scheduled.value_or(kDefaultMinutes));
    const auto options = defaultSyncOptions(db);
    m_pictures->SetValue(options.pictures);
    m_resources->SetValue(options.resources);
    m_manual->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { updateControls(); });
    m_every->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { updateControls(); });
    updateControls();
  }

  bool apply() override
  {
    saveSyncChoices(m_db, {true, m_pictures->GetValue(), m_resources->GetValue()});
    const std::optional<int> wanted =
        m_every->GetValue() ? std::optional<int>(m_minutes->GetValue()) : std::nullopt;
    if (wanted != m_scheduled && m_link.status().reachable) {
      // The dialog closes at once; a refusal shows on the status bar's next update.
      m_link.setSchedule(wanted);
    }
    return true;
  }

private:
  void updateControls()
  {
    const bool reachable = m_link.status().reachable;
    m_manual->Enable(reachable);
    m_every->Enable(reachable);
    m_minutes->Enable(reachable && m_every->GetValue());
    if (!reachable) {
      showPageMessage(m_message,
                      _("The schedule is kept by the synchronisation service (pupitred), which "
                        "is not running. Restart Pupitre to change it."),
                      true, FromDIP(440));
    }
  }

  DaemonLink& m_link;
  store::Database& m_db;
  std::optional<int> m_scheduled;
  wxRadioButton* m_manual = nullptr;
  wxRadioButton* m_every = nullptr;
  wxSpinCtrl* m_minutes = nullptr;
  wxCheckBox* m_pictures = nullptr;
  wxCheckBox* m_resources = nullptr;
  wxStaticText* m_message = nullptr;
};

} // namespace

SettingsPagePanel* createSyncPage(wxWindow* parent, DaemonLink& link, store::Database& db)
{
  return new SyncPage(parent, link, db);
}

} // namespace pupitre::gui
