#include "server/store/postgres_server_store.h"

#include "pupitre/error.h"
#include "server/store/postgres_migrations.h"

namespace pupitre::server {
namespace {

constexpr const char* kAccountColumns = "SELECT id, email, password_hash, licence, max_devices,"
                                        " storage_quota, storage_used, created_at FROM account";

// The account in the eight columns of kAccountColumns, from `column` on.
AccountRecord readAccount(const PgResult& r, int row, int column = 0)
{
  AccountRecord a;
  a.id = r.int64(row, column);
  a.email = r.text(row, column + 1);
  a.passwordHash = r.text(row, column + 2);
  a.licence = r.text(row, column + 3);
  a.maxDevices = r.int64(row, column + 4);
  a.storageQuota = r.int64(row, column + 5);
  a.storageUsed = r.int64(row, column + 6);
  a.createdAtMs = r.int64(row, column + 7);
  return a;
}

TokenState tokenState(const std::string& text)
{
  if (text == "active") {
    return TokenState::Active;
  }
  return text == "unlinked" ? TokenState::Unlinked : TokenState::Revoked;
}

constexpr const char* kDeviceColumns =
    "SELECT id, name, linked_at, last_seen, coalesce(unlinked_at, 0) FROM device";

std::vector<DeviceRecord> readDevices(const PgResult& r)
{
  std::vector<DeviceRecord> devices;
  for (int i = 0; i < r.rows(); ++i) {
    devices.push_back({r.text(i, 0), r.text(i, 1), r.int64(i, 2), r.int64(i, 3), r.int64(i, 4)});
  }
  return devices;
}

// Taken by a node while it migrates: nodes starting at once migrate one after the other.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7091546021)";

} // namespace

void addValue(PgParams& params, const store::Value& value)
{
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    params.add(*number).addNull().addNull();
  } else if (const auto* real = std::get_if<double>(&value)) {
    params.addNull().add(*real).addNull();
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    params.addNull().addNull().addBytes(*text);
  } else {
    params.addNull().addNull().addNull();
  }
}

store::Value valueAt(const PgResult& result, int row, int column)
{
  if (!result.isNull(row, column)) {
    return result.int64(row, column);
  }
  if (!result.isNull(row, column + 1)) {
    return result.real(row, column + 1);
  }
  if (!result.isNull(row, column + 2)) {
    return result.bytes(row, column + 2);
  }
  return std::monostate{};
}

PostgresServerStore::PostgresServerStore(const std::string& url) : m_pool(url)
{
  try {
    migrate();
  } catch (const pupitre::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError("Couldn't open the PostgreSQL database '" + m_pool.place() + "': " + e.what());
  }
}

int PostgresServerStore::schemaVersion()
{
  auto c = m_pool.borrow();
  return static_cast<int>(
      c->exec("SELECT coalesce(max(number), 0) FROM schema_migration").int64(0, 0));
}

void PostgresServerStore::migrate()
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  c->exec(kMigrationLock);
  c->exec("CREATE TABLE IF NOT EXISTS schema_migration (number INTEGER PRIMARY KEY,"
          " name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  const auto version = c->exec("SELECT coalesce(max(number), 0) FROM schema_migration").int64(0, 0);
  const auto& all = postgresMigrations();
  if (!all.empty() && version > all.back().number) {
    throw StoreError("The PostgreSQL database '" + m_pool.place() +
                     "' was written by a newer pupitre-server (schema " + std::to_string(version) +
                     "); update pupitre-server to use it.");
  }
  for (const auto& migration : all) {
    if (migration.number > version) {
      c->script(migration.sql);
      c->exec("INSERT INTO schema_migration(number, name) VALUES ($1, $2)",
              PgParams().add(std::int64_t{migration.number}).add(migration.name));
    }
  }
  txn.commit();
}

std::optional<AccountRecord> PostgresServerStore::findAccount(const std::string& email)
{
  auto c = m_pool.borrow();
  const auto r = c->exec(std::string(kAccountColumns) +
                             " WHERE id = (SELECT account_id FROM account_email WHERE email = $1)",
                         PgParams().add(email));
  return r.rows() > 0 ? std::optional(readAccount(r, 0)) : std::nullopt;
}

std::optional<AccountRecord> PostgresServerStore::account(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  const auto r =
      c->exec(std::string(kAccountColumns) + " WHERE id = $1", PgParams().add(accountId));
  return r.rows() > 0 ? std::optional(readAccount(r, 0)) : std::nullopt;
}

std::optional<std::int64_t> PostgresServerStore::createAccount(const NewAccount& a)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  // The e-mail's row first: of two nodes creating the same e-mail at once, one waits and
  // then finds it taken.
  const auto id = c->exec("SELECT nextval(pg_get_serial_sequence('account', 'id'))").int64(0, 0);
  const auto claimed = c->exec("INSERT INTO account_email(email, account_id) VALUES ($1, $2)"
                               " ON CONFLICT (email) DO NOTHING",
                               PgParams().add(a.email).add(id));
  if (claimed.affected() == 0) {
    return std::nullopt;
  }
  c->exec("INSERT INTO account(id, email, password_hash, licence, max_devices, storage_quota,"
          " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          PgParams()
              .add(id)
              .add(a.email)
              .add(a.passwordHash)
              .add(a.licence)
              .add(a.maxDevices)
              .add(a.storageQuota)
              .add(a.createdAtMs));
  txn.commit();
  return id;
}

std::int64_t PostgresServerStore::setPasswordHash(std::int64_t accountId, const std::string& hash)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  c->exec("UPDATE account SET password_hash = $1 WHERE id = $2",
          PgParams().add(hash).add(accountId));
  const auto revoked =
      c->exec("UPDATE token SET state = 'revoked' WHERE account_id = $1 AND state = 'active'",
              PgParams().add(accountId))
          .affected();
  c->exec("DELETE FROM web_session_secret WHERE account_id = $1", PgParams().add(accountId));
  c->exec("DELETE FROM web_session WHERE account_id = $1", PgParams().add(accountId));
  txn.commit();
  return revoked;
}

std::optional<std::vector<std::string>> PostgresServerStore::eraseAccount(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  // The account's row locked: no push of the account runs meanwhile.
  if (c->exec("SELECT 1 FROM account WHERE id = $1 FOR UPDATE", PgParams().add(accountId)).rows() ==
      0) {
    return std::nullopt;
  }
  const auto orphans =
      c->exec("SELECT hash FROM blob b WHERE account_id = $1 AND NOT EXISTS"
              " (SELECT 1 FROM blob o WHERE o.hash = b.hash AND o.account_id <> $1)"
              " ORDER BY hash",
              PgParams().add(accountId));
  std::vector<std::string> hashes;
  for (int i = 0; i < orphans.rows(); ++i) {
    hashes.push_back(orphans.text(i, 0));
  }
  for (const char* table : {"blob", "blob_upload", "conflict", "field_version", "token", "device",
                            "web_session_secret", "web_session", "account_email"}) {
    c->exec(std::string("DELETE FROM ") + table + " WHERE account_id = $1",
            PgParams().add(accountId));
  }
  c->exec("DELETE FROM account WHERE id = $1", PgParams().add(accountId));
  txn.commit();
  return hashes;
}

void PostgresServerStore::setLicence(std::int64_t accountId, const std::string& licence,
                                     std::int64_t maxDevices)
{
  auto c = m_pool.borrow();
  c->exec("UPDATE account SET licence = $1, max_devices = $2 WHERE id = $3",
          PgParams().add(licence).add(maxDevices).add(accountId));
}

std::vector<DeviceRecord> PostgresServerStore::linkedDevices(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  return readDevices(c->exec(std::string(kDeviceColumns) +
                                 " WHERE account_id = $1 AND unlinked_at IS NULL"
                                 " ORDER BY linked_at, id COLLATE \"C\"",
                             PgParams().add(accountId)));
}

std::vector<DeviceRecord> PostgresServerStore::allDevices(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  return readDevices(c->exec(std::string(kDeviceColumns) +
                                 " WHERE account_id = $1 ORDER BY linked_at, id COLLATE \"C\"",
                             PgParams().add(accountId)));
}

std::vector<TokenInfo> PostgresServerStore::tokens(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  const auto r = c->exec("SELECT device_id, created_at, state FROM token WHERE account_id = $1"
                         " ORDER BY created_at, device_id COLLATE \"C\"",
                         PgParams().add(accountId));
  std::vector<TokenInfo> tokens;
  for (int i = 0; i < r.rows(); ++i) {
    tokens.push_back({r.text(i, 0), r.int64(i, 1), tokenState(r.text(i, 2))});
  }
  return tokens;
}

std::int64_t PostgresServerStore::lastSeq(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  const auto r = c->exec("SELECT last_seq FROM account WHERE id = $1", PgParams().add(accountId));
  return r.rows() > 0 ? r.int64(0, 0) : 0;
}

std::vector<HeldBlob> PostgresServerStore::heldBlobs(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  const auto r = c->exec("SELECT hash, size, created_at FROM blob WHERE account_id = $1"
                         " ORDER BY hash COLLATE \"C\"",
                         PgParams().add(accountId));
  std::vector<HeldBlob> blobs;
  for (int i = 0; i < r.rows(); ++i) {
    blobs.push_back({r.text(i, 0), r.int64(i, 1), r.int64(i, 2)});
  }
  return blobs;
}

LinkResult PostgresServerStore::linkDevice(std::int64_t accountId, const std::string& deviceId,
                                           const std::string& name, const std::string& tokenHash,
                                           std::int64_t maxDevices, std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  // The account's row locked: two nodes linking devices at once count one after the other.
  c->exec("SELECT 1 FROM account WHERE id = $1 FOR UPDATE", PgParams().add(accountId));
  const auto linked =
      c->exec("SELECT unlinked_at IS NULL FROM device WHERE account_id = $1 AND id = $2",
              PgParams().add(accountId).add(deviceId));
  const bool alreadyLinked = linked.rows() > 0 && linked.boolean(0, 0);
  if (!alreadyLinked) {
    const auto others =
        c->exec("SELECT count(*) FROM device WHERE account_id = $1 AND unlinked_at IS NULL",
                PgParams().add(accountId))
            .int64(0, 0);
    if (others >= maxDevices) {
      return LinkResult::DeviceLimit;
    }
  }
  c->exec("INSERT INTO device(account_id, id, name, linked_at, last_seen) VALUES ($1, $2, $3, $4,"
          " $4) ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name,"
          " last_seen = excluded.last_seen, linked_at = CASE WHEN device.unlinked_at IS NULL"
          " THEN device.linked_at ELSE excluded.linked_at END, unlinked_at = NULL",
          PgParams().add(accountId).add(deviceId).add(name).add(nowMs));
  c->exec("UPDATE token SET state = 'revoked' WHERE account_id = $1 AND device_id = $2"
          " AND state = 'active'",
          PgParams().add(accountId).add(deviceId));
  c->exec("INSERT INTO token(hash, account_id, device_id, created_at) VALUES ($1, $2, $3, $4)",
          PgParams().add(tokenHash).add(accountId).add(deviceId).add(nowMs));
  txn.commit();
  return LinkResult::Linked;
}

bool PostgresServerStore::unlinkDevice(std::int64_t accountId, const std::string& deviceId,
                                       std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  const bool changed = c->exec("UPDATE device SET unlinked_at = $1 WHERE account_id = $2"
                               " AND id = $3 AND unlinked_at IS NULL",
                               PgParams().add(nowMs).add(accountId).add(deviceId))
                           .affected() > 0;
  c->exec("UPDATE token SET state = 'unlinked' WHERE account_id = $1 AND device_id = $2",
          PgParams().add(accountId).add(deviceId));
  txn.commit();
  return changed;
}

bool PostgresServerStore::renameDevice(std::int64_t accountId, const std::string& deviceId,
                                       const std::string& name)
{
  auto c = m_pool.borrow();
  return c->exec("UPDATE device SET name = $1 WHERE account_id = $2 AND id = $3"
                 " AND unlinked_at IS NULL",
                 PgParams().add(name).add(accountId).add(deviceId))
             .affected() > 0;
}

void PostgresServerStore::touchDevice(std::int64_t accountId, const std::string& deviceId,
                                      std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  c->exec("UPDATE device SET last_seen = $1 WHERE account_id = $2 AND id = $3"
          " AND last_seen < $1",
          PgParams().add(nowMs).add(accountId).add(deviceId));
}

std::optional<TokenRecord> PostgresServerStore::findToken(const std::string& tokenHash)
{
  auto c = m_pool.borrow();
  const auto r =
      c->exec("SELECT t.account_id, t.device_id, t.state, coalesce(d.last_seen, 0) FROM token t"
              " LEFT JOIN device d ON d.account_id = t.account_id AND d.id = t.device_id"
              " WHERE t.hash = $1",
              PgParams().add(tokenHash));
  if (r.rows() == 0) {
    return std::nullopt;
  }
  return TokenRecord{r.int64(0, 0), r.text(0, 1), tokenState(r.text(0, 2)), r.int64(0, 3)};
}

std::optional<ServerStore::TokenAndAccount>
PostgresServerStore::findTokenAndAccount(const std::string& tokenHash)
{
  // findToken's statement with the account's columns (null when the account is gone).
  auto c = m_pool.borrow();
  const auto r =
      c->exec("SELECT t.account_id, t.device_id, t.state, coalesce(d.last_seen, 0), a.id, a.email,"
              " a.password_hash, a.licence, a.max_devices, a.storage_quota, a.storage_used,"
              " a.created_at FROM token t"
              " LEFT JOIN device d ON d.account_id = t.account_id AND d.id = t.device_id"
              " LEFT JOIN account a ON a.id = t.account_id WHERE t.hash = $1",
              PgParams().add(tokenHash));
  if (r.rows() == 0) {
    return std::nullopt;
  }
  TokenAndAccount found{
      TokenRecord{r.int64(0, 0), r.text(0, 1), tokenState(r.text(0, 2)), r.int64(0, 3)}, {}};
  if (!r.isNull(0, 4)) {
    found.account = readAccount(r, 0, 4);
  }
  return found;
}

void PostgresServerStore::revokeToken(const std::string& tokenHash)
{
  auto c = m_pool.borrow();
  c->exec("UPDATE token SET state = 'revoked' WHERE hash = $1 AND state = 'active'",
          PgParams().add(tokenHash));
}

} // namespace pupitre::server
