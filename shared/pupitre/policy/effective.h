#pragma once
// The settings that apply, computed in one place for pupitred and the app: a value the
// school's policy locks wins over the teacher's choice, the teacher's choice wins over the
// policy's preset, and the preset wins over Pupitre's defaults. The policy's minimum interval
// raises any shorter schedule. The checks below refuse a change the policy does not allow,
// with a sentence that says so.
#include "policy.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::policy {

// What the teacher chose on this computer; nullopt: never chosen.
struct TeacherSettings
{
  std::optional<std::int64_t> scheduleMinutes; // 0: only when asked
  std::optional<bool> syncPictures;
  std::optional<bool> syncResources;
};

struct EffectiveSettings
{
  std::optional<std::int64_t> scheduleMinutes; // nullopt: only when asked
  std::optional<std::int64_t> minimumMinutes;  // the policy's sync_every_minutes_min
  bool syncPictures = false;
  bool syncResources = false;
  std::string serverUrl; // the policy's server (prefills the sign-in), empty without one
  bool autostartTray = true;
  bool allowSignOut = true;
  // The keys the teacher cannot change (keys::…): server_url, sync_every_minutes,
  // sync_pictures, sync_resources, autostart_tray, allow_sign_out.
  std::vector<std::string> locked;

  bool isLocked(const std::string& key) const;
};

EffectiveSettings effectiveSettings(const Policy& policy, const TeacherSettings& teacher);

// Server addresses compared as the sign-in keeps them: scheme and host case-insensitive,
// without a trailing slash.
bool sameServer(const std::string& a, const std::string& b);

// The server a sign-in goes to: `requested`, or the policy's when empty. Throws
// PolicyRefusal when the policy locks another server, ValidationError when there is none.
std::string serverForLogin(const Policy& policy, const std::string& requested);
// Throws PolicyRefusal when the policy locks the schedule or `minutes` is under its minimum
// (nullopt or 0: only when asked, always allowed unless locked).
void checkSchedule(const Policy& policy, std::optional<std::int64_t> minutes);
// Throws PolicyRefusal when the policy locks that part of "Synchronise now" to off and a
// sync asks for it.
void checkSyncParts(const Policy& policy, bool pictures, bool resources);
// Throws PolicyRefusal when the policy does not allow signing out.
void checkSignOut(const Policy& policy);

} // namespace pupitre::policy
