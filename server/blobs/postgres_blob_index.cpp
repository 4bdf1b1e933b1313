#include "server/blobs/postgres_blob_index.h"

namespace pupitre::server::blobs {
namespace {

// Whether a live row of the blob's account references it: the current value of a hash field
// (student.picture, resource.blob_hash) of a row that is not deleted.
constexpr const char* kLiveReference =
    "EXISTS (SELECT 1 FROM field_version fv WHERE fv.account_id = blob.account_id"
    " AND ((fv.tbl = 'student' AND fv.field = 'picture')"
    " OR (fv.tbl = 'resource' AND fv.field = 'blob_hash'))"
    " AND fv.value_text = convert_to(blob.hash, 'UTF8')"
    " AND NOT EXISTS (SELECT 1 FROM field_version d WHERE d.account_id = fv.account_id"
    " AND d.row_id = fv.row_id AND d.field = 'deleted'"
    " AND (d.value_int = 1 OR d.value_real = 1 OR d.value_text = convert_to('1', 'UTF8'))))";

std::int64_t reservedIn(PgConnection& c, std::int64_t accountId, const std::string& hash)
{
  return c
      .exec("SELECT coalesce(sum(size), 0) FROM blob_upload WHERE account_id = $1 AND hash <> $2",
            PgParams().add(accountId).add(hash))
      .int64(0, 0);
}

} // namespace

bool PostgresBlobIndex::reserveUpload(std::int64_t accountId, const std::string& hash,
                                      std::int64_t size, std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  // The account's row locked: two nodes taking uploads of the account count one at a time.
  const auto account =
      c->exec("SELECT storage_used, storage_quota FROM account WHERE id = $1 FOR UPDATE",
              PgParams().add(accountId));
  if (account.rows() == 0) {
    return false;
  }
  if (account.int64(0, 0) + reservedIn(*c, accountId, hash) + size > account.int64(0, 1)) {
    return false;
  }
  c->exec("INSERT INTO blob_upload(account_id, hash, size, last_chunk_at) VALUES ($1, $2, $3, $4)"
          " ON CONFLICT (account_id, hash) DO UPDATE SET size = excluded.size,"
          " last_chunk_at = excluded.last_chunk_at",
          PgParams().add(accountId).add(hash).add(size).add(nowMs));
  txn.commit();
  return true;
}

std::int64_t PostgresBlobIndex::reservedBesides(std::int64_t accountId, const std::string& hash)
{
  auto c = m_pool.borrow();
  return reservedIn(*c, accountId, hash);
}

void PostgresBlobIndex::releaseUpload(std::int64_t accountId, const std::string& hash)
{
  auto c = m_pool.borrow();
  c->exec("DELETE FROM blob_upload WHERE account_id = $1 AND hash = $2",
          PgParams().add(accountId).add(hash));
}

Storage PostgresBlobIndex::storage(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  const auto r = c->exec("SELECT storage_used, storage_quota FROM account WHERE id = $1",
                         PgParams().add(accountId));
  return r.rows() > 0 ? Storage{r.int64(0, 0), r.int64(0, 1)} : Storage{};
}

void PostgresBlobIndex::setQuota(std::int64_t accountId, std::int64_t bytes)
{
  auto c = m_pool.borrow();
  c->exec("UPDATE account SET storage_quota = $1 WHERE id = $2",
          PgParams().add(bytes).add(accountId));
}

std::optional<std::int64_t> PostgresBlobIndex::sizeOf(std::int64_t accountId,
                                                      const std::string& hash)
{
  auto c = m_pool.borrow();
  const auto r = c->exec("SELECT size FROM blob WHERE account_id = $1 AND hash = $2",
                         PgParams().add(accountId).add(hash));
  return r.rows() > 0 ? std::optional(r.int64(0, 0)) : std::nullopt;
}

std::set<std::string> PostgresBlobIndex::held(std::int64_t accountId,
                                              const std::vector<std::string>& hashes)
{
  std::set<std::string> found;
  if (hashes.empty()) {
    return found;
  }
  // The hashes as one text[] parameter: {"h1","h2",...} (hashes are hex digits).
  std::string array = "{";
  for (const auto& hash : hashes) {
    array += (array.size() > 1 ? ",\"" : "\"") + hash + "\"";
  }
  array += "}";
  auto c = m_pool.borrow();
  const auto r = c->exec("SELECT hash FROM blob WHERE account_id = $1 AND hash = ANY($2::text[])",
                         PgParams().add(accountId).add(array));
  for (int i = 0; i < r.rows(); ++i) {
    found.insert(r.text(i, 0));
  }
  return found;
}

AddOutcome PostgresBlobIndex::add(std::int64_t accountId, const std::string& hash,
                                  std::int64_t size, std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  const auto account =
      c->exec("SELECT storage_used, storage_quota FROM account WHERE id = $1 FOR UPDATE",
              PgParams().add(accountId));
  const bool held = c->exec("SELECT 1 FROM blob WHERE account_id = $1 AND hash = $2",
                            PgParams().add(accountId).add(hash))
                        .rows() > 0;
  c->exec("DELETE FROM blob_upload WHERE account_id = $1 AND hash = $2",
          PgParams().add(accountId).add(hash));
  if (held || account.rows() == 0) {
    txn.commit();
    return AddOutcome::AlreadyHeld;
  }
  if (account.int64(0, 0) + reservedIn(*c, accountId, hash) + size > account.int64(0, 1)) {
    txn.commit(); // the upload is over either way
    return AddOutcome::OverQuota;
  }
  c->exec("INSERT INTO blob(account_id, hash, size, created_at) VALUES ($1, $2, $3, $4)",
          PgParams().add(accountId).add(hash).add(size).add(nowMs));
  c->exec("UPDATE account SET storage_used = storage_used + $1 WHERE id = $2",
          PgParams().add(size).add(accountId));
  txn.commit();
  return AddOutcome::Added;
}

GcResult PostgresBlobIndex::collect(std::int64_t nowMs, std::int64_t graceMs)
{
  GcResult result;
  auto c = m_pool.borrow();
  c->exec(std::string("UPDATE blob SET unreferenced_since = NULL WHERE unreferenced_since IS NOT"
                      " NULL AND ") +
          kLiveReference);
  c->exec(std::string("UPDATE blob SET unreferenced_since = $1 WHERE unreferenced_since IS NULL"
                      " AND NOT ") +
              kLiveReference,
          PgParams().add(nowMs));
  // Each account's expired blobs in a transaction of their own, the account's row locked
  // first (as uploads lock it): two nodes collecting at once free each blob's bytes once.
  const auto accounts =
      c->exec("SELECT DISTINCT account_id FROM blob WHERE unreferenced_since <= $1",
              PgParams().add(nowMs - graceMs));
  std::set<std::string> dropped;
  for (int a = 0; a < accounts.rows(); ++a) {
    const std::int64_t account = accounts.int64(a, 0);
    PgTransaction txn(*c);
    c->exec("SELECT 1 FROM account WHERE id = $1 FOR UPDATE", PgParams().add(account));
    const auto removed = c->exec("DELETE FROM blob WHERE account_id = $1 AND unreferenced_since"
                                 " <= $2 RETURNING hash, size",
                                 PgParams().add(account).add(nowMs - graceMs));
    std::int64_t freed = 0;
    for (int i = 0; i < removed.rows(); ++i) {
      dropped.insert(removed.text(i, 0));
      freed += removed.int64(i, 1);
    }
    c->exec("UPDATE account SET storage_used = greatest(0, storage_used - $1) WHERE id = $2",
            PgParams().add(freed).add(account));
    txn.commit();
    result.removed += removed.rows();
    result.bytesFreed += freed;
  }
  c->exec("DELETE FROM blob_upload WHERE last_chunk_at <= $1", PgParams().add(nowMs - graceMs));
  for (const auto& hash : dropped) {
    if (c->exec("SELECT 1 FROM blob WHERE hash = $1 LIMIT 1", PgParams().add(hash)).rows() == 0) {
      result.orphanFiles.push_back(hash);
    }
  }
  return result;
}

bool PostgresBlobIndex::anyHolds(const std::string& hash)
{
  auto c = m_pool.borrow();
  return c->exec("SELECT 1 FROM blob WHERE hash = $1 LIMIT 1", PgParams().add(hash)).rows() > 0;
}

} // namespace pupitre::server::blobs
