#include "effective_settings.h"

#include "account.h"

#include "pupitre/sync/engine.h"

namespace pupitre::daemon {

policy::TeacherSettings teacherSettings(SharedDatabase& db)
{
  const auto flag = [&db](const char* key) -> std::optional<bool> {
    const auto value = db.intSetting(key);
    return value ? std::optional<bool>(*value == 1) : std::nullopt;
  };
  return {db.intSetting(settings::kScheduleMinutes), flag(sync::settings::kIncludePictures),
          flag(sync::settings::kIncludeResources)};
}

policy::EffectiveSettings effectiveSettings(const policy::Policy& policy, SharedDatabase& db)
{
  return policy::effectiveSettings(policy, teacherSettings(db));
}

Poco::JSON::Object::Ptr settingsJson(const policy::EffectiveSettings& settings)
{
  using Poco::Dynamic::Var;
  namespace keys = policy::keys;
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
  json->set(keys::kServerUrl, settings.serverUrl.empty() ? Var() : Var(settings.serverUrl));
  json->set(keys::kSyncEveryMinutes,
            settings.scheduleMinutes ? Var(*settings.scheduleMinutes) : Var());
  json->set(keys::kSyncEveryMinutesMin,
            settings.minimumMinutes ? Var(*settings.minimumMinutes) : Var());
  json->set(keys::kSyncPictures, settings.syncPictures);
  json->set(keys::kSyncResources, settings.syncResources);
  json->set(keys::kAutostartTray, settings.autostartTray);
  json->set(keys::kAllowSignOut, settings.allowSignOut);
  return json;
}

} // namespace pupitre::daemon
