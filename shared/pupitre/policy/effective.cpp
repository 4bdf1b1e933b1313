#include "effective.h"

#include <algorithm>
#include <cctype>

namespace pupitre::policy {
namespace {

std::string normalUrl(std::string url)
{
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  // Scheme and host are case-insensitive; the path is not.
  const auto scheme = url.find("://");
  const auto hostEnd = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const auto end = hostEnd == std::string::npos ? url.size() : hostEnd;
  std::transform(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(end), url.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return url;
}

bool scheduleLocked(const Policy& policy)
{
  return policy.lockSyncOptions && policy.syncEveryMinutes.has_value();
}

} // namespace

bool EffectiveSettings::isLocked(const std::string& key) const
{
  return std::find(locked.begin(), locked.end(), key) != locked.end();
}

EffectiveSettings effectiveSettings(const Policy& policy, const TeacherSettings& teacher)
{
  EffectiveSettings out;
  out.minimumMinutes = policy.syncEveryMinutesMin;
  out.serverUrl = policy.serverUrl.value_or("");
  out.autostartTray = policy.autostartTray;
  out.allowSignOut = policy.allowSignOut;
  if (policy.lockServerUrl && policy.serverUrl) {
    out.locked.push_back(keys::kServerUrl);
  }

  // Schedule: locked policy > teacher > policy preset > off; never under the minimum.
  std::optional<std::int64_t> minutes;
  if (scheduleLocked(policy)) {
    minutes = policy.syncEveryMinutes;
    out.locked.push_back(keys::kSyncEveryMinutes);
  } else if (teacher.scheduleMinutes) {
    minutes = teacher.scheduleMinutes;
  } else {
    minutes = policy.syncEveryMinutes;
  }
  if (minutes && *minutes > 0) {
    out.scheduleMinutes = std::max(*minutes, policy.syncEveryMinutesMin.value_or(1));
  }

  const auto part = [&](const std::optional<bool>& school, const std::optional<bool>& own,
                        const char* key) {
    if (policy.lockSyncOptions && school) {
      out.locked.push_back(key);
      return *school;
    }
    return own.value_or(school.value_or(false));
  };
  out.syncPictures = part(policy.syncPictures, teacher.syncPictures, keys::kSyncPictures);
  out.syncResources = part(policy.syncResources, teacher.syncResources, keys::kSyncResources);
  if (!policy.autostartTray) {
    out.locked.push_back(keys::kAutostartTray);
  }
  if (!policy.allowSignOut) {
    out.locked.push_back(keys::kAllowSignOut);
  }
  return out;
}

bool sameServer(const std::string& a, const std::string& b)
{
  return normalUrl(a) == normalUrl(b);
}

std::string serverForLogin(const Policy& policy, const std::string& requested)
{
  if (requested.empty()) {
    if (!policy.serverUrl) {
      throw ValidationError("No server address: give the address of your school's Pupitre "
                            "server (e.g. pupitrectl login https://pupitre.school.example "
                            "EMAIL).");
    }
    return *policy.serverUrl;
  }
  if (policy.lockServerUrl && policy.serverUrl && !sameServer(requested, *policy.serverUrl)) {
    throw PolicyRefusal(Sentence{
        PUPITRE_TR("Your school's policy allows signing in only to %1 on this computer, not "
                   "to %2. Sign in to %1, or ask your school's IT (%3)."),
        {*policy.serverUrl, requested, policy.origin}});
  }
  return requested;
}

void checkSchedule(const Policy& policy, std::optional<std::int64_t> minutes)
{
  const std::int64_t wanted = minutes.value_or(0);
  if (scheduleLocked(policy)) {
    const std::int64_t fixed =
        std::max(*policy.syncEveryMinutes, policy.syncEveryMinutesMin.value_or(0));
    const bool same = fixed == 0 ? wanted == 0 : wanted == fixed;
    if (!same) {
      if (fixed == 0) {
        throw PolicyRefusal(Sentence{
            PUPITRE_TR("Your school sets this computer to synchronise only when asked; it cannot "
                       "be changed here. Ask your school's IT (%1)."),
            {policy.origin}});
      }
      throw PolicyRefusal(Sentence{
          PUPITRE_TR("Your school sets this computer to synchronise every %1 minutes; it cannot "
                     "be changed here. Ask your school's IT (%2)."),
          {std::to_string(fixed), policy.origin}});
    }
  }
  if (wanted > 0 && policy.syncEveryMinutesMin && wanted < *policy.syncEveryMinutesMin) {
    throw PolicyRefusal(Sentence{
        PUPITRE_TR("Your school's policy allows synchronising at most every %1 minutes; choose "
                   "%1 minutes or more (or only when asked)."),
        {std::to_string(*policy.syncEveryMinutesMin)}});
  }
}

void checkSyncParts(const Policy& policy, bool pictures, bool resources)
{
  if (!policy.lockSyncOptions) {
    return;
  }
  if (pictures && policy.syncPictures == false) {
    throw PolicyRefusal(Sentence{PUPITRE_TR("Your school's policy does not synchronise students' "
                                            "pictures from this computer; synchronise the data "
                                            "without them."),
                                 {}});
  }
  if (resources && policy.syncResources == false) {
    throw PolicyRefusal(Sentence{PUPITRE_TR("Your school's policy does not synchronise resource "
                                            "files from this computer; synchronise the data "
                                            "without them."),
                                 {}});
  }
}

void checkSignOut(const Policy& policy)
{
  if (!policy.allowSignOut) {
    throw PolicyRefusal(Sentence{
        PUPITRE_TR("Your school's policy keeps this computer signed in; signing out is not "
                   "allowed. Ask your school's IT (%1) if you need it."),
        {policy.origin}});
  }
}

} // namespace pupitre::policy
