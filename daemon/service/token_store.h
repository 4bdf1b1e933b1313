#pragma once
// Where pupitred keeps the device token it got at login (never the password): the desktop
// keyring through libsecret when a Secret Service answers on the session bus, otherwise (or
// when the keyring fails) a 0600 file in the data folder.
#include <memory>
#include <optional>
#include <string>

namespace spdlog {
class logger;
}

namespace pupitre::daemon {

class TokenStore
{
public:
  virtual ~TokenStore() = default;
  virtual std::optional<std::string> load() = 0;
  // Throws Error when the token cannot be kept.
  virtual void save(const std::string& token) = 0;
  virtual void forget() = 0;
  // "keyring" or "file": where the token is (status shows it).
  virtual std::string kind() const = 0;
};

// A file written 0600 (replaced whole on each save).
class FileTokenStore : public TokenStore
{
public:
  explicit FileTokenStore(std::string path) : m_path(std::move(path)) {}
  std::optional<std::string> load() override;
  void save(const std::string& token) override;
  void forget() override;
  std::string kind() const override { return "file"; }
  const std::string& path() const { return m_path; }

private:
  std::string m_path;
};

// The desktop keyring (Secret Service), entries keyed by database file and device id; on
// Windows the Credential Manager, a generic credential named credentialTarget().
// nullptr when pupitred was built without libsecret or no Secret Service is reachable.
std::unique_ptr<TokenStore> openKeyring(const std::string& databasePath,
                                        const std::string& deviceId,
                                        const std::shared_ptr<spdlog::logger>& log);

#ifdef _WIN32
// The Credential Manager's target name of the token of `deviceId` in `databasePath`:
// "Pupitre/<device id>/<database path>" (the keys of the Linux keyring's entry).
std::string credentialTarget(const std::string& databasePath, const std::string& deviceId);
#endif

// The keyring when there is one, else the file; a failed keyring write falls back to the
// file. Reads look in both, so a token saved while the keyring was away is still found.
class DeviceTokenStore : public TokenStore
{
public:
  DeviceTokenStore(std::unique_ptr<TokenStore> keyring, std::unique_ptr<FileTokenStore> file,
                   std::shared_ptr<spdlog::logger> log);
  std::optional<std::string> load() override;
  void save(const std::string& token) override;
  void forget() override;
  std::string kind() const override { return m_kind; }

private:
  std::unique_ptr<TokenStore> m_keyring;
  std::unique_ptr<FileTokenStore> m_file;
  std::shared_ptr<spdlog::logger> m_log;
  std::string m_kind;
};

} // namespace pupitre::daemon
