#include "sync/sync_settings.h"

#include "sync/school_policy.h"

#include "pupitre/error.h"
#include "pupitre/store/database.h"
#include "pupitre/store/value.h"

#include <wx/intl.h>

namespace pupitre::gui {
namespace {

std::optional<double> number(const std::optional<std::string>& text)
{
  return text ? store::parseNumber(*text) : std::nullopt;
}

std::string text(double value)
{
  return store::formatNumber(value);
}

} // namespace

SyncOptions defaultSyncOptions(store::Database& db)
{
  // This device's choices, or the school's preset or lock (school_policy.h).
  const auto effective = schoolSettings(schoolPolicy(), db);
  return {true, effective.syncPictures, effective.syncResources};
}

void saveSyncChoices(store::Database& db, const SyncOptions& options)
{
  // What the school locks is not the teacher's choice: it is not stored as one.
  const auto effective = schoolSettings(schoolPolicy(), db);
  if (!effective.isLocked(policy::keys::kSyncPictures)) {
    db.setSetting(settings::kSyncPictures, options.pictures ? "1" : "0");
  }
  if (!effective.isLocked(policy::keys::kSyncResources)) {
    db.setSetting(settings::kSyncResources, options.resources ? "1" : "0");
  }
}

std::vector<ScaleChoice> scaleChoices()
{
  return {
      {_("0 to 10").utf8_string(), "0..10"},
      {_("0 to 20").utf8_string(), "0..20"},
      {_("0 to 100 (percent)").utf8_string(), "0..100"},
      {_("1 to 6").utf8_string(), "1..6"},
      {_("Letters A to F").utf8_string(), "A=10;B=8;C=6;D=4;F=0"},
      {_("Acquired / in progress / not acquired").utf8_string(), "A=10;EC=5;NA=0"},
  };
}

model::Scale scaleFromSpec(const std::string& spec, std::optional<double> passMark)
{
  if (const auto dots = spec.find(".."); dots != std::string::npos) {
    const auto min = number(spec.substr(0, dots));
    const auto max = number(spec.substr(dots + 2));
    if (!min || !max) {
      throw ValidationError("'" + spec + "' is not a scale; write MIN..MAX, as in 0..10.");
    }
    auto scale = model::Scale::numeric(*min, *max, passMark.value_or((*min + *max) / 2));
    scale.validate();
    return scale;
  }
  auto scale = model::Scale::fromSymbols(spec, passMark);
  scale.validate();
  return scale;
}

GradingDefaults gradingDefaults(store::Database& db)
{
  GradingDefaults defaults;
  if (const auto scale = db.setting(settings::kGradingScale); scale && !scale->empty()) {
    defaults.scale = *scale;
  }
  try {
    const auto scale = scaleFromSpec(defaults.scale);
    defaults.passMark = number(db.setting(settings::kGradingPassMark)).value_or(scale.passMark);
  } catch (const ValidationError&) {
    defaults = GradingDefaults{}; // a setting written by hand, and wrong: the defaults
  }
  if (const auto rounding = number(db.setting(settings::kGradingRounding));
      rounding && *rounding > 0) {
    defaults.rounding = *rounding;
  }
  return defaults;
}

void saveGradingDefaults(store::Database& db, const GradingDefaults& defaults)
{
  defaults.toScale(); // throws ValidationError: a pass mark outside the scale
  if (!(defaults.rounding > 0)) {
    throw ValidationError("Averages must be rounded to a step above zero (0.1, 0.5, 1).");
  }
  db.setSetting(settings::kGradingScale, defaults.scale);
  db.setSetting(settings::kGradingPassMark, text(defaults.passMark));
  db.setSetting(settings::kGradingRounding, text(defaults.rounding));
}

} // namespace pupitre::gui
