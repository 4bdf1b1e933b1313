#include "sync/school_policy.h"

#include "sync/sync_settings.h"

#include "pupitre/store/database.h"

#include <spdlog/spdlog.h>

#include <mutex>
#include <set>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/stattext.h>

namespace pupitre::gui {

policy::Policy schoolPolicy()
{
  auto reading = policy::readSystemPolicy();
  // Read again at each page; each warning goes to the log once.
  static std::mutex mutex;
  static std::set<std::string> logged;
  std::lock_guard lock(mutex);
  for (const auto& warning : reading.warnings) {
    if (logged.insert(warning).second) {
      spdlog::warn("School policy: {}", warning);
    }
  }
  return std::move(reading.policy);
}

policy::EffectiveSettings schoolSettings(const policy::Policy& policy, store::Database& db)
{
  const auto flag = [&db](const char* key) -> std::optional<bool> {
    const auto value = db.setting(key);
    return value && !value->empty() ? std::optional<bool>(*value == "1") : std::nullopt;
  };
  // The schedule is pupitred's; the app shows the daemon's effective one.
  return policy::effectiveSettings(
      policy, {std::nullopt, flag(settings::kSyncPictures), flag(settings::kSyncResources)});
}

wxStaticText* createPolicyNote(wxWindow* parent, const char* name, const wxString& text)
{
  auto* note = new wxStaticText(parent, wxID_ANY, text.empty() ? _("Set by your school") : text,
                                wxDefaultPosition, wxDefaultSize, 0, name);
  note->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  return note;
}

} // namespace pupitre::gui
