// PostgresServerStore: the synced data of an account (field versions, conflicts, sequence,
// applied push batches).
//
// The sequence rule with several nodes: a pull returns the changes with seq > cursor and the
// device moves its cursor to the last one. Were two transactions to take numbers 7 and 8
// and 8 to commit first, a pull in between would move the cursor past 7 for good. So a write
// transaction locks the account's row (SELECT ... FOR UPDATE) before it reads anything, and
// takes its numbers from the row's last_seq: the next writer of the account, on any node,
// waits for the commit and starts after the numbers committed. An account's numbers thus
// become visible in order, and a pull (one REPEATABLE READ snapshot) never sees a gap that
// fills later.
#include "server/store/postgres_server_store.h"

#include "pupitre/error.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/wire.h"
#include "server/log.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <span>
#include <unordered_map>

namespace pupitre::server {
namespace {

sync::Stamp stampAt(const PgResult& r, int row, int hlcColumn)
{
  return {static_cast<clock::Hlc>(r.int64(row, hlcColumn)), r.text(row, hlcColumn + 1)};
}

constexpr const char* kVersionColumns =
    "SELECT tbl, row_id, field, value_int, value_real, value_text, hlc, device, base_hlc,"
    " base_device, seq FROM field_version";

StoredVersion readVersion(const PgResult& r, int row)
{
  StoredVersion v;
  v.table = r.text(row, 0);
  v.rowId = r.text(row, 1);
  v.field = r.text(row, 2);
  v.value = valueAt(r, row, 3);
  v.stamp = stampAt(r, row, 6);
  v.base = stampAt(r, row, 8);
  v.seq = r.int64(row, 10);
  return v;
}

constexpr const char* kConflictColumns =
    "SELECT id, tbl, row_id, field, lost_int, lost_real, lost_text, lost_hlc, lost_device,"
    " won_int, won_real, won_text, won_hlc, won_device, seq FROM conflict";

StoredConflict readConflict(const PgResult& r, int row)
{
  StoredConflict s;
  s.conflict.id = r.text(row, 0);
  s.conflict.table = r.text(row, 1);
  s.conflict.rowId = r.text(row, 2);
  s.conflict.field = r.text(row, 3);
  s.conflict.lostValue = valueAt(r, row, 4);
  s.conflict.lostStamp = stampAt(r, row, 7);
  s.conflict.wonValue = valueAt(r, row, 9);
  s.conflict.wonStamp = stampAt(r, row, 12);
  s.seq = r.int64(row, 14);
  return s;
}

// A field whose value is null at the deletion's stamp (what retention leaves of it).
constexpr const char* kErased = "value_int IS NULL AND value_real IS NULL AND value_text IS NULL";

// Rows of one INSERT of field versions (13 parameters each; PostgreSQL takes up to 65535).
constexpr std::size_t kVersionsPerInsert = 1000;

// A text[] literal of `texts`, each quoted: {"a","b\\c"}.
std::string textArray(const std::vector<std::string>& texts)
{
  std::string array = "{";
  for (const auto& text : texts) {
    if (array.size() > 1) {
      array += ',';
    }
    array += '"';
    for (const char ch : text) {
      if (ch == '"' || ch == '\\') {
        array += '\\';
      }
      array += ch;
    }
    array += '"';
  }
  return array + "}";
}

// A write transaction on one account's synced data, in few round trips to the database:
// - the BEGIN, the lock of the account's row, the records prefetched and the first read go in
//   one pipeline (PgConnection::pipeline);
// - the versions of whole records are read at once (prefetch) and kept, with what the
//   transaction writes, so that the push's reads of them ask the database nothing;
// - writes are queued and sent with the next statement whose answer is needed, at the latest
//   with the COMMIT. An error in a queued write surfaces there, naming the statement, and the
//   whole transaction rolls back, as it did when each write was sent on its own.
// The account's row lock makes the kept versions exact: no other writer of the account, on
// any node, commits until this transaction ends.
class PostgresAccountTxn : public AccountWriteTxn
{
public:
  PostgresAccountTxn(PgPool& pool, std::int64_t accountId, std::string origin)
      : m_lease(pool.borrow()), m_txn(*m_lease, PgTransaction::BegunByCaller{}),
        m_account(accountId), m_origin(std::move(origin))
  {
    // Sent with the first statement that needs an answer; the account's counter row locked
    // until commit: see the top of this file.
    m_queue.push_back({"BEGIN", {}});
    readLater({"SELECT last_seq FROM account WHERE id = $1 FOR UPDATE", PgParams().add(accountId)},
              [this](const PgResult& r) {
                if (r.rows() == 0) {
                  throw NotFoundError("No account with id " + std::to_string(m_account) + ".");
                }
                m_lastSeq = r.int64(0, 0);
                m_firstSeq = m_lastSeq;
                m_locked = true;
              });
  }

  void prefetch(std::span<const sync::FieldWrite* const> writes) override
  {
    std::vector<std::string> rowIds;
    for (const auto* w : writes) {
      auto& row = m_rows[w->rowId];
      if (!row.complete && !row.fetching) {
        row.fetching = true;
        rowIds.push_back(w->rowId);
      }
    }
    if (rowIds.empty()) {
      return;
    }
    readLater({std::string(kVersionColumns) + " WHERE account_id = $1 AND row_id = ANY($2::text[])",
               PgParams().add(m_account).add(textArray(rowIds))},
              [this, rowIds](const PgResult& r) {
                for (const auto& id : rowIds) {
                  auto& row = m_rows[id];
                  row.fetching = false;
                  if (!row.complete) {
                    row.complete = true;
                    row.fields.clear(); // the database's answer holds what was kept before
                  }
                }
                for (int i = 0; i < r.rows(); ++i) {
                  auto v = readVersion(r, i);
                  auto& row = m_rows[v.rowId];
                  row.fields[v.field] = std::move(v);
                }
              });
  }

  std::optional<StoredVersion> version(const std::string& rowId, const std::string& field) override
  {
    flushReads();
    auto& row = m_rows[rowId];
    if (const auto it = row.fields.find(field); it != row.fields.end()) {
      return it->second;
    }
    if (row.complete) {
      return std::nullopt;
    }
    const auto r =
        run(std::string(kVersionColumns) + " WHERE account_id = $1 AND row_id = $2 AND field = $3",
            PgParams().add(m_account).add(rowId).add(field));
    auto v = r.rows() > 0 ? std::optional(readVersion(r, 0)) : std::nullopt;
    m_rows[rowId].fields[field] = v;
    return v;
  }

  std::optional<std::string> rowTable(const std::string& rowId) override
  {
    flushReads();
    if (const auto it = m_rows.find(rowId); it != m_rows.end() && it->second.complete) {
      const auto& fields = it->second.fields;
      if (const auto live = fields.find(std::string(store::kDeletedField));
          live != fields.end() && live->second) {
        return live->second->table;
      }
      for (const auto& [field, v] : fields) {
        if (v) {
          return v->table;
        }
      }
      return std::nullopt;
    }
    const auto r =
        run("SELECT tbl FROM field_version WHERE account_id = $1 AND row_id = $2 LIMIT 1",
            PgParams().add(m_account).add(rowId));
    return r.rows() > 0 ? std::optional(r.text(0, 0)) : std::nullopt;
  }

  void putVersion(const StoredVersion& v) override
  {
    if (!m_versionsSlot) {
      flushReads(); // what is kept of the queued reads is then exact before anything changes
      m_versionsSlot = m_queue.size();
      m_queue.push_back({}); // the versions' INSERT, made when sent (versionInserts)
    }
    // A later put of the same field replaces the earlier one, as its INSERT would.
    const auto [at, added] = m_versionIndex.try_emplace({v.rowId, v.field}, m_versions.size());
    if (added) {
      m_versions.push_back(v);
    } else {
      m_versions[at->second] = v;
    }
    m_rows[v.rowId].fields[v.field] = v;
  }

  std::int64_t nextSeq() override
  {
    ensureLocked();
    return ++m_lastSeq;
  }

  bool addConflict(const sync::Conflict& c) override
  {
    // Kept with the next number only if new: the number is taken when the row went in.
    ensureLocked();
    const std::int64_t seq = m_lastSeq + 1;
    PgParams params;
    params.add(m_account).add(c.id).add(c.table).add(c.rowId).add(c.field);
    addValue(params, c.lostValue);
    params.add(static_cast<std::int64_t>(c.lostStamp.hlc)).add(c.lostStamp.device);
    addValue(params, c.wonValue);
    params.add(static_cast<std::int64_t>(c.wonStamp.hlc)).add(c.wonStamp.device).add(seq);
    const auto inserted =
        run("INSERT INTO conflict(account_id, id, tbl, row_id, field, lost_int, lost_real,"
            " lost_text, lost_hlc, lost_device, won_int, won_real, won_text, won_hlc,"
            " won_device, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
            " $13, $14, $15, $16) ON CONFLICT (account_id, id) DO NOTHING",
            std::move(params));
    if (inserted.affected() == 0) {
      return false;
    }
    m_lastSeq = seq;
    return true;
  }

  std::optional<BatchRecord> lastBatch(const std::string& deviceId) override
  {
    const auto r =
        run("SELECT last_batch, last_result FROM device WHERE account_id = $1 AND id = $2",
            PgParams().add(m_account).add(deviceId));
    if (r.rows() == 0 || r.int64(0, 0) <= 0 || r.isNull(0, 1)) {
      return std::nullopt;
    }
    return BatchRecord{r.int64(0, 0), sync::decodePushResult(r.text(0, 1))};
  }

  void recordBatch(const std::string& deviceId, const BatchRecord& batch,
                   std::int64_t nowMs) override
  {
    later("UPDATE device SET last_batch = $1, last_result = $2,"
          " last_seen = greatest(last_seen, $3) WHERE account_id = $4 AND id = $5",
          PgParams()
              .add(batch.batch)
              .add(sync::encodePushResult(batch.result))
              .add(nowMs)
              .add(m_account)
              .add(deviceId));
  }

  // The retention sweep of this account (ServerStore::purgeTombstones).
  PurgeResult purgeTombstones(clock::Hlc deletedBeforeHlc)
  {
    const auto rows =
        run(std::string("SELECT l.row_id, l.hlc, l.device FROM field_version l"
                        " WHERE l.account_id = $1 AND l.field = 'deleted'"
                        " AND (l.value_int = 1 OR l.value_real = 1) AND l.hlc < $2"
                        " AND EXISTS (SELECT 1 FROM field_version f WHERE f.account_id = $1"
                        " AND f.row_id = l.row_id AND f.field <> 'deleted' AND (NOT (") +
                kErased +
                ") OR f.hlc <> l.hlc OR f.device <> l.device))"
                " ORDER BY l.row_id COLLATE \"C\"",
            PgParams().add(m_account).add(static_cast<std::int64_t>(deletedBeforeHlc)));
    PurgeResult result;
    for (int i = 0; i < rows.rows(); ++i) {
      const std::string rowId = rows.text(i, 0);
      const sync::Stamp deletion = stampAt(rows, i, 1);
      const auto fields =
          run(std::string("SELECT field FROM field_version WHERE account_id = $1 AND row_id = $2"
                          " AND field <> 'deleted' AND (NOT (") +
                  kErased + ") OR hlc <> $3 OR device <> $4) ORDER BY field COLLATE \"C\"",
              PgParams()
                  .add(m_account)
                  .add(rowId)
                  .add(static_cast<std::int64_t>(deletion.hlc))
                  .add(deletion.device));
      for (int f = 0; f < fields.rows(); ++f) {
        later("UPDATE field_version SET value_int = NULL, value_real = NULL,"
              " value_text = NULL, hlc = $1, device = $2, base_hlc = 0,"
              " base_device = '', seq = $3, origin = '' WHERE account_id = $4"
              " AND row_id = $5"
              " AND field = $6",
              PgParams()
                  .add(static_cast<std::int64_t>(deletion.hlc))
                  .add(deletion.device)
                  .add(nextSeq())
                  .add(m_account)
                  .add(rowId)
                  .add(fields.text(f, 0)));
      }
      m_rows.erase(rowId);
      result.conflicts += run("DELETE FROM conflict WHERE account_id = $1 AND row_id = $2",
                              PgParams().add(m_account).add(rowId))
                              .affected();
      result.fields += fields.rows();
      ++result.rows;
    }
    return result;
  }

  void commit() override
  {
    if (m_locked && m_lastSeq != m_firstSeq) {
      later("UPDATE account SET last_seq = $1 WHERE id = $2",
            PgParams().add(m_lastSeq).add(m_account));
    }
    m_queue.push_back({"COMMIT", {}});
    flush();
    m_txn.committed();
    serverLog()->debug("PostgreSQL: a write transaction of account {}: {} statements in {} "
                       "round trips",
                       m_account, m_statements, m_roundTrips);
  }

private:
  using Handler = std::function<void(const PgResult&)>;

  // Sends every queued statement in one round trip, then hands the queued reads their answers;
  // the answers of all, in order.
  std::vector<PgResult> flush()
  {
    if (m_queue.empty()) {
      return {};
    }
    auto queue = std::move(m_queue);
    auto handlers = std::move(m_handlers);
    m_queue.clear();
    m_handlers.clear();
    if (m_versionsSlot) {
      // The queued versions, in multi-row INSERTs where the first put was queued.
      const auto slot = *m_versionsSlot;
      auto inserts = versionInserts();
      const auto more = inserts.size() - 1;
      queue[slot] = std::move(inserts.front());
      queue.insert(queue.begin() + static_cast<std::ptrdiff_t>(slot) + 1,
                   std::make_move_iterator(inserts.begin() + 1),
                   std::make_move_iterator(inserts.end()));
      for (auto& [index, handler] : handlers) {
        index += index > slot ? more : 0;
      }
    }
    m_statements += queue.size();
    ++m_roundTrips;
    auto results = m_lease->pipeline(queue);
    for (const auto& [index, handler] : handlers) {
      handler(results[index]);
    }
    return results;
  }
  // The queued versions as INSERT … ON CONFLICT statements of up to kVersionsPerInsert rows;
  // none left queued.
  std::vector<PgStatement> versionInserts()
  {
    constexpr std::size_t kColumns = 13;
    std::vector<PgStatement> inserts;
    for (std::size_t begin = 0; begin < m_versions.size(); begin += kVersionsPerInsert) {
      const std::size_t end = std::min(m_versions.size(), begin + kVersionsPerInsert);
      PgStatement insert;
      insert.sql = "INSERT INTO field_version(account_id, row_id, field, tbl, value_int,"
                   " value_real, value_text, hlc, device, base_hlc, base_device, seq, origin)"
                   " VALUES ";
      for (std::size_t i = begin; i < end; ++i) {
        const auto& v = m_versions[i];
        const std::size_t first = (i - begin) * kColumns + 1;
        insert.sql += i == begin ? "(" : ", (";
        for (std::size_t c = 0; c < kColumns; ++c) {
          insert.sql += (c == 0 ? "$" : ", $") + std::to_string(first + c);
        }
        insert.sql += ")";
        insert.params.add(m_account).add(v.rowId).add(v.field).add(v.table);
        addValue(insert.params, v.value);
        insert.params.add(static_cast<std::int64_t>(v.stamp.hlc))
            .add(v.stamp.device)
            .add(static_cast<std::int64_t>(v.base.hlc))
            .add(v.base.device)
            .add(v.seq)
            .add(m_origin);
      }
      insert.sql +=
          " ON CONFLICT (account_id, row_id, field) DO UPDATE SET tbl = excluded.tbl,"
          " value_int = excluded.value_int, value_real = excluded.value_real,"
          " value_text = excluded.value_text, hlc = excluded.hlc, device = excluded.device,"
          " base_hlc = excluded.base_hlc, base_device = excluded.base_device,"
          " seq = excluded.seq, origin = excluded.origin";
      inserts.push_back(std::move(insert));
    }
    m_versions.clear();
    m_versionIndex.clear();
    m_versionsSlot.reset();
    return inserts;
  }
  // Runs the statement after the queued ones, in the same round trip; its answer.
  PgResult run(std::string sql, PgParams params)
  {
    m_queue.push_back({std::move(sql), std::move(params)});
    auto results = flush();
    return std::move(results.back());
  }
  // Queues a read whose answer `handler` takes when it is sent.
  void readLater(PgStatement statement, Handler handler)
  {
    m_queue.push_back(std::move(statement));
    m_handlers.emplace_back(m_queue.size() - 1, std::move(handler));
  }
  // Queues a write: sent with the next statement whose answer is needed.
  void later(std::string sql, PgParams params)
  {
    flushReads(); // what is kept of the queued reads is then exact before anything changes
    m_queue.push_back({std::move(sql), std::move(params)});
  }
  void flushReads()
  {
    if (!m_handlers.empty()) {
      flush();
    }
  }
  void ensureLocked()
  {
    if (!m_locked) {
      flush();
    }
  }

  // The versions of a record this transaction knows: read from the database or written by
  // it (nullopt: known to be absent). `complete`: every field of the record is here.
  struct KnownRow
  {
    std::map<std::string, std::optional<StoredVersion>> fields;
    bool complete = false;
    bool fetching = false;
  };

  PgPool::Lease m_lease; // declared first: outlives the transaction
  PgTransaction m_txn;
  std::int64_t m_account;
  std::string m_origin; // the device whose push this transaction applies; empty: the server
  std::int64_t m_lastSeq = 0;
  std::int64_t m_firstSeq = 0;
  bool m_locked = false; // the account's row is locked and m_lastSeq read
  std::vector<PgStatement> m_queue;
  std::vector<std::pair<std::size_t, Handler>> m_handlers; // index in m_queue, handler
  std::unordered_map<std::string, KnownRow> m_rows;        // by row id
  // The versions put since the last round trip, each field once, and where in m_queue their
  // INSERT goes.
  std::vector<StoredVersion> m_versions;
  std::map<std::pair<std::string, std::string>, std::size_t> m_versionIndex; // (row, field)
  std::optional<std::size_t> m_versionsSlot;
  std::size_t m_statements = 0;
  std::size_t m_roundTrips = 0;
};

// A read-only snapshot: every statement of it sees the same committed data.
constexpr const char* kSnapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

} // namespace

std::unique_ptr<AccountWriteTxn> PostgresServerStore::beginWrite(std::int64_t accountId,
                                                                 const std::string& origin)
{
  return std::make_unique<PostgresAccountTxn>(m_pool, accountId, origin);
}

PulledRows PostgresServerStore::readAfter(std::int64_t accountId, std::int64_t after,
                                          std::size_t limit, const std::string& excludeOrigin)
{
  auto c = m_pool.borrow();
  PgTransaction snapshot(*c, PgTransaction::BegunByCaller{});
  const auto pageSize = static_cast<std::int64_t>(limit) + 1;
  // One round trip: the snapshot's statements in a pipeline. An empty `excludeOrigin` keeps
  // every version, the server's own writes (origin '') too.
  const auto answers = c->pipeline(
      {{kSnapshot, {}},
       {"SELECT last_seq FROM account WHERE id = $1", PgParams().add(accountId)},
       {std::string(kVersionColumns) + " WHERE account_id = $1 AND seq > $2 AND seq > 0"
                                       " AND ($4 = '' OR origin <> $4) ORDER BY seq LIMIT $3",
        PgParams().add(accountId).add(after).add(pageSize).add(excludeOrigin)},
       {std::string(kConflictColumns) + " WHERE account_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        PgParams().add(accountId).add(after).add(pageSize)},
       {"COMMIT", {}}});
  snapshot.committed();
  PulledRows rows;
  const auto& last = answers[1];
  rows.lastSeq = last.rows() > 0 ? last.int64(0, 0) : 0;
  const auto& versions = answers[2];
  for (int i = 0; i < versions.rows(); ++i) {
    rows.versions.push_back(readVersion(versions, i));
  }
  const auto& conflicts = answers[3];
  for (int i = 0; i < conflicts.rows(); ++i) {
    rows.conflicts.push_back(readConflict(conflicts, i));
  }
  return rows;
}

std::int64_t PostgresServerStore::countAfter(std::int64_t accountId, std::int64_t after,
                                             const std::string& excludeOrigin)
{
  auto c = m_pool.borrow();
  return c
      ->exec("SELECT (SELECT count(*) FROM field_version WHERE account_id = $1 AND seq > $2"
             " AND seq > 0 AND ($3 = '' OR origin <> $3)) + (SELECT count(*) FROM conflict"
             " WHERE account_id = $1 AND seq > $2)",
             PgParams().add(accountId).add(after).add(excludeOrigin))
      .int64(0, 0);
}

std::vector<std::int64_t> PostgresServerStore::accountIds()
{
  std::vector<std::int64_t> accounts;
  auto c = m_pool.borrow();
  const auto r = c->exec("SELECT id FROM account ORDER BY id");
  for (int i = 0; i < r.rows(); ++i) {
    accounts.push_back(r.int64(i, 0));
  }
  return accounts;
}

std::optional<PurgeResult> PostgresServerStore::purgeAccountTombstones(std::int64_t accountId,
                                                                       clock::Hlc deletedBeforeHlc)
{
  try {
    PostgresAccountTxn txn(m_pool, accountId, {}); // the server's own writes: to every device
    const auto purged = txn.purgeTombstones(deletedBeforeHlc);
    txn.commit();
    return purged;
  } catch (const NotFoundError&) {
    return std::nullopt;
  }
}

std::vector<StoredConflict> PostgresServerStore::conflicts(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  const auto r = c->exec(std::string(kConflictColumns) + " WHERE account_id = $1 ORDER BY seq",
                         PgParams().add(accountId));
  std::vector<StoredConflict> list;
  for (int i = 0; i < r.rows(); ++i) {
    list.push_back(readConflict(r, i));
  }
  return list;
}

void PostgresServerStore::forEachVersion(std::int64_t accountId,
                                         const std::function<void(const StoredVersion&)>& visit)
{
  auto c = m_pool.borrow();
  const auto r =
      c->exec(std::string(kVersionColumns) + " WHERE account_id = $1 ORDER BY row_id COLLATE \"C\","
                                             " field COLLATE \"C\"",
              PgParams().add(accountId));
  for (int i = 0; i < r.rows(); ++i) {
    visit(readVersion(r, i));
  }
}

} // namespace pupitre::server
