// SqliteServerStore: the synced data of an account (field versions, conflicts, sequence,
// applied push batches).
#include "server/store/sqlite_server_store.h"

#include "pupitre/sync/wire.h"
#include "server/store/sqlite_write_group.h"

#include <SQLiteCpp/Transaction.h>

namespace pupitre::server {
namespace {

sync::Stamp stampAt(SQLite::Statement& q, int hlcColumn, int deviceColumn)
{
  return {static_cast<clock::Hlc>(q.getColumn(hlcColumn).getInt64()),
          q.getColumn(deviceColumn).getString()};
}

constexpr const char* kVersionColumns =
    "SELECT tbl, row_id, field, value, hlc, device, base_hlc, base_device, seq FROM field_version";

StoredVersion readVersion(SQLite::Statement& q)
{
  StoredVersion v;
  v.table = q.getColumn(0).getString();
  v.rowId = q.getColumn(1).getString();
  v.field = q.getColumn(2).getString();
  v.value = store::readValue(q.getColumn(3));
  v.stamp = stampAt(q, 4, 5);
  v.base = stampAt(q, 6, 7);
  v.seq = q.getColumn(8).getInt64();
  return v;
}

constexpr const char* kConflictColumns =
    "SELECT id, tbl, row_id, field, lost_value, lost_hlc, lost_device, won_value, won_hlc, "
    "won_device, seq FROM conflict";

StoredConflict readConflict(SQLite::Statement& q)
{
  StoredConflict s;
  s.conflict.id = q.getColumn(0).getString();
  s.conflict.table = q.getColumn(1).getString();
  s.conflict.rowId = q.getColumn(2).getString();
  s.conflict.field = q.getColumn(3).getString();
  s.conflict.lostValue = store::readValue(q.getColumn(4));
  s.conflict.lostStamp = stampAt(q, 5, 6);
  s.conflict.wonValue = store::readValue(q.getColumn(7));
  s.conflict.wonStamp = stampAt(q, 8, 9);
  s.seq = q.getColumn(10).getInt64();
  return s;
}

// Rows a group transaction writes before it commits even if other writers wait: as
// kPushChangesPerTransaction (server/sync/push_checks.h) bounds one push's part, it bounds how
// long a push waits for the others' changes to be applied before its own commit.
constexpr std::size_t kGroupWrites = 500;

// A transaction of one account's writes, grouped with other writers' (sqlite_write_group.h):
// commit() returns once the changes are durable.
class SqliteAccountTxn : public AccountWriteTxn
{
public:
  SqliteAccountTxn(SqlitePool& pool, std::int64_t accountId, std::string origin)
      : m_write(pool, kGroupWrites), m_db(m_write.connection()), m_account(accountId),
        m_origin(std::move(origin))
  {
    auto& q = m_db.statement("SELECT last_seq FROM account WHERE id = ?");
    q.bind(1, accountId);
    if (!q.executeStep()) {
      q.reset();
      throw NotFoundError("No account with id " + std::to_string(accountId) + ".");
    }
    m_lastSeq = q.getColumn(0).getInt64();
    m_firstSeq = m_lastSeq;
    q.reset();
  }

  std::optional<StoredVersion> version(const std::string& rowId, const std::string& field) override
  {
    for (const auto& v : rowVersions(rowId)) {
      if (v.field == field) {
        return v;
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> rowTable(const std::string& rowId) override
  {
    const auto& versions = rowVersions(rowId);
    return versions.empty() ? std::nullopt : std::optional<std::string>(versions.front().table);
  }

  void putVersion(const StoredVersion& v) override
  {
    auto& put = m_db.statement(
        "INSERT INTO field_version(account_id, row_id, field, tbl, value, hlc, device, base_hlc, "
        "base_device, seq, origin)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(account_id, row_id, field) DO "
        "UPDATE SET"
        " tbl = excluded.tbl, value = excluded.value, hlc = excluded.hlc, device = excluded.device,"
        " base_hlc = excluded.base_hlc, base_device = excluded.base_device, seq = excluded.seq,"
        " origin = excluded.origin");
    put.bind(1, m_account);
    put.bind(2, v.rowId);
    put.bind(3, v.field);
    put.bind(4, v.table);
    store::bindValue(put, 5, v.value);
    put.bind(6, static_cast<std::int64_t>(v.stamp.hlc));
    put.bind(7, v.stamp.device);
    put.bind(8, static_cast<std::int64_t>(v.base.hlc));
    put.bind(9, v.base.device);
    put.bind(10, v.seq);
    put.bind(11, m_origin);
    put.exec();
    ++m_written;
    if (m_rowLoaded && v.rowId == m_row) {
      remember(v);
    }
  }

  std::int64_t nextSeq() override { return ++m_lastSeq; }

  bool addConflict(const sync::Conflict& c) override
  {
    auto& exists = m_db.statement("SELECT 1 FROM conflict WHERE account_id = ? AND id = ?");
    exists.bind(1, m_account);
    exists.bind(2, c.id);
    const bool known = exists.executeStep();
    exists.reset();
    if (known) {
      return false;
    }
    auto& insert = m_db.statement(
        "INSERT INTO conflict(account_id, id, tbl, row_id, field, lost_value, lost_hlc, "
        "lost_device,"
        " won_value, won_hlc, won_device, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, m_account);
    insert.bind(2, c.id);
    insert.bind(3, c.table);
    insert.bind(4, c.rowId);
    insert.bind(5, c.field);
    store::bindValue(insert, 6, c.lostValue);
    insert.bind(7, static_cast<std::int64_t>(c.lostStamp.hlc));
    insert.bind(8, c.lostStamp.device);
    store::bindValue(insert, 9, c.wonValue);
    insert.bind(10, static_cast<std::int64_t>(c.wonStamp.hlc));
    insert.bind(11, c.wonStamp.device);
    insert.bind(12, nextSeq());
    insert.exec();
    ++m_written;
    return true;
  }

  std::optional<BatchRecord> lastBatch(const std::string& deviceId) override
  {
    auto& q = m_db.statement(
        "SELECT last_batch, last_result FROM device WHERE account_id = ? AND id = ?");
    q.bind(1, m_account);
    q.bind(2, deviceId);
    std::optional<BatchRecord> found;
    if (q.executeStep() && q.getColumn(0).getInt64() > 0 && !q.getColumn(1).isNull()) {
      found = BatchRecord{q.getColumn(0).getInt64(),
                          sync::decodePushResult(q.getColumn(1).getString())};
    }
    q.reset();
    return found;
  }

  void recordBatch(const std::string& deviceId, const BatchRecord& batch,
                   std::int64_t nowMs) override
  {
    auto& update = m_db.statement("UPDATE device SET last_batch = ?, last_result = ?,"
                                  " last_seen = max(last_seen, ?) WHERE account_id = ? AND id = ?");
    update.bind(1, batch.batch);
    update.bind(2, sync::encodePushResult(batch.result));
    update.bind(3, nowMs);
    update.bind(4, m_account);
    update.bind(5, deviceId);
    update.exec();
  }

  // The retention sweep of this account (ServerStore::purgeTombstones).
  PurgeResult purgeTombstones(clock::Hlc deletedBeforeHlc)
  {
    struct Tombstone
    {
      std::string rowId;
      sync::Stamp deletion;
    };
    // Deleted rows past the retention with a field not yet null at the deletion's stamp.
    auto& rows = m_db.statement(
        "SELECT l.row_id, l.hlc, l.device FROM field_version l"
        " WHERE l.account_id = ?1 AND l.field = 'deleted' AND l.value = 1 AND l.hlc < ?2"
        " AND EXISTS (SELECT 1 FROM field_version f WHERE f.account_id = ?1"
        " AND f.row_id = l.row_id AND f.field <> 'deleted'"
        " AND (f.value IS NOT NULL OR f.hlc <> l.hlc OR f.device <> l.device))"
        " ORDER BY l.row_id");
    rows.bind(1, m_account);
    rows.bind(2, static_cast<std::int64_t>(deletedBeforeHlc));
    std::vector<Tombstone> tombstones;
    while (rows.executeStep()) {
      tombstones.push_back({rows.getColumn(0).getString(), stampAt(rows, 1, 2)});
    }
    rows.reset();

    PurgeResult result;
    for (const auto& t : tombstones) {
      auto& fields = m_db.statement(
          "SELECT field FROM field_version WHERE account_id = ? AND row_id = ?"
          " AND field <> 'deleted' AND (value IS NOT NULL OR hlc <> ? OR device <> ?)"
          " ORDER BY field");
      fields.bind(1, m_account);
      fields.bind(2, t.rowId);
      fields.bind(3, static_cast<std::int64_t>(t.deletion.hlc));
      fields.bind(4, t.deletion.device);
      std::vector<std::string> names;
      while (fields.executeStep()) {
        names.push_back(fields.getColumn(0).getString());
      }
      fields.reset();
      for (const auto& field : names) {
        auto& erase = m_db.statement(
            "UPDATE field_version SET value = NULL, hlc = ?, device = ?, base_hlc = 0,"
            " base_device = '', seq = ?, origin = '' WHERE account_id = ? AND row_id = ?"
            " AND field = ?");
        erase.bind(1, static_cast<std::int64_t>(t.deletion.hlc));
        erase.bind(2, t.deletion.device);
        erase.bind(3, nextSeq());
        erase.bind(4, m_account);
        erase.bind(5, t.rowId);
        erase.bind(6, field);
        erase.exec();
        ++m_written;
        m_rowLoaded = false;
      }
      auto& conflicts = m_db.statement("DELETE FROM conflict WHERE account_id = ? AND row_id = ?");
      conflicts.bind(1, m_account);
      conflicts.bind(2, t.rowId);
      result.conflicts += conflicts.exec();
      result.fields += static_cast<std::int64_t>(names.size());
      ++result.rows;
    }
    return result;
  }

  void commit() override
  {
    if (m_lastSeq != m_firstSeq) {
      auto& update = m_db.statement("UPDATE account SET last_seq = ? WHERE id = ?");
      update.bind(1, m_lastSeq);
      update.bind(2, m_account);
      update.exec();
    }
    m_write.commit(m_written);
  }

private:
  // The versions of the row asked for last, read with one range scan of the primary key: a
  // push applies a record's fields one after the other, and each asks for its own version,
  // the row's liveness and its table (one lookup each before). Kept current by putVersion.
  const std::vector<StoredVersion>& rowVersions(const std::string& rowId)
  {
    if (m_rowLoaded && rowId == m_row) {
      return m_rowVersions;
    }
    static const std::string sql =
        std::string(kVersionColumns) + " WHERE account_id = ? AND row_id = ?";
    auto& q = m_db.statement(sql);
    q.bind(1, m_account);
    q.bind(2, rowId);
    m_rowVersions.clear();
    while (q.executeStep()) {
      m_rowVersions.push_back(readVersion(q));
    }
    q.reset();
    m_row = rowId;
    m_rowLoaded = true;
    return m_rowVersions;
  }

  void remember(const StoredVersion& v)
  {
    for (auto& known : m_rowVersions) {
      if (known.field == v.field) {
        known = v;
        return;
      }
    }
    m_rowVersions.push_back(v);
  }

  GroupedWrite m_write;
  SqliteConnection& m_db; // the group transaction's
  std::size_t m_written = 0;
  std::string m_row;
  bool m_rowLoaded = false;
  std::vector<StoredVersion> m_rowVersions;
  std::int64_t m_account;
  std::string m_origin; // the device whose push this transaction applies; empty: the server
  std::int64_t m_lastSeq = 0;
  std::int64_t m_firstSeq = 0;
};

} // namespace

std::unique_ptr<AccountWriteTxn> SqliteServerStore::beginWrite(std::int64_t accountId,
                                                               const std::string& origin)
{
  return std::make_unique<SqliteAccountTxn>(m_pool, accountId, origin);
}

PulledRows SqliteServerStore::readAfter(std::int64_t accountId, std::int64_t after,
                                        std::size_t limit, const std::string& excludeOrigin)
{
  auto c = m_pool.borrow();
  // One read transaction: both lists come from the same snapshot, so no change committed in
  // between can fall behind the cursor.
  SQLite::Transaction snapshot(c->db(), SQLite::TransactionBehavior::DEFERRED);
  PulledRows rows;
  {
    auto& last = c->statement("SELECT last_seq FROM account WHERE id = ?");
    last.bind(1, accountId);
    rows.lastSeq = last.executeStep() ? last.getColumn(0).getInt64() : 0;
    last.reset();
  }
  // An empty `excludeOrigin` keeps every version, the server's own writes (origin '') too.
  // "+?2", not "?2": SQLite tries to prove the partial index's "seq > 0" from "seq > ?2" with
  // the bound value, and then prepares the statement again whenever that value changes, at
  // every pull (9 % of the server's CPU in W4); "+?2" is not compared, the literal "seq > 0"
  // selects the index, and the plan is the same range scan.
  auto& versions = c->statement(std::string(kVersionColumns) +
                                " WHERE account_id = ?1 AND seq > +?2 AND seq > 0"
                                " AND (?4 = '' OR origin <> ?4) ORDER BY seq LIMIT ?3");
  versions.bind(1, accountId);
  versions.bind(2, after);
  versions.bind(3, static_cast<std::int64_t>(limit) + 1);
  versions.bind(4, excludeOrigin);
  while (versions.executeStep()) {
    rows.versions.push_back(readVersion(versions));
  }
  versions.reset();
  auto& conflicts = c->statement(std::string(kConflictColumns) +
                                 " WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?");
  conflicts.bind(1, accountId);
  conflicts.bind(2, after);
  conflicts.bind(3, static_cast<std::int64_t>(limit) + 1);
  while (conflicts.executeStep()) {
    rows.conflicts.push_back(readConflict(conflicts));
  }
  conflicts.reset();
  snapshot.commit();
  return rows;
}

std::int64_t SqliteServerStore::countAfter(std::int64_t accountId, std::int64_t after,
                                           const std::string& excludeOrigin)
{
  auto c = m_pool.borrow();
  SQLite::Transaction snapshot(c->db(), SQLite::TransactionBehavior::DEFERRED);
  auto& versions = c->statement("SELECT count(*) FROM field_version WHERE account_id = ?1"
                                " AND seq > +?2 AND seq > 0 AND (?3 = '' OR origin <> ?3)");
  versions.bind(1, accountId);
  versions.bind(2, after);
  versions.bind(3, excludeOrigin);
  versions.executeStep();
  std::int64_t count = versions.getColumn(0).getInt64();
  versions.reset();
  auto& conflicts = c->statement("SELECT count(*) FROM conflict WHERE account_id = ? AND seq > ?");
  conflicts.bind(1, accountId);
  conflicts.bind(2, after);
  conflicts.executeStep();
  count += conflicts.getColumn(0).getInt64();
  conflicts.reset();
  snapshot.commit();
  return count;
}

std::vector<std::int64_t> SqliteServerStore::accountIds()
{
  std::vector<std::int64_t> accounts;
  auto c = m_pool.borrow();
  auto& q = c->statement("SELECT id FROM account ORDER BY id");
  while (q.executeStep()) {
    accounts.push_back(q.getColumn(0).getInt64());
  }
  q.reset();
  return accounts;
}

std::optional<PurgeResult> SqliteServerStore::purgeAccountTombstones(std::int64_t accountId,
                                                                     clock::Hlc deletedBeforeHlc)
{
  try {
    SqliteAccountTxn txn(m_pool, accountId, {}); // the server's own writes: sent to every device
    const auto purged = txn.purgeTombstones(deletedBeforeHlc);
    txn.commit();
    return purged;
  } catch (const NotFoundError&) {
    return std::nullopt;
  }
}

std::vector<StoredConflict> SqliteServerStore::conflicts(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  auto& q = c->statement(std::string(kConflictColumns) + " WHERE account_id = ? ORDER BY seq");
  q.bind(1, accountId);
  std::vector<StoredConflict> list;
  while (q.executeStep()) {
    list.push_back(readConflict(q));
  }
  q.reset();
  return list;
}

void SqliteServerStore::forEachVersion(std::int64_t accountId,
                                       const std::function<void(const StoredVersion&)>& visit)
{
  auto c = m_pool.borrow();
  SQLite::Transaction snapshot(c->db(), SQLite::TransactionBehavior::DEFERRED);
  auto& q =
      c->statement(std::string(kVersionColumns) + " WHERE account_id = ? ORDER BY row_id, field");
  q.bind(1, accountId);
  while (q.executeStep()) {
    visit(readVersion(q));
  }
  q.reset();
  snapshot.commit();
}

} // namespace pupitre::server
