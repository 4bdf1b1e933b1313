#pragma once
// Which blobs each account holds and how much storage that uses (server.db, table `blob`,
// migration 2), and the quota. Separate from ServerStore so that a PostgreSQL backend can
// implement it on its own; this is the SQLite one, sharing server.db.
#include "pupitre/blobs/blob_api.h"
#include "server/store/sqlite_connection.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pupitre::server::blobs {

// The account's storage: the same figures the devices receive (pupitre/blobs/blob_api.h).
using Storage = pupitre::blobs::StorageFigures;

enum class AddOutcome { Added, AlreadyHeld, OverQuota };

struct GcResult
{
  int removed = 0;                      // account blob rows dropped
  std::int64_t bytesFreed = 0;          // from quotas
  std::vector<std::string> orphanFiles; // hashes no account holds any more
};

class BlobIndex
{
public:
  // Opens server.db (already migrated by SqliteServerStore).
  explicit BlobIndex(const std::string& databasePath) : m_pool(databasePath) {}

  Storage storage(std::int64_t accountId);
  void setQuota(std::int64_t accountId, std::int64_t bytes);
  std::optional<std::int64_t> sizeOf(std::int64_t accountId, const std::string& hash);
  // Those of `hashes` the account holds.
  std::set<std::string> held(std::int64_t accountId, const std::vector<std::string>& hashes);
  // Counts an upload of `size` bytes under way against the account's quota (with the blobs
  // it holds and its other uploads under way); false, counting nothing, if it doesn't fit.
  bool reserveUpload(std::int64_t accountId, const std::string& hash, std::int64_t size,
                     std::int64_t nowMs);
  // The bytes the account's uploads under way reserve, but the one of `hash`.
  std::int64_t reservedBesides(std::int64_t accountId, const std::string& hash);
  // Stops counting an upload under way (discarded or refused).
  void releaseUpload(std::int64_t accountId, const std::string& hash);
  // Records that the account holds the blob, in one transaction with its quota check (its
  // own upload's reservation ends there).
  AddOutcome add(std::int64_t accountId, const std::string& hash, std::int64_t size,
                 std::int64_t nowMs);
  // Marks blobs no live row references (student.picture, resource.blob_hash), forgets
  // those unreferenced for `graceMs`, and uploads that received no chunk for as long, and
  // returns the files no account holds any more.
  GcResult collect(std::int64_t nowMs, std::int64_t graceMs);
  // Whether any account holds the blob (a file may only be deleted when none does).
  bool anyHolds(const std::string& hash);

private:
  SqlitePool m_pool;
};

} // namespace pupitre::server::blobs
