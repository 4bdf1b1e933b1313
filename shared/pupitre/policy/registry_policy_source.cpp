// The policy on Windows: values of HKLM\Software\Policies\Pupitre (Group Policy, the MSI),
// HKCU\Software\Policies\Pupitre and HKCU\Software\Pupitre\Policy (the per-user installer),
// read with RegGetValueW. Built only on Windows.
#ifdef _WIN32
#include "policy.h"
#include "policy_values.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <set>
#include <string>
#include <vector>

namespace pupitre::policy {
namespace {

std::wstring wide(const std::string& text)
{
  if (text.empty()) {
    return {};
  }
  const int size =
      MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(size), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size);
  return out;
}

std::string narrow(const std::wstring& text)
{
  if (text.empty()) {
    return {};
  }
  const int size = WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()),
                                       nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(size), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size,
                      nullptr, nullptr);
  return out;
}

// The value `name` as text: a REG_SZ as it is, a REG_DWORD as its decimal number. nullopt
// when the value does not exist; `problem` says why another value could not be read.
std::optional<std::string> readValue(HKEY key, const char* name, std::string& problem)
{
  const std::wstring valueName = wide(name);
  DWORD type = 0;
  DWORD size = 0;
  LSTATUS status = RegGetValueW(key, nullptr, valueName.c_str(), RRF_RT_REG_SZ | RRF_RT_REG_DWORD,
                                &type, nullptr, &size);
  if (status == ERROR_FILE_NOT_FOUND) {
    return std::nullopt;
  }
  if (status != ERROR_SUCCESS) {
    problem = "cannot be read (error " + std::to_string(status) + "; use REG_SZ or REG_DWORD)";
    return std::nullopt;
  }
  if (type == REG_DWORD) {
    DWORD number = 0;
    size = sizeof(number);
    status =
        RegGetValueW(key, nullptr, valueName.c_str(), RRF_RT_REG_DWORD, nullptr, &number, &size);
    if (status != ERROR_SUCCESS) {
      problem = "cannot be read (error " + std::to_string(status) + ")";
      return std::nullopt;
    }
    return std::to_string(number);
  }
  std::vector<wchar_t> buffer(size / sizeof(wchar_t) + 1, L'\0');
  size = static_cast<DWORD>(buffer.size() * sizeof(wchar_t));
  status =
      RegGetValueW(key, nullptr, valueName.c_str(), RRF_RT_REG_SZ, nullptr, buffer.data(), &size);
  if (status != ERROR_SUCCESS) {
    problem = "cannot be read (error " + std::to_string(status) + ")";
    return std::nullopt;
  }
  return narrow(std::wstring(buffer.data()));
}

} // namespace

RegistryPolicySource::RegistryPolicySource() : m_places(systemPlaces()) {}

std::vector<RegistryPlace> RegistryPolicySource::systemPlaces()
{
  return {{true, "Software\\Policies\\Pupitre"},
          {false, "Software\\Policies\\Pupitre"},
          {false, "Software\\Pupitre\\Policy"}};
}

PolicyReading RegistryPolicySource::read() const
{
  PolicyReading reading;
  std::set<std::string> found; // the names an earlier place had: they win
  std::string origin;
  for (const RegistryPlace& place : m_places) {
    const std::string placeName = place.name();
    HKEY key = nullptr;
    const LSTATUS opened =
        RegOpenKeyExW(place.machine ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER,
                      wide(place.key).c_str(), 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key);
    if (opened == ERROR_FILE_NOT_FOUND) {
      continue; // no policy here
    }
    if (opened != ERROR_SUCCESS) {
      reading.warnings.push_back("The school policy " + placeName + " cannot be read (error " +
                                 std::to_string(opened) + "); its values do not apply.");
      continue;
    }
    origin += (origin.empty() ? "" : ", ") + placeName;
    for (const char* name : {keys::kServerUrl, keys::kLockServerUrl, keys::kSyncEveryMinutes,
                             keys::kSyncEveryMinutesMin, keys::kSyncPictures, keys::kSyncResources,
                             keys::kLockSyncOptions, keys::kAutostartTray, keys::kAllowSignOut}) {
      if (found.count(name) > 0) {
        continue;
      }
      std::string problem;
      const auto value = readValue(key, name, problem);
      if (value) {
        found.insert(name);
        applyValue(reading.policy, name, *value, placeName + "\\" + name, reading.warnings);
      } else if (!problem.empty()) {
        reading.warnings.push_back(placeName + "\\" + name + ": the value " + problem +
                                   "; the key is ignored, the rest of the policy applies.");
      }
    }
    RegCloseKey(key);
  }
  if (origin.empty()) {
    return reading; // no policy
  }
  finishPolicy(reading.policy, origin, reading.warnings);
  return reading;
}

} // namespace pupitre::policy
#endif
