#pragma once
// ServerStore on a PostgreSQL database (libpq), for several pupitre-server nodes at once on
// one database (docs/deploy.md). Writes to an account's synced data lock the account's row
// first (its sequence counter), so that every node hands out the account's sequence numbers
// in commit order: a pull cursor never passes a number whose change commits later.
#include "server/store/pg_connection.h"
#include "server/store/server_store.h"

namespace pupitre::server {

class PostgresServerStore : public ServerStore
{
public:
  // Connects and migrates (numbered migrations, recorded in schema_migration; several nodes
  // starting at once migrate one after the other). Throws StoreError with a readable reason.
  explicit PostgresServerStore(const std::string& url);

  std::string location() const override { return m_pool.place(); }
  PgPool& pool() { return m_pool; }
  // The number of the last migration applied.
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
  std::optional<TokenAndAccount> findTokenAndAccount(const std::string& tokenHash) override;
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

  PgPool m_pool;
};

// A synced value in the three columns of its kind (integer, real, text as bytes), as
// parameters, and back from three columns starting at `column`.
void addValue(PgParams& params, const store::Value& value);
store::Value valueAt(const PgResult& result, int row, int column);

} // namespace pupitre::server
