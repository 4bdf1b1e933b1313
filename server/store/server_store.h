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
#include <string>
#include <vector>

namespace pupitre::server {

// One write transaction on one account's synced data; rolled back unless commit() is called.
class AccountWriteTxn : public VersionStore
{
public:
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

  // --- accounts (e-mails are stored and looked up in lower case)
  virtual std::optional<AccountRecord> findAccount(const std::string& email) = 0;
  virtual std::optional<AccountRecord> account(std::int64_t accountId) = 0;
  // The new account's id; nullopt when the e-mail has an account already.
  virtual std::optional<std::int64_t> createAccount(const NewAccount& account) = 0;
  virtual void setPasswordHash(std::int64_t accountId, const std::string& hash) = 0;
  virtual void setLicence(std::int64_t accountId, const std::string& licence,
                          std::int64_t maxDevices) = 0;

  // --- devices and tokens
  virtual std::vector<DeviceRecord> linkedDevices(std::int64_t accountId) = 0;
  // In one transaction: links (or relinks) the device unless `maxDevices` other devices are
  // linked, revokes the device's earlier tokens and stores the new one.
  virtual LinkResult linkDevice(std::int64_t accountId, const std::string& deviceId,
                                const std::string& name, const std::string& tokenHash,
                                std::int64_t maxDevices, std::int64_t nowMs) = 0;
  // Unlinks the device; its tokens answer "device unlinked" from now on. False if it was
  // not linked.
  virtual bool unlinkDevice(std::int64_t accountId, const std::string& deviceId,
                            std::int64_t nowMs) = 0;
  virtual void touchDevice(std::int64_t accountId, const std::string& deviceId,
                           std::int64_t nowMs) = 0;
  virtual std::optional<TokenRecord> findToken(const std::string& tokenHash) = 0;
  virtual void revokeToken(const std::string& tokenHash) = 0;

  // --- synced data
  virtual std::unique_ptr<AccountWriteTxn> beginWrite(std::int64_t accountId) = 0;
  // Versions and conflicts with seq > after, each list in seq order and at most limit + 1
  // long, read from one consistent snapshot.
  virtual PulledRows readAfter(std::int64_t accountId, std::int64_t after, std::size_t limit) = 0;
  // Every version of the account, grouped by row (rows in id order).
  virtual void forEachVersion(std::int64_t accountId,
                              const std::function<void(const StoredVersion&)>& visit) = 0;
};

} // namespace pupitre::server
