#pragma once
// ServerStore on one SQLite file (DIR/server.db) in WAL mode: writes in BEGIN IMMEDIATE
// transactions with a busy timeout, so the running server and the admin commands can use
// the file at the same time.
#include "server/store/server_store.h"
#include "server/store/sqlite_connection.h"

namespace pupitre::server {

class SqliteServerStore : public ServerStore
{
public:
  // Opens (creating if needed) and migrates the file. Throws StoreError with a readable reason.
  explicit SqliteServerStore(const std::string& path);

  const std::string& path() const { return m_pool.path(); }
  std::string location() const override { return path(); }
  int schemaVersion();

  std::optional<AccountRecord> findAccount(const std::string& email) override;
  std::optional<AccountRecord> account(std::int64_t accountId) override;
  std::optional<std::int64_t> createAccount(const NewAccount& account) override;
  std::int64_t setPasswordHash(std::int64_t accountId, const std::string& hash) override;
  void setLicence(std::int64_t accountId, const std::string& licence,
                  std::int64_t maxDevices) override;

  std::optional<std::vector<std::string>> eraseAccount(std::int64_t accountId) override;

  std::vector<DeviceRecord> linkedDevices(std::int64_t accountId) override;
  std::vector<DeviceRecord> allDevices(std::int64_t accountId) override;
  std::vector<TokenInfo> tokens(std::int64_t accountId) override;
  LinkResult linkDevice(std::int64_t accountId, const std::string& deviceId,
                        const std::string& name, const std::string& tokenHash,
                        std::int64_t maxDevices, std::int64_t nowMs) override;
  bool renameDevice(std::int64_t accountId, const std::string& deviceId,
                    const std::string& name) override;
  bool unlinkDevice(std::int64_t accountId, const std::string& deviceId,
                    std::int64_t nowMs) override;
  void touchDevice(std::int64_t accountId, const std::string& deviceId,
                   std::int64_t nowMs) override;
  std::optional<TokenRecord> findToken(const std::string& tokenHash) override;
  void revokeToken(const std::string& tokenHash) override;

  void createWebSession(const WebSessionRecord& session, const std::string& secretHash) override;
  std::optional<WebSessionRecord> findWebSession(const std::string& secretHash) override;
  std::vector<WebSessionRecord> webSessions(std::int64_t accountId) override;
  void touchWebSession(std::int64_t accountId, const std::string& id, std::int64_t nowMs) override;
  bool endWebSession(std::int64_t accountId, const std::string& id) override;
  std::int64_t endStaleWebSessions(std::int64_t nowMs, std::int64_t seenBeforeMs) override;

  std::unique_ptr<AccountWriteTxn> beginWrite(std::int64_t accountId,
                                              const std::string& origin) override;
  PulledRows readAfter(std::int64_t accountId, std::int64_t after, std::size_t limit,
                       const std::string& excludeOrigin) override;
  std::int64_t countAfter(std::int64_t accountId, std::int64_t after,
                          const std::string& excludeOrigin) override;
  std::int64_t lastSeq(std::int64_t accountId) override;
  void forEachVersion(std::int64_t accountId,
                      const std::function<void(const StoredVersion&)>& visit) override;
  std::vector<HeldBlob> heldBlobs(std::int64_t accountId) override;
  std::vector<StoredConflict> conflicts(std::int64_t accountId) override;
  std::vector<std::int64_t> accountIds() override;
  std::optional<PurgeResult> purgeAccountTombstones(std::int64_t accountId,
                                                    clock::Hlc deletedBeforeHlc) override;

private:
  void migrate();

  SqlitePool m_pool;
};

} // namespace pupitre::server
