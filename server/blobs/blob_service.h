#pragma once
// The blob endpoints of the API (docs/sync-protocol.md, "Pictures and resources") without
// HTTP: which blobs an account lacks, chunked resumable uploads checked chunk by chunk and
// as a whole, ranged downloads, the storage quota (each distinct blob once per account), the
// per-file size limit, and garbage collection of blobs no live row references any more.
#include "pupitre/blobs/blob_api.h"
#include "pupitre/blobs/blob_store.h"
#include "pupitre/clock/hlc.h"
#include "server/blobs/blob_index.h"
#include "server/outcome.h"

#include "pupitre/blobs/sha256.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace pupitre::server {
class SyncService;
}

namespace pupitre::server::blobs {

constexpr std::int64_t kDefaultMaxBlobBytes = std::int64_t{200} << 20;       // 200 MiB
constexpr std::int64_t kDefaultGraceMs = std::int64_t{7} * 24 * 3600 * 1000; // 7 days
constexpr std::int64_t kDefaultDownloadBytes = std::int64_t{8} << 20;
constexpr std::int64_t kMaxDownloadBytes = std::int64_t{32} << 20;
// The largest upload chunk (request body) accepted, whatever --max-body-mib says.
constexpr std::size_t kMaxChunkBytes = std::size_t{32} << 20;

struct BlobLimits
{
  std::int64_t maxBlobBytes = kDefaultMaxBlobBytes;
  std::int64_t graceMs = kDefaultGraceMs; // unreferenced blobs are kept this long
};

// The answers are the API's own values, as the devices read them.
using pupitre::blobs::ChunkAnswer;
using pupitre::blobs::DownloadedRange;
using pupitre::blobs::MissingAnswer;

struct UploadChunk
{
  std::string hash;
  std::int64_t size = 0;
  std::int64_t offset = 0;
  std::string chunkSha256; // empty: not checked
  std::string chunkCrc32;  // 8 hex digits; empty: not checked
  std::string_view bytes;
};

class BlobService
{
public:
  // `dataDir`/blobs holds the bytes; `index` the accounts' holdings.
  BlobService(SyncService& sync, BlobIndex& index, const std::string& blobFolder,
              BlobLimits limits = {});

  Outcome<MissingAnswer> missing(const std::string& token, const std::vector<std::string>& hashes);
  Outcome<ChunkAnswer> upload(const std::string& token, const UploadChunk& chunk);
  Outcome<DownloadedRange> download(const std::string& token, const std::string& hash,
                                    std::int64_t offset, std::int64_t length);
  // Forgets blobs unreferenced for the grace period and deletes their files when no
  // account holds them; also drops interrupted uploads older than the grace period.
  GcResult collectGarbage(std::int64_t nowMs);

  // --- for the web version (server/web/): by account, the session being checked already
  Storage storage(std::int64_t accountId) { return m_index.storage(accountId); }
  // Whether the account holds the blob and its file is here.
  bool readable(std::int64_t accountId, const std::string& hash)
  {
    return m_index.sizeOf(accountId, hash).has_value() && m_files.has(hash);
  }
  // The whole blob, when the account holds it and its file is here (404 otherwise).
  Outcome<std::string> readWhole(std::int64_t accountId, const std::string& hash);
  // Stores `bytes` as a blob the account holds, within the file size limit and the quota
  // (refused otherwise, with nothing stored); returns its hash.
  Outcome<std::string> storeWhole(std::int64_t accountId, std::string_view bytes);

  const BlobLimits& limits() const { return m_limits; }
  pupitre::blobs::BlobStore& files() { return m_files; }

private:
  std::mutex& lockFor(const std::string& hash);

  SyncService& m_sync;
  BlobIndex& m_index;
  pupitre::blobs::BlobStore m_files;
  BlobLimits m_limits;
  std::array<std::mutex, 64> m_locks;
  // The SHA-256 of uploads in progress, computed as chunks arrive, by partial key; an upload
  // resumed after a server restart is hashed from its file first.
  struct RunningHash
  {
    std::int64_t offset = 0;
    std::unique_ptr<pupitre::blobs::Sha256> hash;
  };
  std::mutex m_runningMutex;
  std::map<std::string, RunningHash> m_running;
};

// "quota_exceeded" with the sentence the teacher sees; `unfinished`: bytes reserved by
// uploads under way.
sync::ApiError quotaExceeded(std::int64_t size, const Storage& storage,
                             std::int64_t unfinished = 0);

} // namespace pupitre::server::blobs
