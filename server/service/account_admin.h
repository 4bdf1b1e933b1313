#pragma once
// What the server's administrator does from the command line (docs/server.md): accounts,
// passwords, licences, linked devices, and an account's data as canonical JSON. Invalid
// input throws ValidationError, unknown accounts or devices NotFoundError, each with a
// sentence saying what to do.
#include "pupitre/clock/hlc.h"
#include "server/store/server_store.h"

#include <optional>
#include <string>
#include <vector>

namespace pupitre::server {

constexpr std::size_t kMinPasswordLength = 8; // characters

class AccountAdmin
{
public:
  explicit AccountAdmin(ServerStore& store, clock::WallClock clock = {});

  // `devices`: the licence's device limit; by default 5 for multi, always 1 for single.
  void addUser(const std::string& email, const std::string& password, const std::string& licence,
               std::optional<std::int64_t> devices = std::nullopt);
  // Also revokes every token of the account (each device signs in again); returns how many.
  std::int64_t setPassword(const std::string& email, const std::string& password);
  void setLicence(const std::string& email, const std::string& licence,
                  std::optional<std::int64_t> devices = std::nullopt);
  std::vector<DeviceRecord> devices(const std::string& email);
  // The browsers signed in to the web version (as stored: an ended one stays until the
  // server's hourly sweep).
  std::vector<WebSessionRecord> webSessions(const std::string& email);
  // Unlinks the device, or signs out the web session, `deviceId`; true for a web session.
  bool unlink(const std::string& email, const std::string& deviceId);
  // Everything held about the account (sync/account_export.h, accountFullJson).
  std::string exportJson(const std::string& email);
  // Only the live data, as canonical JSON (what `pupitrectl export` prints on a device).
  std::string exportLiveJson(const std::string& email);
  // Erases the account and all its data; returns the blob hashes no other account holds
  // (the caller deletes their files).
  std::vector<std::string> erase(const std::string& email);

private:
  AccountRecord require(const std::string& email);

  ServerStore& m_store;
  clock::WallClock m_clock;
};

} // namespace pupitre::server
