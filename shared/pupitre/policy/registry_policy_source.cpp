// The policy on Windows: values of HKLM\Software\Policies\Pupitre (set by Group Policy or an
// installer), read with RegGetValueW. Built only on Windows.
#ifdef _WIN32
#include "policy.h"
#include "policy_values.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <string>
#include <vector>

namespace pupitre::policy {
namespace {

constexpr const wchar_t* kKey = L"Software\\Policies\\Pupitre";
constexpr const char* kKeyName = "HKLM\\Software\\Policies\\Pupitre";

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

PolicyReading RegistryPolicySource::read() const
{
  PolicyReading reading;
  HKEY key = nullptr;
  const LSTATUS opened =
      RegOpenKeyExW(HKEY_LOCAL_MACHINE, kKey, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key);
  if (opened == ERROR_FILE_NOT_FOUND) {
    return reading; // no policy
  }
  if (opened != ERROR_SUCCESS) {
    reading.warnings.push_back(std::string("The school policy ") + kKeyName +
                               " cannot be read (error " + std::to_string(opened) +
                               "); the defaults apply.");
    return reading;
  }
  for (const char* name : {keys::kServerUrl, keys::kLockServerUrl, keys::kSyncEveryMinutes,
                           keys::kSyncEveryMinutesMin, keys::kSyncPictures, keys::kSyncResources,
                           keys::kLockSyncOptions, keys::kAutostartTray, keys::kAllowSignOut}) {
    std::string problem;
    const auto value = readValue(key, name, problem);
    if (value) {
      applyValue(reading.policy, name, *value, std::string(kKeyName) + "\\" + name,
                 reading.warnings);
    } else if (!problem.empty()) {
      reading.warnings.push_back(std::string(kKeyName) + "\\" + name + ": the value " + problem +
                                 "; the key is ignored, the rest of the policy applies.");
    }
  }
  RegCloseKey(key);
  finishPolicy(reading.policy, kKeyName, reading.warnings);
  return reading;
}

} // namespace pupitre::policy
#endif
