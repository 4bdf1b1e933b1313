#include "server/store/sqlite_server_store.h"

#include "pupitre/error.h"
#include "server/store/server_migrations.h"

#include <SQLiteCpp/Transaction.h>

namespace pupitre::server {
namespace {

using SQLite::TransactionBehavior;

AccountRecord readAccount(SQLite::Statement& q)
{
  AccountRecord a;
  a.id = q.getColumn(0).getInt64();
  a.email = q.getColumn(1).getString();
  a.passwordHash = q.getColumn(2).getString();
  a.licence = q.getColumn(3).getString();
  a.maxDevices = q.getColumn(4).getInt64();
  a.storageQuota = q.getColumn(5).getInt64();
  a.storageUsed = q.getColumn(6).getInt64();
  a.createdAtMs = q.getColumn(7).getInt64();
  return a;
}

constexpr const char* kAccountColumns = "SELECT id, email, password_hash, licence, max_devices, "
                                        "storage_quota, storage_used, created_at FROM account";

TokenState tokenState(const std::string& text)
{
  if (text == "active") {
    return TokenState::Active;
  }
  return text == "unlinked" ? TokenState::Unlinked : TokenState::Revoked;
}

constexpr const char* kDeviceColumns =
    "SELECT id, name, linked_at, last_seen, coalesce(unlinked_at, 0) FROM device";

// The devices `query` (kDeviceColumns, filtered by one account) finds.
std::vector<DeviceRecord> readDevices(SQLite::Statement& query, std::int64_t accountId)
{
  query.bind(1, accountId);
  std::vector<DeviceRecord> devices;
  while (query.executeStep()) {
    devices.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                       query.getColumn(2).getInt64(), query.getColumn(3).getInt64(),
                       query.getColumn(4).getInt64()});
  }
  query.reset();
  return devices;
}

} // namespace

SqliteServerStore::SqliteServerStore(const std::string& path) : m_pool(path)
{
  try {
    migrate();
  } catch (const pupitre::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError("Couldn't open the server database '" + path + "': " + e.what());
  }
}

int SqliteServerStore::schemaVersion()
{
  auto c = m_pool.borrow();
  return c->db().execAndGet("PRAGMA user_version").getInt();
}

void SqliteServerStore::migrate()
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  const int version = c->db().execAndGet("PRAGMA user_version").getInt();
  const auto& all = serverMigrations();
  if (!all.empty() && version > all.back().number) {
    throw StoreError("The server database '" + m_pool.path() +
                     "' was written by a newer pupitre-server (schema " + std::to_string(version) +
                     "); update pupitre-server to use it.");
  }
  for (const auto& migration : all) {
    if (migration.number > version) {
      c->db().exec(migration.sql);
      c->db().exec("PRAGMA user_version = " + std::to_string(migration.number));
    }
  }
  txn.commit();
}

std::optional<AccountRecord> SqliteServerStore::findAccount(const std::string& email)
{
  auto c = m_pool.borrow();
  auto& q = c->statement(std::string(kAccountColumns) + " WHERE email = ?");
  q.bind(1, email);
  std::optional<AccountRecord> found;
  if (q.executeStep()) {
    found = readAccount(q);
  }
  q.reset();
  return found;
}

std::optional<AccountRecord> SqliteServerStore::account(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  auto& q = c->statement(std::string(kAccountColumns) + " WHERE id = ?");
  q.bind(1, accountId);
  std::optional<AccountRecord> found;
  if (q.executeStep()) {
    found = readAccount(q);
  }
  q.reset();
  return found;
}

std::optional<std::int64_t> SqliteServerStore::createAccount(const NewAccount& a)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& insert =
      c->statement("INSERT OR IGNORE INTO account(email, password_hash, licence, max_devices,"
                   " storage_quota, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, a.email);
  insert.bind(2, a.passwordHash);
  insert.bind(3, a.licence);
  insert.bind(4, a.maxDevices);
  insert.bind(5, a.storageQuota);
  insert.bind(6, a.createdAtMs);
  if (insert.exec() == 0) {
    return std::nullopt;
  }
  const std::int64_t id = c->db().getLastInsertRowid();
  txn.commit();
  return id;
}

std::int64_t SqliteServerStore::setPasswordHash(std::int64_t accountId, const std::string& hash)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& update = c->statement("UPDATE account SET password_hash = ? WHERE id = ?");
  update.bind(1, hash);
  update.bind(2, accountId);
  update.exec();
  auto& revoke =
      c->statement("UPDATE token SET state = 'revoked' WHERE account_id = ? AND state = 'active'");
  revoke.bind(1, accountId);
  const std::int64_t revoked = revoke.exec();
  auto& sessions = c->statement("DELETE FROM web_session WHERE account_id = ?");
  sessions.bind(1, accountId);
  sessions.exec();
  txn.commit();
  return revoked;
}

std::optional<std::vector<std::string>> SqliteServerStore::eraseAccount(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  SQLite::Transaction txn(c->db(), TransactionBehavior::IMMEDIATE);
  auto& exists = c->statement("SELECT 1 FROM account WHERE id = ?");
  exists.bind(1, accountId);
  const bool found = exists.executeStep();
  exists.reset();
  if (!found) {
    return std::nullopt;
  }
  // The account's blobs that no other account holds: their files go too.
  auto& orphans = c->statement("SELECT hash FROM blob b WHERE account_id = ? AND NOT EXISTS"
                               " (SELECT 1 FROM blob o WHERE o.hash = b.hash AND o.account_id <> ?)"
                               " ORDER BY hash");
  orphans.bind(1, accountId);
  orphans.bind(2, accountId);
  std::vector<std::string> hashes;
  while (orphans.executeStep()) {
    hashes.push_back(orphans.getColumn(0).getString());
  }
  orphans.reset();
  for (const char* table :
       {"blob", "conflict", "field_version", "token", "device", "web_session"}) {
    auto& erase = c->statement(std::string("DELETE FROM ") + table + " WHERE account_id = ?");
    erase.bind(1, accountId);
    erase.exec();
  }
  auto& account = c->statement("DELETE FROM account WHERE id = ?");
  account.bind(1, accountId);
  account.exec();
  txn.commit();
  return hashes;
}

void SqliteServerStore::setLicence(std::int64_t accountId, const std::string& licence,
                                   std::int64_t maxDevices)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& update = c->statement("UPDATE account SET licence = ?, max_devices = ? WHERE id = ?");
  update.bind(1, licence);
  update.bind(2, maxDevices);
  update.bind(3, accountId);
  update.exec();
  txn.commit();
}

std::vector<DeviceRecord> SqliteServerStore::linkedDevices(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  return readDevices(c->statement(std::string(kDeviceColumns) +
                                  " WHERE account_id = ? AND unlinked_at IS NULL"
                                  " ORDER BY linked_at, id"),
                     accountId);
}

std::vector<DeviceRecord> SqliteServerStore::allDevices(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  return readDevices(
      c->statement(std::string(kDeviceColumns) + " WHERE account_id = ? ORDER BY linked_at, id"),
      accountId);
}

std::vector<TokenInfo> SqliteServerStore::tokens(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  auto& q = c->statement("SELECT device_id, created_at, state FROM token WHERE account_id = ?"
                         " ORDER BY created_at, device_id");
  q.bind(1, accountId);
  std::vector<TokenInfo> tokens;
  while (q.executeStep()) {
    tokens.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                      tokenState(q.getColumn(2).getString())});
  }
  q.reset();
  return tokens;
}

std::int64_t SqliteServerStore::lastSeq(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  auto& q = c->statement("SELECT last_seq FROM account WHERE id = ?");
  q.bind(1, accountId);
  const std::int64_t seq = q.executeStep() ? q.getColumn(0).getInt64() : 0;
  q.reset();
  return seq;
}

std::vector<HeldBlob> SqliteServerStore::heldBlobs(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  auto& q =
      c->statement("SELECT hash, size, created_at FROM blob WHERE account_id = ? ORDER BY hash");
  q.bind(1, accountId);
  std::vector<HeldBlob> blobs;
  while (q.executeStep()) {
    blobs.push_back(
        {q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
  }
  q.reset();
  return blobs;
}

LinkResult SqliteServerStore::linkDevice(std::int64_t accountId, const std::string& deviceId,
                                         const std::string& name, const std::string& tokenHash,
                                         std::int64_t maxDevices, std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& linked =
      c->statement("SELECT unlinked_at IS NULL FROM device WHERE account_id = ? AND id = ?");
  linked.bind(1, accountId);
  linked.bind(2, deviceId);
  const bool alreadyLinked = linked.executeStep() && linked.getColumn(0).getInt() != 0;
  linked.reset();
  if (!alreadyLinked) {
    auto& count =
        c->statement("SELECT count(*) FROM device WHERE account_id = ? AND unlinked_at IS NULL");
    count.bind(1, accountId);
    count.executeStep();
    const std::int64_t others = count.getColumn(0).getInt64();
    count.reset();
    if (others >= maxDevices) {
      return LinkResult::DeviceLimit;
    }
  }
  auto& upsert = c->statement(
      "INSERT INTO device(account_id, id, name, linked_at, last_seen) VALUES (?, ?, ?, ?, ?)"
      " ON CONFLICT(account_id, id) DO UPDATE SET name = excluded.name, last_seen = "
      "excluded.last_seen,"
      " linked_at = CASE WHEN unlinked_at IS NULL THEN linked_at ELSE excluded.linked_at END,"
      " unlinked_at = NULL");
  upsert.bind(1, accountId);
  upsert.bind(2, deviceId);
  upsert.bind(3, name);
  upsert.bind(4, nowMs);
  upsert.bind(5, nowMs);
  upsert.exec();
  auto& revoke = c->statement("UPDATE token SET state = 'revoked' WHERE account_id = ? AND "
                              "device_id = ? AND state = 'active'");
  revoke.bind(1, accountId);
  revoke.bind(2, deviceId);
  revoke.exec();
  auto& token = c->statement(
      "INSERT INTO token(hash, account_id, device_id, created_at) VALUES (?, ?, ?, ?)");
  token.bind(1, tokenHash);
  token.bind(2, accountId);
  token.bind(3, deviceId);
  token.bind(4, nowMs);
  token.exec();
  txn.commit();
  return LinkResult::Linked;
}

bool SqliteServerStore::unlinkDevice(std::int64_t accountId, const std::string& deviceId,
                                     std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& unlink = c->statement(
      "UPDATE device SET unlinked_at = ? WHERE account_id = ? AND id = ? AND unlinked_at IS NULL");
  unlink.bind(1, nowMs);
  unlink.bind(2, accountId);
  unlink.bind(3, deviceId);
  const bool changed = unlink.exec() > 0;
  auto& tokens =
      c->statement("UPDATE token SET state = 'unlinked' WHERE account_id = ? AND device_id = ?");
  tokens.bind(1, accountId);
  tokens.bind(2, deviceId);
  tokens.exec();
  txn.commit();
  return changed;
}

bool SqliteServerStore::renameDevice(std::int64_t accountId, const std::string& deviceId,
                                     const std::string& name)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& rename = c->statement(
      "UPDATE device SET name = ? WHERE account_id = ? AND id = ? AND unlinked_at IS NULL");
  rename.bind(1, name);
  rename.bind(2, accountId);
  rename.bind(3, deviceId);
  const bool changed = rename.exec() > 0;
  txn.commit();
  return changed;
}

void SqliteServerStore::touchDevice(std::int64_t accountId, const std::string& deviceId,
                                    std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& touch = c->statement(
      "UPDATE device SET last_seen = max(last_seen, ?) WHERE account_id = ? AND id = ?");
  touch.bind(1, nowMs);
  touch.bind(2, accountId);
  touch.bind(3, deviceId);
  touch.exec();
  txn.commit();
}

std::optional<TokenRecord> SqliteServerStore::findToken(const std::string& tokenHash)
{
  auto c = m_pool.borrow();
  auto& q = c->statement(
      "SELECT t.account_id, t.device_id, t.state, coalesce(d.last_seen, 0) FROM token t"
      " LEFT JOIN device d ON d.account_id = t.account_id AND d.id = t.device_id"
      " WHERE t.hash = ?");
  q.bind(1, tokenHash);
  std::optional<TokenRecord> found;
  if (q.executeStep()) {
    found = TokenRecord{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                        tokenState(q.getColumn(2).getString()), q.getColumn(3).getInt64()};
  }
  q.reset();
  return found;
}

void SqliteServerStore::revokeToken(const std::string& tokenHash)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& revoke =
      c->statement("UPDATE token SET state = 'revoked' WHERE hash = ? AND state = 'active'");
  revoke.bind(1, tokenHash);
  revoke.exec();
  txn.commit();
}

} // namespace pupitre::server
