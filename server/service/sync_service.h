#pragma once
// The sync API's operations (docs/sync-protocol.md) without HTTP: the HTTP routes call it,
// and so can an in-process simulation. Expected refusals (wrong password, licence, clock
// ahead, ...) come back as ApiError values; storage failures are exceptions.
#include "pupitre/clock/hlc.h"
#include "pupitre/sync/protocol.h"
#include "server/outcome.h"
#include "server/service/login_limiter.h"
#include "server/store/server_store.h"

#include <cstdint>
#include <map>
#include <string>

namespace pupitre::server {

namespace blobs {
class BlobService;
}
namespace web {
class WebSessions;
class WebData;
} // namespace web

constexpr std::int64_t kDayMs = 24 * 3600 * 1000;
constexpr std::int64_t kDefaultTokenIdleMs = 90 * kDayMs;
constexpr std::int64_t kDefaultRetentionMs = sync::kDefaultRetentionMs; // 30 days

struct SyncServiceOptions
{
  // Milliseconds since the epoch; the system clock when empty. Must be safe to call from
  // several threads.
  clock::WallClock clock;
  std::int64_t maxClockAheadMs = sync::kMaxClockAheadMs;
  // The longest text value a push may hold (push_checks.h). pupitre-server keeps the default,
  // which it announces; the simulation takes a small one, so that its large fields stay small.
  std::size_t maxTextBytes = sync::ServerLimits{}.maxTextBytes;
  LoginLimits loginLimits;
  // A token unused (its device not seen) for longer is refused; 0: tokens never expire.
  std::int64_t tokenIdleMs = kDefaultTokenIdleMs;
  // How long a deleted row keeps its values before the retention sweep erases them.
  std::int64_t retentionMs = kDefaultRetentionMs;
};

class SyncService
{
public:
  explicit SyncService(ServerStore& store, SyncServiceOptions options = {});

  std::int64_t nowMs() const;
  // How far ahead of nowMs() a pushed stamp may be (serve --max-clock-ahead); every answer
  // announces it (X-Pupitre-Max-Clock-Ahead).
  std::int64_t maxClockAheadMs() const { return m_options.maxClockAheadMs; }
  std::size_t maxTextBytes() const { return m_options.maxTextBytes; }
  // Where the store keeps the data (ServerStore::location), for messages.
  std::string storeLocation() const { return m_store.location(); }

  // `clientAddress`: the caller's network address, for rate limiting ("" when none).
  Outcome<sync::LoginResult> login(const sync::LoginRequest& request,
                                   const std::string& clientAddress = {});
  // The sign-in check every sign-in goes through (devices and the web): the e-mail and
  // password, the rate limits (a device already linked, `deviceId`, is not held back by its
  // address) and the Argon2id check. The account when the password matches.
  Outcome<AccountRecord> checkSignIn(const std::string& email, const std::string& password,
                                     const std::string& clientAddress,
                                     const std::string& deviceId = {});
  // Forgets failed sign-ins older than the rate-limit window.
  void forgetOldLoginFailures() { m_logins.forgetExpired(nowMs()); }
  // E-mails and addresses with failed sign-ins remembered now.
  std::size_t rememberedLoginFailures() { return m_logins.remembered(); }
  Outcome<sync::AccountInfo> account(const std::string& token);
  Outcome<sync::AccountInfo> unlink(const std::string& token, const std::string& deviceId);
  // Renames a linked device of the caller's account (`deviceId` empty: the caller's own).
  Outcome<sync::AccountInfo> renameDevice(const std::string& token, const std::string& deviceId,
                                          const std::string& name);
  Outcome<Done> logout(const std::string& token);
  // Everything the server holds about the caller's account, as `pupitre-server user export`
  // prints it (sync/account_export.h): the teacher's right of access without asking IT.
  Outcome<std::string> accountExport(const std::string& token);
  // The same for a signed-in browser's account (the web version).
  Outcome<std::string> accountExport(std::int64_t accountId);
  Outcome<sync::PushResult> push(const std::string& token, const sync::PushRequest& request);
  // `limit` 0 means the default page size; larger than the maximum means the maximum. With
  // `countRemaining` the page says how many items follow it. Without `ownWrites` the page
  // leaves out the versions the calling device's own pushes wrote, and the cursor of the
  // last page moves past them (docs/sync-protocol.md, "No echo"; pupitred asks so).
  Outcome<sync::PullPage> pull(const std::string& token, std::int64_t after, std::size_t limit = 0,
                               bool countRemaining = false, bool ownWrites = true);

  // Erases the values of rows deleted longer than the retention ago (on every account).
  PurgeResult sweepRetention();

  // The ACCOUNT object of the API for a stored account.
  sync::AccountInfo accountInfo(const AccountRecord& account);

  // The account of a token allowed to sync (as push and pull check it), for the blob
  // endpoints.
  Outcome<AccountRecord> syncingAccount(const std::string& token);
  // The blob endpoints' service (server/blobs/); without one they answer not_found.
  void attachBlobs(blobs::BlobService* blobs) { m_blobs = blobs; }
  // Failed sign-ins counted with every node's (login_limiter.h); nullptr: in this process only.
  void shareLoginFailures(SharedLoginFailures* shared) { m_logins.shareFailures(shared); }
  blobs::BlobService* blobs() const { return m_blobs; }
  // The web version's sessions (server/web/web_sessions.h): listed among the account's
  // devices, signed out by unlink. Without them the web endpoints answer not_found.
  void attachWebSessions(web::WebSessions* sessions) { m_web = sessions; }
  web::WebSessions* webSessions() const { return m_web; }
  // The web version's data endpoints (server/web/web_data.h); without it they answer
  // not_found.
  void attachWebData(web::WebData* data) { m_webData = data; }
  web::WebData* webData() const { return m_webData; }

  // --- for the account's web replica only (server/web/replica.h) -----------------------
  // The same push and pull as a device's, for the replica `deviceId` of the account, without
  // a token: the replica lives in the server, takes no device slot and has no token. Every
  // other check of push and pull applies (licence, batch, stamps, clock, sizes). The batch
  // is not recorded (the replica has no device row): a batch sent again is applied again,
  // which changes nothing, since every write it holds is already there with its stamp.
  Outcome<sync::PushResult> pushAsReplica(std::int64_t accountId, const std::string& deviceId,
                                          const sync::PushRequest& request);
  Outcome<sync::PullPage> pullAsReplica(std::int64_t accountId, std::int64_t after,
                                        std::size_t limit = 0, bool countRemaining = false);
  // The account's last sequence number: it grows whenever the account's data change (any
  // device's push, a web edit). 0 for an unknown account.
  std::int64_t dataVersion(std::int64_t accountId);
  // Device id -> name of every device the account ever linked (the conflict list names them).
  std::map<std::string, std::string> deviceNames(std::int64_t accountId);
  // The account of that id when its licence syncs; the refusal otherwise.
  Outcome<AccountRecord> syncingAccount(std::int64_t accountId);

private:
  struct Caller
  {
    AccountRecord account;
    std::string deviceId;
    std::string tokenHash;
  };
  Outcome<Caller> authenticate(const std::string& token);
  // For push and pull: a single-device licence does not sync.
  Outcome<Caller> authenticateForSync(const std::string& token);
  // push and pull once the caller is known.
  Outcome<sync::PushResult> pushFor(const AccountRecord& account, const std::string& deviceId,
                                    bool recordBatches, const sync::PushRequest& request);
  // `excludeOrigin`: the device whose own writes the page leaves out (none when empty).
  Outcome<sync::PullPage> pullFor(const AccountRecord& account, std::int64_t after,
                                  std::size_t limit, bool countRemaining,
                                  const std::string& excludeOrigin);

  ServerStore& m_store;
  SyncServiceOptions m_options;
  LoginLimiter m_logins;
  blobs::BlobService* m_blobs = nullptr;
  web::WebSessions* m_web = nullptr;
  web::WebData* m_webData = nullptr;
};

// E-mail addresses are compared without surrounding blanks and case.
std::string normaliseEmail(const std::string& email);

} // namespace pupitre::server
