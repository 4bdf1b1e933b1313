#include "policy_values.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pupitre::policy {
namespace {

std::string lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::optional<bool> parseBool(const std::string& text)
{
  const std::string value = lower(text);
  if (value == "true" || value == "yes" || value == "on" || value == "1") {
    return true;
  }
  if (value == "false" || value == "no" || value == "off" || value == "0") {
    return false;
  }
  return std::nullopt;
}

std::optional<std::int64_t> parseMinutes(const std::string& text, bool offAllowed)
{
  if (offAllowed && lower(text) == "off") {
    return 0;
  }
  std::int64_t minutes = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), minutes);
  if (error != std::errc() || end != text.data() + text.size() || minutes < (offAllowed ? 0 : 1) ||
      minutes > kMaxMinutes) {
    return std::nullopt;
  }
  return minutes;
}

std::optional<std::string> parseUrl(std::string text)
{
  while (!text.empty() && text.back() == '/') {
    text.pop_back();
  }
  const std::string start = lower(text.substr(0, 8));
  const bool http = start.rfind("http://", 0) == 0 && text.size() > 7;
  const bool https = start.rfind("https://", 0) == 0 && text.size() > 8;
  if ((!http && !https) || text.find_first_of(" \t") != std::string::npos) {
    return std::nullopt;
  }
  return text;
}

} // namespace

void applyValue(Policy& policy, const std::string& key, const std::string& value,
                const std::string& place, std::vector<std::string>& warnings)
{
  const auto warn = [&](const std::string& expected) {
    warnings.push_back(place + ": " + key + " = '" + value + "' is not " + expected +
                       "; the key is ignored, the rest of the policy applies.");
  };
  const auto setBool = [&](bool& target) {
    if (const auto parsed = parseBool(value)) {
      target = *parsed;
    } else {
      warn("true or false");
    }
  };
  const auto setOptionalBool = [&](std::optional<bool>& target) {
    if (const auto parsed = parseBool(value)) {
      target = *parsed;
    } else {
      warn("true or false");
    }
  };
  if (key == keys::kServerUrl) {
    if (const auto url = parseUrl(value)) {
      policy.serverUrl = *url;
    } else {
      warn("an address starting with https:// (or http://)");
    }
  } else if (key == keys::kLockServerUrl) {
    setBool(policy.lockServerUrl);
  } else if (key == keys::kSyncEveryMinutes) {
    if (const auto minutes = parseMinutes(value, true)) {
      policy.syncEveryMinutes = *minutes;
    } else {
      warn("a number of minutes from 1 to " + std::to_string(kMaxMinutes) + ", or off");
    }
  } else if (key == keys::kSyncEveryMinutesMin) {
    if (const auto minutes = parseMinutes(value, false)) {
      policy.syncEveryMinutesMin = *minutes;
    } else {
      warn("a number of minutes from 1 to " + std::to_string(kMaxMinutes));
    }
  } else if (key == keys::kSyncPictures) {
    setOptionalBool(policy.syncPictures);
  } else if (key == keys::kSyncResources) {
    setOptionalBool(policy.syncResources);
  } else if (key == keys::kLockSyncOptions) {
    setBool(policy.lockSyncOptions);
  } else if (key == keys::kAutostartTray) {
    setBool(policy.autostartTray);
  } else if (key == keys::kAllowSignOut) {
    setBool(policy.allowSignOut);
  } else {
    warnings.push_back(place + ": unknown key '" + key +
                       "' is ignored (docs/deploy.md lists the keys); the rest of the policy "
                       "applies.");
  }
}

void finishPolicy(Policy& policy, const std::string& origin, std::vector<std::string>& warnings)
{
  policy.origin = origin;
  if (policy.lockServerUrl && !policy.serverUrl) {
    warnings.push_back(origin + ": " + keys::kLockServerUrl + " is set without a valid " +
                       keys::kServerUrl + "; nothing is locked.");
    policy.lockServerUrl = false;
  }
  if (policy.lockSyncOptions && !policy.syncEveryMinutes && !policy.syncPictures &&
      !policy.syncResources) {
    warnings.push_back(origin + ": " + keys::kLockSyncOptions + " is set but none of " +
                       keys::kSyncEveryMinutes + ", " + keys::kSyncPictures + ", " +
                       keys::kSyncResources + " is; nothing is locked.");
  }
  if (policy.syncEveryMinutes && policy.syncEveryMinutesMin && *policy.syncEveryMinutes > 0 &&
      *policy.syncEveryMinutes < *policy.syncEveryMinutesMin) {
    warnings.push_back(origin + ": " + keys::kSyncEveryMinutes + " (" +
                       std::to_string(*policy.syncEveryMinutes) + ") is under " +
                       keys::kSyncEveryMinutesMin + " (" +
                       std::to_string(*policy.syncEveryMinutesMin) + "); the minimum is used.");
    policy.syncEveryMinutes = policy.syncEveryMinutesMin;
  }
}

} // namespace pupitre::policy
