#pragma once
// The server's storage: accounts, linked devices, device tokens, and each
// account's synced data (field versions, conflicts, sequence, applied push batches). Every
// table is keyed by account, so a PostgreSQL backend can shard by account. Implementations
// are safe to use from several threads at once.
#include "server/store/records.h"
#include "server/store/version_store.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pupitre::server {

// One write transaction on one account's synced data; rolled back unless commit() is called.
class AccountWriteTxn : public VersionStore
{
public:
  // The records `writes` will read and write, said before the first of them: a backend may
  // read their versions at once (PostgreSQL: one round trip, not one per field). Changes
  // nothing else; the SQLite store reads each when asked.
  virtual void prefetch(std::span<const sync::FieldWrite* const> writes) { (void)writes; }
  virtual std::optional<BatchRecord> lastBatch(const std::string& deviceId) = 0;
  // Records the device's last applied batch and its answer, and that it was seen at `nowMs`.
  virtual void recordBatch(const std::string& deviceId, const BatchRecord& batch,
                           std::int64_t nowMs) = 0;
  virtual void commit() = 0;
};

class ServerStore
{
public:
  virtual ~ServerStore() = default;

  // Where the data lie, for messages ("/srv/pupitre/server.db"); empty when nowhere on disk.
  virtual std::string location() const { return {}; }

  // --- accounts (e-mails are stored and looked up in lower case)
  virtual std::optional<AccountRecord> findAccount(const std::string& email) = 0;
  virtual std::optional<AccountRecord> account(std::int64_t accountId) = 0;
  // The new account's id; nullopt when the e-mail has an account already.
  virtual std::optional<std::int64_t> createAccount(const NewAccount& account) = 0;
  // Sets the password and, in the same transaction, revokes every active token of the
  // account and ends its web sessions (devices and browsers must sign in again with the new
  // password); returns how many tokens were revoked.
  virtual std::int64_t setPasswordHash(std::int64_t accountId, const std::string& hash) = 0;
  virtual void setLicence(std::int64_t accountId, const std::string& licence,
                          std::int64_t maxDevices) = 0;

  // Erases the account and everything held about it (devices, tokens, field versions,
  // conflicts, web sessions, blob records) in one transaction. Returns the
  // blob hashes no other account holds any more (their files may be deleted); nullopt when
  // there is no such account.
  virtual std::optional<std::vector<std::string>> eraseAccount(std::int64_t accountId) = 0;

  // --- devices and tokens
  virtual std::vector<DeviceRecord> linkedDevices(std::int64_t accountId) = 0;
  // Every device ever linked, unlinked ones included (unlinkedAtMs set).
  virtual std::vector<DeviceRecord> allDevices(std::int64_t accountId) = 0;
  // Every token of the account, secrets left out, oldest first.
  virtual std::vector<TokenInfo> tokens(std::int64_t accountId) = 0;
  // In one transaction: links (or relinks) the device unless `maxDevices` other devices are
  // linked, revokes the device's earlier tokens and stores the new one.
  virtual LinkResult linkDevice(std::int64_t accountId, const std::string& deviceId,
                                const std::string& name, const std::string& tokenHash,
                                std::int64_t maxDevices, std::int64_t nowMs) = 0;
  // Unlinks the device; its tokens answer "device unlinked" from now on. False if it was
  // not linked.
  virtual bool unlinkDevice(std::int64_t accountId, const std::string& deviceId,
                            std::int64_t nowMs) = 0;
  // Gives the linked device a new name. False if it is not linked to the account.
  virtual bool renameDevice(std::int64_t accountId, const std::string& deviceId,
                            const std::string& name) = 0;
  virtual void touchDevice(std::int64_t accountId, const std::string& deviceId,
                           std::int64_t nowMs) = 0;
  virtual std::optional<TokenRecord> findToken(const std::string& tokenHash) = 0;
  // The token's record and its account (nullopt if the account is gone), as findToken then
  // account would read them: what every request's authentication needs. A backend where each
  // read is a round trip to a database reads both at once.
  struct TokenAndAccount
  {
    TokenRecord token;
    std::optional<AccountRecord> account;
  };
  virtual std::optional<TokenAndAccount> findTokenAndAccount(const std::string& tokenHash)
  {
    auto token = findToken(tokenHash);
    if (!token) {
      return std::nullopt;
    }
    auto owner = account(token->accountId);
    return TokenAndAccount{std::move(*token), std::move(owner)};
  }
  virtual void revokeToken(const std::string& tokenHash) = 0;

  // --- web sessions (docs/web.md, "Signing in"); setPasswordHash and eraseAccount end them.
  virtual void createWebSession(const WebSessionRecord& session, const std::string& secretHash) = 0;
  virtual std::optional<WebSessionRecord> findWebSession(const std::string& secretHash) = 0;
  // The account's sessions, oldest first.
  virtual std::vector<WebSessionRecord> webSessions(std::int64_t accountId) = 0;
  virtual void touchWebSession(std::int64_t accountId, const std::string& id,
                               std::int64_t nowMs) = 0;
  // Signs the session out; false if there was none.
  virtual bool endWebSession(std::int64_t accountId, const std::string& id) = 0;
  // Ends every session (of every account) whose absolute end is at or before `nowMs` or that
  // was not seen since `seenBeforeMs`; returns how many.
  virtual std::int64_t endStaleWebSessions(std::int64_t nowMs, std::int64_t seenBeforeMs) = 0;

  // --- synced data
  // A write transaction applying what device `origin` pushed: every version it puts is
  // marked as written by that device (the `origin` of the version, replaced by each later
  // put), so that the device's own pulls can leave it out (no echo, docs/sync-protocol.md).
  // `origin` is empty for the server's own writes (the retention sweep's erasures are sent
  // to every device, the deleting one included).
  virtual std::unique_ptr<AccountWriteTxn> beginWrite(std::int64_t accountId,
                                                      const std::string& origin) = 0;
  // Versions and conflicts with seq > after, each list in seq order and at most limit + 1
  // long, read from one consistent snapshot, and the account's last sequence number in that
  // snapshot (PulledRows::lastSeq). Versions whose origin is `excludeOrigin` are left out
  // when it is not empty (they do not count against `limit`): a device's pull does not
  // bring back what its own pushes wrote. A reader that got both lists whole (neither
  // reached limit + 1) has seen everything up to lastSeq, so its cursor may move there.
  virtual PulledRows readAfter(std::int64_t accountId, std::int64_t after, std::size_t limit,
                               const std::string& excludeOrigin) = 0;
  // The account's last sequence number (0 when none was handed out, or no such account).
  virtual std::int64_t lastSeq(std::int64_t accountId) = 0;
  // How many versions and conflicts have seq > after (a pass over them: asked for once per
  // sync, for its progress).
  // `excludeOrigin` as for readAfter.
  virtual std::int64_t countAfter(std::int64_t accountId, std::int64_t after,
                                  const std::string& excludeOrigin) = 0;
  // Every version of the account, grouped by row (rows in id order).
  virtual void forEachVersion(std::int64_t accountId,
                              const std::function<void(const StoredVersion&)>& visit) = 0;
  // The blobs the account holds, by hash.
  virtual std::vector<HeldBlob> heldBlobs(std::int64_t accountId) = 0;
  // Every conflict-list entry of the account, in seq order.
  virtual std::vector<StoredConflict> conflicts(std::int64_t accountId) = 0;
  // Retention (docs/sync-protocol.md, "Retention"): in every account, each row deleted by a
  // stamp older than `deletedBeforeHlc` keeps only its liveness: each other field becomes
  // null at the deletion's stamp with a new sequence number (so devices pull the erasure),
  // and the row's conflict-list entries are removed. One transaction per account
  // (purgeAccountTombstones, account by account in id order; an account erased meanwhile is
  // passed over).
  PurgeResult purgeTombstones(clock::Hlc deletedBeforeHlc);
  // Every account's id, in increasing order.
  virtual std::vector<std::int64_t> accountIds() = 0;
  // purgeTombstones in one account, in one transaction; nullopt when there is no such account.
  virtual std::optional<PurgeResult> purgeAccountTombstones(std::int64_t accountId,
                                                            clock::Hlc deletedBeforeHlc) = 0;
};

} // namespace pupitre::server
