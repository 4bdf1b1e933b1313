#pragma once
// The device's sign-in: which server and account it syncs with (database settings) and the
// device token (TokenStore, never the password). Signs in and out, lists and unlinks the
// account's devices. Failures come out as the transport's TransportError (offline) and
// ApiRefusal (the server's code and sentence), or the errors below.
#include "shared_database.h"
#include "token_store.h"

#include "pupitre/error.h"
#include "pupitre/net/tls.h"
#include "pupitre/sync/protocol.h"
#include "pupitre/sync/transport.h"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace spdlog {
class logger;
}

namespace pupitre::daemon {

// Keys of the daemon's state in the database's `setting` table.
namespace settings {
inline constexpr const char* kServer = "account.server";
inline constexpr const char* kEmail = "account.email";
inline constexpr const char* kLicence = "account.licence";
inline constexpr const char* kScheduleMinutes = "daemon.schedule_minutes";
inline constexpr const char* kLastSync = "daemon.last_sync"; // ms of the last successful sync
// The account's storage as the server last told it (bytes).
inline constexpr const char* kStorageUsed = "account.storage_used";
inline constexpr const char* kStorageQuota = "account.storage_quota";
// How long the server keeps a deleted record's values (ms, 0: for ever), as it last said: a
// device that does not sync erases them locally by the same rule (retention_keeper.h).
inline constexpr const char* kRetentionMs = "account.retention_ms";
// This device's name as the teacher last gave it, and "1" while the server has not got it
// yet (renamed offline: the next sync sends it).
inline constexpr const char* kDeviceName = "account.device_name";
inline constexpr const char* kDeviceNamePending = "account.device_name_pending";
} // namespace settings

// The method needs a signed-in device.
class NotSignedIn : public Error
{
public:
  NotSignedIn()
      : Error(Sentence{
            PUPITRE_TR("This device is not signed in to a Pupitre server. Sign in first."), {}})
  {
  }
};

// A sync is running: signing in or out waits for its end.
class AccountBusy : public Error
{
public:
  AccountBusy()
      : Error(Sentence{PUPITRE_TR("A sync is running; try again when it has finished."), {}})
  {
  }
};

// The database already holds another account's synced data.
class OtherAccount : public Error
{
public:
  using Error::Error;
};

using TransportFactory =
    std::function<std::unique_ptr<sync::Transport>(const std::string& serverUrl)>;
// sync::HttpTransport for each server URL; HTTPS trusts the system's certificate authorities
// plus `tls`.
TransportFactory httpTransports(const net::TlsTrust& tls = {});

struct Credentials
{
  std::string server;
  std::string token;
};

struct AccountView
{
  bool signedIn = false;
  std::string server; // the last ones used, kept after sign-out
  std::string email;
  std::string licence;
  std::string tokenStorage; // "keyring" or "file"
};

// What became of a rename: sent to the server (and the account as it answered), or kept to
// be sent by the next sync (offline, or not signed in: the next sign-in uses it).
struct RenameOutcome
{
  std::string name;
  bool sent = false;
  std::optional<sync::AccountInfo> account;
};

class Account
{
public:
  Account(SharedDatabase& db, std::unique_ptr<TokenStore> tokens, TransportFactory transports,
          std::shared_ptr<spdlog::logger> log);

  // Reads the token kept by an earlier run.
  void load();
  AccountView view();
  std::optional<Credentials> credentials();
  // Called after every sign-in or sign-out (on the thread that caused it).
  void setChangedHandler(std::function<void()> handler) { m_changed = std::move(handler); }

  sync::AccountInfo login(const std::string& server, const std::string& email,
                          const std::string& password, const std::string& deviceName);
  // Revokes the token on the server when it can be reached and forgets it here either way.
  // Returns whether the server was told.
  bool logout();
  sync::AccountInfo devices();
  // Everything the server holds about the account (`pupitre-server user export`), fetched
  // with the device token (account_export.h writes it to a file).
  std::string accountExport();
  sync::AccountInfo unlink(const std::string& deviceId);
  // Renames a device of the account (`deviceId` empty or this device's: this one). The name
  // is checked (sync::checkedDeviceName); this device's is kept and, when the server cannot
  // be reached, sent by the next sync. Another device's needs the server.
  RenameOutcome renameDevice(const std::string& name, const std::string& deviceId = {});
  // This device's name: the one last given, else `fallback` (the computer's name).
  std::string deviceName(const std::string& fallback);
  // Sends a rename made offline, if any, over `transport` (called by a sync).
  void sendPendingName(sync::Transport& transport);

  // The server no longer takes the token (unlinked, revoked): forget it; the data stay.
  void forgetDevice(const std::string& why);
  // Held by the sync worker for a whole sync: login and logout throw AccountBusy meanwhile.
  std::unique_lock<std::mutex> holdForSync() { return std::unique_lock(m_operation); }

  // Keeps what the server said of the account: licence, storage, retention, and the
  // devices' names (sync/device_names.h, for the app's conflict list).
  void rememberAccount(const sync::AccountInfo& info);

private:
  template <class Call> auto withServer(Call call);
  std::unique_ptr<sync::Transport> transportFor(const std::string& server);

  SharedDatabase& m_db;
  std::unique_ptr<TokenStore> m_tokens;
  TransportFactory m_transports;
  std::shared_ptr<spdlog::logger> m_log;
  std::function<void()> m_changed;

  std::mutex m_operation; // a sign-in, sign-out or sync in progress
  std::mutex m_mutex;     // m_token
  std::string m_token;
};

} // namespace pupitre::daemon
