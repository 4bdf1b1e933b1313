#pragma once
// The school's policy over this device's own choices, as pupitred applies them
// (pupitre/policy/effective.h): the teacher's choices read from the database's settings, and
// the effective settings as STATUS reports them.
#include "shared_database.h"

#include "pupitre/policy/effective.h"

#include <Poco/JSON/Object.h>

namespace pupitre::daemon {

// The schedule pupitred keeps and the parts of "Synchronise now" the app keeps.
policy::TeacherSettings teacherSettings(SharedDatabase& db);
policy::EffectiveSettings effectiveSettings(const policy::Policy& policy, SharedDatabase& db);

// STATUS's "settings": {server_url, sync_every_minutes, sync_every_minutes_min, sync_pictures,
// sync_resources, autostart_tray, allow_sign_out} (null where none applies).
Poco::JSON::Object::Ptr settingsJson(const policy::EffectiveSettings& settings);

} // namespace pupitre::daemon
