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
#include <string>

namespace pupitre::server {

namespace blobs {
class BlobService;
}

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
  Outcome<sync::PushResult> push(const std::string& token, const sync::PushRequest& request);
  // `limit` 0 means the default page size; larger than the maximum means the maximum. With
  // `countRemaining` the page says how many items follow it.
  Outcome<sync::PullPage> pull(const std::string& token, std::int64_t after, std::size_t limit = 0,
                               bool countRemaining = false);

  // Erases the values of rows deleted longer than the retention ago (on every account).
  PurgeResult sweepRetention();

  // The ACCOUNT object of the API for a stored account.
  sync::AccountInfo accountInfo(const AccountRecord& account);

  // The account of a token allowed to sync (as push and pull check it), for the blob
  // endpoints.
  Outcome<AccountRecord> syncingAccount(const std::string& token);
  // The blob endpoints' service (server/blobs/); without one they answer not_found.
  void attachBlobs(blobs::BlobService* blobs) { m_blobs = blobs; }
  blobs::BlobService* blobs() const { return m_blobs; }

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

  ServerStore& m_store;
  SyncServiceOptions m_options;
  LoginLimiter m_logins;
  blobs::BlobService* m_blobs = nullptr;
};

// E-mail addresses are compared without surrounding blanks and case.
std::string normaliseEmail(const std::string& email);

} // namespace pupitre::server
