#include "server/blobs/sqlite_blob_index.h"

#include <SQLiteCpp/Transaction.h>

namespace pupitre::server::blobs {
namespace {

using SQLite::TransactionBehavior;

// Live references of an account's rows: the current value of the hash fields of rows that
// are not deleted.
constexpr const char* kReferenced =
    "SELECT DISTINCT fv.value FROM field_version fv"
    " WHERE fv.account_id = ?1 AND ((fv.tbl = 'student' AND fv.field = 'picture')"
    " OR (fv.tbl = 'resource' AND fv.field = 'blob_hash'))"
    " AND NOT EXISTS (SELECT 1 FROM field_version d WHERE d.account_id = fv.account_id"
    " AND d.row_id = fv.row_id AND d.field = 'deleted' AND d.value IN (1, '1'))";

// What an account's uploads under way reserve, but the one of `hash`.
std::int64_t reservedIn(SqliteConnection& c, std::int64_t accountId, const std::string& hash)
{
  auto& q = c.statement(
      "SELECT coalesce(sum(size), 0) FROM blob_upload WHERE account_id = ? AND hash <> ?");
  q.bind(1, accountId);
  q.bind(2, hash);
  q.executeStep();
  const std::int64_t reserved = q.getColumn(0).getInt64();
  q.reset();
  return reserved;
}

} // namespace

bool SqliteBlobIndex::reserveUpload(std::int64_t accountId, const std::string& hash,
                                    std::int64_t size, std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& account = c->statement("SELECT storage_used, storage_quota FROM account WHERE id = ?");
  account.bind(1, accountId);
  if (!account.executeStep()) {
    account.reset();
    return false;
  }
  const std::int64_t used = account.getColumn(0).getInt64();
  const std::int64_t quota = account.getColumn(1).getInt64();
  account.reset();
  if (used + reservedIn(*c, accountId, hash) + size > quota) {
    return false;
  }
  auto& upsert = c->statement(
      "INSERT INTO blob_upload(account_id, hash, size, last_chunk_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT(account_id, hash) DO UPDATE SET size = excluded.size,"
      " last_chunk_at = excluded.last_chunk_at");
  upsert.bind(1, accountId);
  upsert.bind(2, hash);
  upsert.bind(3, size);
  upsert.bind(4, nowMs);
  upsert.exec();
  txn.commit();
  return true;
}

std::int64_t SqliteBlobIndex::reservedBesides(std::int64_t accountId, const std::string& hash)
{
  auto c = m_pool.borrow();
  return reservedIn(*c, accountId, hash);
}

void SqliteBlobIndex::releaseUpload(std::int64_t accountId, const std::string& hash)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& remove = c->statement("DELETE FROM blob_upload WHERE account_id = ? AND hash = ?");
  remove.bind(1, accountId);
  remove.bind(2, hash);
  remove.exec();
  txn.commit();
}

Storage SqliteBlobIndex::storage(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  auto& q = c->statement("SELECT storage_used, storage_quota FROM account WHERE id = ?");
  q.bind(1, accountId);
  Storage s;
  if (q.executeStep()) {
    s = {q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
  }
  q.reset();
  return s;
}

void SqliteBlobIndex::setQuota(std::int64_t accountId, std::int64_t bytes)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& update = c->statement("UPDATE account SET storage_quota = ? WHERE id = ?");
  update.bind(1, bytes);
  update.bind(2, accountId);
  update.exec();
  txn.commit();
}

std::optional<std::int64_t> SqliteBlobIndex::sizeOf(std::int64_t accountId, const std::string& hash)
{
  auto c = m_pool.borrow();
  auto& q = c->statement("SELECT size FROM blob WHERE account_id = ? AND hash = ?");
  q.bind(1, accountId);
  q.bind(2, hash);
  std::optional<std::int64_t> size;
  if (q.executeStep()) {
    size = q.getColumn(0).getInt64();
  }
  q.reset();
  return size;
}

std::set<std::string> SqliteBlobIndex::held(std::int64_t accountId,
                                            const std::vector<std::string>& hashes)
{
  auto c = m_pool.borrow();
  auto& q = c->statement("SELECT 1 FROM blob WHERE account_id = ? AND hash = ?");
  std::set<std::string> found;
  for (const auto& hash : hashes) {
    q.bind(1, accountId);
    q.bind(2, hash);
    if (q.executeStep()) {
      found.insert(hash);
    }
    q.reset();
    q.clearBindings();
  }
  return found;
}

AddOutcome SqliteBlobIndex::add(std::int64_t accountId, const std::string& hash, std::int64_t size,
                                std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& existing = c->statement("SELECT 1 FROM blob WHERE account_id = ? AND hash = ?");
  existing.bind(1, accountId);
  existing.bind(2, hash);
  const bool held = existing.executeStep();
  existing.reset();
  auto& finished = c->statement("DELETE FROM blob_upload WHERE account_id = ? AND hash = ?");
  finished.bind(1, accountId);
  finished.bind(2, hash);
  finished.exec();
  if (held) {
    txn.commit();
    return AddOutcome::AlreadyHeld;
  }
  auto& account = c->statement("SELECT storage_used, storage_quota FROM account WHERE id = ?");
  account.bind(1, accountId);
  account.executeStep();
  const std::int64_t used = account.getColumn(0).getInt64();
  const std::int64_t quota = account.getColumn(1).getInt64();
  account.reset();
  if (used + reservedIn(*c, accountId, hash) + size > quota) {
    txn.commit(); // the upload is over either way
    return AddOutcome::OverQuota;
  }
  auto& insert =
      c->statement("INSERT INTO blob(account_id, hash, size, created_at) VALUES (?, ?, ?, ?)");
  insert.bind(1, accountId);
  insert.bind(2, hash);
  insert.bind(3, size);
  insert.bind(4, nowMs);
  insert.exec();
  auto& update = c->statement("UPDATE account SET storage_used = storage_used + ? WHERE id = ?");
  update.bind(1, size);
  update.bind(2, accountId);
  update.exec();
  txn.commit();
  return AddOutcome::Added;
}

GcResult SqliteBlobIndex::collect(std::int64_t nowMs, std::int64_t graceMs)
{
  GcResult result;
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& db = c->db();
  db.exec("CREATE TEMP TABLE IF NOT EXISTS gc_live(account_id INTEGER, hash TEXT, "
          "PRIMARY KEY (account_id, hash))");
  db.exec("DELETE FROM gc_live");
  {
    SQLite::Statement accounts(db, "SELECT DISTINCT account_id FROM blob");
    std::vector<std::int64_t> ids;
    while (accounts.executeStep()) {
      ids.push_back(accounts.getColumn(0).getInt64());
    }
    for (const auto id : ids) {
      SQLite::Statement fill(db, std::string("INSERT OR IGNORE INTO gc_live(account_id, hash) "
                                             "SELECT ?1, value FROM (") +
                                     kReferenced + ")");
      fill.bind(1, id);
      fill.exec();
    }
  }
  db.exec("UPDATE blob SET unreferenced_since = NULL WHERE unreferenced_since IS NOT NULL AND "
          "EXISTS (SELECT 1 FROM gc_live g WHERE g.account_id = blob.account_id AND g.hash = "
          "blob.hash)");
  {
    SQLite::Statement mark(db, "UPDATE blob SET unreferenced_since = ? WHERE unreferenced_since "
                               "IS NULL AND NOT EXISTS (SELECT 1 FROM gc_live g WHERE "
                               "g.account_id = blob.account_id AND g.hash = blob.hash)");
    mark.bind(1, nowMs);
    mark.exec();
  }
  std::set<std::string> dropped;
  {
    SQLite::Statement expired(db, "SELECT account_id, hash, size FROM blob WHERE "
                                  "unreferenced_since IS NOT NULL AND unreferenced_since <= ?");
    expired.bind(1, nowMs - graceMs);
    SQLite::Statement update(
        db, "UPDATE account SET storage_used = max(0, storage_used - ?) WHERE id = ?");
    SQLite::Statement remove(db, "DELETE FROM blob WHERE account_id = ? AND hash = ?");
    std::vector<std::tuple<std::int64_t, std::string, std::int64_t>> rows;
    while (expired.executeStep()) {
      rows.emplace_back(expired.getColumn(0).getInt64(), expired.getColumn(1).getString(),
                        expired.getColumn(2).getInt64());
    }
    for (const auto& [account, hash, size] : rows) {
      remove.bind(1, account);
      remove.bind(2, hash);
      remove.exec();
      remove.reset();
      update.bind(1, size);
      update.bind(2, account);
      update.exec();
      update.reset();
      ++result.removed;
      result.bytesFreed += size;
      dropped.insert(hash);
    }
  }
  {
    SQLite::Statement abandoned(db, "DELETE FROM blob_upload WHERE last_chunk_at <= ?");
    abandoned.bind(1, nowMs - graceMs);
    abandoned.exec();
  }
  SQLite::Statement stillHeld(db, "SELECT 1 FROM blob WHERE hash = ? LIMIT 1");
  for (const auto& hash : dropped) {
    stillHeld.bind(1, hash);
    if (!stillHeld.executeStep()) {
      result.orphanFiles.push_back(hash);
    }
    stillHeld.reset();
  }
  txn.commit();
  return result;
}

bool SqliteBlobIndex::anyHolds(const std::string& hash)
{
  auto c = m_pool.borrow();
  auto& q = c->statement("SELECT 1 FROM blob WHERE hash = ? LIMIT 1");
  q.bind(1, hash);
  const bool found = q.executeStep();
  q.reset();
  return found;
}

} // namespace pupitre::server::blobs
