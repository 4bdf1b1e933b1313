// Settings, Sync: when pupitred synchronises by itself, and what "Synchronise now" includes.
// What the school's policy locks is greyed with "Set by your school"; its minimum interval
// is the spin control's least value.
#include "sync/school_policy.h"
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
      : SettingsPagePanel(parent), m_link(link), m_db(db), m_policy(schoolPolicy()),
        m_effective(schoolSettings(m_policy, db))
  {
    namespace keys = policy::keys;
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
    if (m_effective.isLocked(keys::kSyncEveryMinutes)) {
      every->Add(createPolicyNote(this, "sync_every_policy"),
                 wxSizerFlags().CentreVertical().Border(wxLEFT, gap * 2));
    } else if (m_effective.minimumMinutes) {
      m_minutes->SetRange(static_cast<int>(*m_effective.minimumMinutes), kLongestMinutes);
      every->Add(createPolicyNote(this, "sync_every_policy",
                                  wxString::Format(_("(at least %d: set by your school)"),
                                                   static_cast<int>(*m_effective.minimumMinutes))),
                 wxSizerFlags().CentreVertical().Border(wxLEFT, gap * 2));
    }
    top->Add(every, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, border * 2));

    top->Add(new wxStaticText(this, wxID_ANY,
                              _("\"Synchronise now\" (tray menu) includes the data and:")),
             wxSizerFlags().Border(wxALL, border));
    m_pictures = new wxCheckBox(this, wxID_ANY, _("Students' pictures"), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "sync_default_pictures");
    m_resources = new wxCheckBox(this, wxID_ANY, _("Resources (files)"), wxDefaultPosition,
                                 wxDefaultSize, 0, wxDefaultValidator, "sync_default_resources");
    struct Part
    {
      wxCheckBox* box;
      const char* key;
      const char* note;
    };
    for (const Part& part :
         {Part{m_pictures, keys::kSyncPictures, "sync_default_pictures_policy"},
          Part{m_resources, keys::kSyncResources, "sync_default_resources_policy"}}) {
      auto* box = part.box;
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      row->Add(box, wxSizerFlags().CentreVertical());
      if (m_effective.isLocked(part.key)) {
        box->Disable();
        row->Add(createPolicyNote(this, part.note),
                 wxSizerFlags().CentreVertical().Border(wxLEFT, gap * 2));
      }
      top->Add(row, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, border * 2));
    }

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
    if (wanted != m_scheduled && m_link.status().reachable &&
        !m_effective.isLocked(policy::keys::kSyncEveryMinutes)) {
      // The dialog closes at once; a refusal shows on the status bar's next update.
      m_link.setSchedule(wanted);
    }
    return true;
  }

private:
  void updateControls()
  {
    const bool reachable = m_link.status().reachable;
    const bool changeable = reachable && !m_effective.isLocked(policy::keys::kSyncEveryMinutes);
    m_manual->Enable(changeable);
    m_every->Enable(changeable);
    m_minutes->Enable(changeable && m_every->GetValue());
    if (!reachable) {
      showPageMessage(m_message,
                      _("The schedule is kept by the synchronisation service (pupitred), which "
                        "is not running. Restart Pupitre to change it."),
                      true, FromDIP(440));
    }
  }

  DaemonLink& m_link;
  store::Database& m_db;
  policy::Policy m_policy;
  policy::EffectiveSettings m_effective;
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
