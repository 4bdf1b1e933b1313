#pragma once
// The school's policy: settings the school's IT presets for every teacher of a computer and
// may lock (docs/deploy.md, "School policy"). One Policy is read by pupitred and by the app
// through a PolicySource: an INI file on Linux (/etc/pupitre/policy.conf, or the file named
// by PUPITRE_POLICY_FILE), registry keys on Windows (HKLM\Software\Policies\Pupitre first). Which
// value wins over the teacher's choice is decided in one place: effective.h.
#include "pupitre/error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::policy {

// The names of the policy's keys, the same in the INI file, the registry and macOS's
// managed preferences.
namespace keys {
inline constexpr const char* kServerUrl = "server_url";
inline constexpr const char* kLockServerUrl = "lock_server_url";
inline constexpr const char* kSyncEveryMinutes = "sync_every_minutes";
inline constexpr const char* kSyncEveryMinutesMin = "sync_every_minutes_min";
inline constexpr const char* kSyncPictures = "sync_pictures";
inline constexpr const char* kSyncResources = "sync_resources";
inline constexpr const char* kLockSyncOptions = "lock_sync_options";
inline constexpr const char* kAutostartTray = "autostart_tray";
inline constexpr const char* kAllowSignOut = "allow_sign_out";
} // namespace keys

// The longest interval a schedule may have (a week, as pupitred allows).
inline constexpr std::int64_t kMaxMinutes = 7 * 24 * 60;

struct Policy
{
  std::optional<std::string> serverUrl;         // without a trailing slash
  bool lockServerUrl = false;                   // only with serverUrl
  std::optional<std::int64_t> syncEveryMinutes; // 0: only when the teacher asks
  std::optional<std::int64_t> syncEveryMinutesMin;
  std::optional<bool> syncPictures;
  std::optional<bool> syncResources;
  bool lockSyncOptions = false; // locks the sync options the policy sets
  bool autostartTray = true;
  bool allowSignOut = true;
  std::string origin; // where it was read ("/etc/pupitre/policy.conf"); empty: no policy

  bool empty() const { return origin.empty(); }
};

// A policy as read, with what was wrong in it: each warning names the place (file and
// line, or registry value) and the key; the rest of the policy still applies.
struct PolicyReading
{
  Policy policy;
  std::vector<std::string> warnings;
};

class PolicySource
{
public:
  virtual ~PolicySource() = default;
  // Never throws: a source that cannot be read gives the defaults and a warning.
  virtual PolicyReading read() const = 0;
};

// The INI file of Linux (and other Unix systems): `key = value` lines, `#` or `;` comments,
// [sections] ignored. A missing file is no policy (no warning).
class IniPolicySource : public PolicySource
{
public:
  explicit IniPolicySource(std::string file) : m_file(std::move(file)) {}
  PolicyReading read() const override;
  // The same rules over a file's text, `file` naming it in warnings.
  static PolicyReading parse(const std::string& text, const std::string& file);

private:
  std::string m_file;
};

#ifdef _WIN32
// A registry key holding policy values.
struct RegistryPlace
{
  bool machine = true; // HKEY_LOCAL_MACHINE (64-bit view), else HKEY_CURRENT_USER
  std::string key;     // "Software\\Policies\\Pupitre"
  std::string name() const { return (machine ? "HKLM\\" : "HKCU\\") + key; }
};

// The policy in the registry: the same names as values, REG_SZ for the address, REG_DWORD (or
// REG_SZ) for numbers and switches (0/1), read from several keys in order of precedence — a
// value in an earlier key wins over the same value in a later one; the policy's origin names
// every key that exists. No key at all is no policy.
class RegistryPolicySource : public PolicySource
{
public:
  // systemPlaces().
  RegistryPolicySource();
  explicit RegistryPolicySource(std::vector<RegistryPlace> places) : m_places(std::move(places)) {}
  PolicyReading read() const override;
  // HKLM\Software\Policies\Pupitre (Group Policy's machine policy, the MSI's properties),
  // then HKCU\Software\Policies\Pupitre (Group Policy's user policy), then
  // HKCU\Software\Pupitre\Policy (the per-user installer's switches: a standard user cannot
  // write under HKCU\Software\Policies, so what it locks the teacher could unlock).
  static std::vector<RegistryPlace> systemPlaces();

private:
  std::vector<RegistryPlace> m_places;
};
#endif

// Where the policy file is looked for on Linux when PUPITRE_POLICY_FILE is not set.
inline constexpr const char* kDefaultPolicyFile = "/etc/pupitre/policy.conf";

// This system's source: PUPITRE_POLICY_FILE when set (on every system, for tests), else the
// registry on Windows, else the default policy file. (macOS: the managed preferences are
// documented in docs/deploy.md; this build reads the policy file there too.)
std::unique_ptr<PolicySource> systemPolicySource();
// systemPolicySource()->read().
PolicyReading readSystemPolicy();

// What the school's policy does not allow; what() says what to do instead.
class PolicyRefusal : public Error
{
public:
  using Error::Error;
};

} // namespace pupitre::policy
