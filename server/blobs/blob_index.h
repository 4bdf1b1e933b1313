#pragma once
// Which blobs each account holds and how much storage that uses (table `blob` of the server's
// database), and the quota. Separate from ServerStore: SqliteBlobIndex shares server.db,
// PostgresBlobIndex the PostgreSQL database. (The files themselves are in a folder,
// blob_service.h.)
#include "pupitre/blobs/blob_api.h"

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
  virtual ~BlobIndex() = default;

  virtual Storage storage(std::int64_t accountId) = 0;
  virtual void setQuota(std::int64_t accountId, std::int64_t bytes) = 0;
  virtual std::optional<std::int64_t> sizeOf(std::int64_t accountId, const std::string& hash) = 0;
  // Those of `hashes` the account holds.
  virtual std::set<std::string> held(std::int64_t accountId,
                                     const std::vector<std::string>& hashes) = 0;
  // Counts an upload of `size` bytes under way against the account's quota (with the blobs
  // it holds and its other uploads under way); false, counting nothing, if it doesn't fit.
  virtual bool reserveUpload(std::int64_t accountId, const std::string& hash, std::int64_t size,
                             std::int64_t nowMs) = 0;
  // The bytes the account's uploads under way reserve, but the one of `hash`.
  virtual std::int64_t reservedBesides(std::int64_t accountId, const std::string& hash) = 0;
  // Stops counting an upload under way (discarded or refused).
  virtual void releaseUpload(std::int64_t accountId, const std::string& hash) = 0;
  // Records that the account holds the blob, in one transaction with its quota check (its
  // own upload's reservation ends there).
  virtual AddOutcome add(std::int64_t accountId, const std::string& hash, std::int64_t size,
                         std::int64_t nowMs) = 0;
  // Marks blobs no live row references (student.picture, resource.blob_hash), forgets
  // those unreferenced for `graceMs`, and uploads that received no chunk for as long, and
  // returns the files no account holds any more.
  virtual GcResult collect(std::int64_t nowMs, std::int64_t graceMs) = 0;
  // Whether any account holds the blob (a file may only be deleted when none does).
  virtual bool anyHolds(const std::string& hash) = 0;
};

} // namespace pupitre::server::blobs
