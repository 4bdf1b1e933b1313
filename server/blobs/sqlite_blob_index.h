#pragma once
// BlobIndex on server.db (tables `blob` and `blob_upload`, migrations 2 and 3).
#include "server/blobs/blob_index.h"
#include "server/store/sqlite_connection.h"

namespace pupitre::server::blobs {

class SqliteBlobIndex : public BlobIndex
{
public:
  // Opens server.db (already migrated by SqliteServerStore).
  explicit SqliteBlobIndex(const std::string& databasePath) : m_pool(databasePath) {}

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
  SqlitePool m_pool;
};

} // namespace pupitre::server::blobs
