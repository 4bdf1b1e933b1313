#pragma once
// BlobIndex on the PostgreSQL database (tables `blob` and `blob_upload`), shared by every
// node: an account's quota is counted once, in the account's row, whichever node takes the
// upload (the row is locked while the quota is checked and changed).
#include "server/blobs/blob_index.h"
#include "server/store/pg_connection.h"

namespace pupitre::server::blobs {

class PostgresBlobIndex : public BlobIndex
{
public:
  // Shares the pool of the PostgresServerStore (which migrated the database).
  explicit PostgresBlobIndex(PgPool& pool) : m_pool(pool) {}

  Storage storage(std::int64_t accountId) override;
  void setQuota(std::int64_t accountId, std::int64_t bytes) override;
  std::optional<std::int64_t> sizeOf(std::int64_t accountId, const std::string& hash) override;
  std::set<std::string> held(std::int64_t accountId,
                             const std::vector<std::string>& hashes) override;
  bool reserveUpload(std::int64_t accountId, const std::string& hash, std::int64_t size,
                     std::int64_t nowMs) override;
  std::int64_t reservedBesides(std::int64_t accountId, const std::string& hash) override;
  void releaseUpload(std::int64_t accountId, const std::string& hash) override;
  AddOutcome add(std::int64_t accountId, const std::string& hash, std::int64_t size,
                 std::int64_t nowMs) override;
  GcResult collect(std::int64_t nowMs, std::int64_t graceMs) override;
  bool anyHolds(const std::string& hash) override;

private:
  PgPool& m_pool;
};

} // namespace pupitre::server::blobs
