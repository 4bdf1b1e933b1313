#include "server/blobs/blob_service.h"

#include "pupitre/blobs/blob_transfer.h"
#include "pupitre/blobs/sha256.h"
#include "server/api_errors.h"
#include "server/service/sync_service.h"

#include <filesystem>
#include <functional>

namespace pupitre::server::blobs {
namespace codes = pupitre::blobs::errors;
using pupitre::blobs::humanBytes;
using pupitre::blobs::isBlobHash;

namespace {

std::string partialKey(std::int64_t accountId, const std::string& hash)
{
  return std::to_string(accountId) + "-" + hash;
}

std::optional<sync::ApiError> checkHash(const std::string& hash)
{
  if (!isBlobHash(hash)) {
    return api::badRequest("'" + hash.substr(0, 80) +
                           "' is not the SHA-256 of a file (64 lower-case hex digits)");
  }
  return std::nullopt;
}

} // namespace

sync::ApiError quotaExceeded(std::int64_t size, const Storage& storage, std::int64_t unfinished)
{
  const std::string pending =
      unfinished > 0 ? " (and " + humanBytes(unfinished) + " by unfinished uploads)" : "";
  return api::error(403, codes::kQuotaExceeded,
                    "The account's storage is full: " + humanBytes(storage.used) + " of " +
                        humanBytes(storage.quota) + " are used" + pending +
                        ", and this file needs " + humanBytes(size) +
                        " more. The file stays on this computer; delete resources "
                        "or pictures you no longer need, or ask the administrator for more space.");
}

BlobService::BlobService(SyncService& sync, BlobIndex& index, const std::string& blobFolder,
                         BlobLimits limits)
    : m_sync(sync), m_index(index), m_files(blobFolder), m_limits(limits)
{
}

std::mutex& BlobService::lockFor(const std::string& hash)
{
  return m_locks[std::hash<std::string>()(hash) % m_locks.size()];
}

Outcome<MissingAnswer> BlobService::missing(const std::string& token,
                                            const std::vector<std::string>& hashes)
{
  auto caller = m_sync.syncingAccount(token);
  if (!caller) {
    return caller.error();
  }
  if (hashes.size() > pupitre::blobs::kMaxHashesPerQuery) {
    return api::badRequest("ask about at most " +
                           std::to_string(pupitre::blobs::kMaxHashesPerQuery) + " files at a time");
  }
  for (const auto& hash : hashes) {
    if (auto refusal = checkHash(hash)) {
      return *refusal;
    }
  }
  const std::int64_t account = caller.value().id;
  const auto held = m_index.held(account, hashes);
  MissingAnswer answer;
  for (const auto& hash : hashes) {
    if (!held.count(hash)) {
      answer.missing.push_back({hash, m_files.partialSize(partialKey(account, hash))});
    }
  }
  answer.storage = m_index.storage(account);
  answer.maxBlobBytes = m_limits.maxBlobBytes;
  return answer;
}

Outcome<ChunkAnswer> BlobService::upload(const std::string& token, const UploadChunk& chunk)
{
  auto caller = m_sync.syncingAccount(token);
  if (!caller) {
    return caller.error();
  }
  if (auto refusal = checkHash(chunk.hash)) {
    return *refusal;
  }
  if (chunk.size < 0 || chunk.offset < 0 ||
      chunk.offset + static_cast<std::int64_t>(chunk.bytes.size()) > chunk.size) {
    return api::badRequest("the chunk does not fit in the file's size");
  }
  if (chunk.size > m_limits.maxBlobBytes) {
    return api::error(413, codes::kFileTooLarge,
                      "The file is " + humanBytes(chunk.size) +
                          "; this server accepts files of up to " +
                          humanBytes(m_limits.maxBlobBytes) +
                          ". It stays on this computer; split it or share a smaller version.");
  }
  if ((!chunk.chunkSha256.empty() && pupitre::blobs::sha256Hex(chunk.bytes) != chunk.chunkSha256) ||
      (!chunk.chunkCrc32.empty() && pupitre::blobs::crc32Hex(chunk.bytes) != chunk.chunkCrc32)) {
    return api::error(400, codes::kBadChunk,
                      "A piece of a file was damaged on its way to the server and was refused; "
                      "synchronise again to resend it.");
  }
  const std::int64_t account = caller.value().id;
  std::lock_guard lock(lockFor(chunk.hash));
  if (const auto size = m_index.sizeOf(account, chunk.hash)) {
    return ChunkAnswer{*size, true, m_index.storage(account)};
  }
  const Storage storage = m_index.storage(account);
  // Unfinished uploads count against the quota too, from their first chunk on.
  if (!m_index.reserveUpload(account, chunk.hash, chunk.size, m_sync.nowMs())) {
    return quotaExceeded(chunk.size, storage, m_index.reservedBesides(account, chunk.hash));
  }
  const std::string key = partialKey(account, chunk.hash);
  const std::int64_t have = m_files.partialSize(key);
  if (chunk.offset != have) {
    return api::error(409, codes::kWrongOffset,
                      "The server holds " + std::to_string(have) + " bytes of this file, not " +
                          std::to_string(chunk.offset) + "; resume from there.");
  }
  RunningHash running;
  {
    std::lock_guard runningLock(m_runningMutex);
    const auto it = m_running.find(key);
    if (it != m_running.end()) {
      running = std::move(it->second);
      m_running.erase(it);
    }
  }
  if (!running.hash || running.offset != have) {
    running.hash = std::make_unique<pupitre::blobs::Sha256>();
    running.offset = have;
    if (have > 0) {
      m_files.hashPartial(key, *running.hash);
    }
  }
  m_files.appendPartial(key, chunk.offset, chunk.bytes);
  running.hash->update(chunk.bytes);
  const std::int64_t received = chunk.offset + static_cast<std::int64_t>(chunk.bytes.size());
  if (received < chunk.size) {
    running.offset = received;
    std::lock_guard runningLock(m_runningMutex);
    if (m_running.size() < 1024) { // else hashed from the file when it ends
      m_running[key] = std::move(running);
    }
    return ChunkAnswer{received, false, storage};
  }
  try {
    m_files.finishPartial(key, chunk.hash, running.hash->hexDigest());
  } catch (const pupitre::blobs::HashMismatch&) {
    m_index.releaseUpload(account, chunk.hash);
    return api::error(
        400, codes::kHashMismatch,
        "The file arrived damaged (its bytes do not match its name) and was discarded; "
        "synchronise again to resend it.");
  }
  switch (m_index.add(account, chunk.hash, chunk.size, m_sync.nowMs())) {
  case AddOutcome::OverQuota: // another upload took the room meanwhile
    if (!m_index.anyHolds(chunk.hash)) {
      m_files.remove(chunk.hash);
    }
    return quotaExceeded(chunk.size, m_index.storage(account));
  default:
    break;
  }
  return ChunkAnswer{received, true, m_index.storage(account)};
}

Outcome<DownloadedRange> BlobService::download(const std::string& token, const std::string& hash,
                                               std::int64_t offset, std::int64_t length)
{
  auto caller = m_sync.syncingAccount(token);
  if (!caller) {
    return caller.error();
  }
  if (auto refusal = checkHash(hash)) {
    return *refusal;
  }
  const auto size = m_index.sizeOf(caller.value().id, hash);
  if (!size || !m_files.has(hash)) {
    return api::notFound("The file " + hash +
                         " is not on the server yet; the device that added it must synchronise "
                         "its pictures or resources first.");
  }
  if (offset < 0 || offset > *size) {
    auto refusal = api::badRequest("the offset lies past the end of the file");
    refusal.status = 416;
    return refusal;
  }
  length = length <= 0 ? kDefaultDownloadBytes : std::min(length, kMaxDownloadBytes);
  DownloadedRange range;
  range.totalSize = *size;
  m_files.read(hash, offset, length, range.bytes);
  return range;
}

Outcome<std::string> BlobService::readWhole(std::int64_t accountId, const std::string& hash)
{
  if (auto refusal = checkHash(hash)) {
    return *refusal;
  }
  const auto size = m_index.sizeOf(accountId, hash);
  if (!size || !m_files.has(hash)) {
    return api::notFound("The file is not on the server yet; the device that added it must "
                         "synchronise its pictures or resources first.");
  }
  std::string bytes;
  m_files.read(hash, 0, *size, bytes);
  return bytes;
}

Outcome<std::string> BlobService::storeWhole(std::int64_t accountId, std::string_view bytes)
{
  const auto size = static_cast<std::int64_t>(bytes.size());
  if (size > m_limits.maxBlobBytes) {
    return api::error(413, codes::kFileTooLarge,
                      "The file is " + humanBytes(size) + "; this server accepts files of up to " +
                          humanBytes(m_limits.maxBlobBytes) +
                          ". Split it or share a smaller version.");
  }
  const std::string hash = pupitre::blobs::sha256Hex(bytes);
  std::lock_guard lock(lockFor(hash));
  if (m_index.sizeOf(accountId, hash)) {
    return hash; // held already: it counts once
  }
  const Storage storage = m_index.storage(accountId);
  if (!m_index.reserveUpload(accountId, hash, size, m_sync.nowMs())) {
    return quotaExceeded(size, storage, m_index.reservedBesides(accountId, hash));
  }
  try {
    if (!m_files.has(hash)) {
      m_files.addBytes(bytes);
    }
  } catch (...) {
    m_index.releaseUpload(accountId, hash);
    throw;
  }
  if (m_index.add(accountId, hash, size, m_sync.nowMs()) == AddOutcome::OverQuota) {
    m_index.releaseUpload(accountId, hash);
    if (!m_index.anyHolds(hash)) {
      m_files.remove(hash);
    }
    return quotaExceeded(size, m_index.storage(accountId));
  }
  return hash;
}

GcResult BlobService::collectGarbage(std::int64_t nowMs)
{
  GcResult result = m_index.collect(nowMs, m_limits.graceMs);
  for (const auto& hash : result.orphanFiles) {
    std::lock_guard lock(lockFor(hash));
    if (!m_index.anyHolds(hash)) {
      m_files.remove(hash);
    }
  }
  // Interrupted uploads nobody resumed within the grace period.
  namespace fs = std::filesystem;
  std::error_code error;
  const auto limit = fs::file_time_type::clock::now() - std::chrono::milliseconds(m_limits.graceMs);
  for (const char* folder : {"partial", "tmp"}) { // and files a crash left half-moved
    for (fs::directory_iterator it(m_files.root() / folder, error), end; !error && it != end;
         it.increment(error)) {
      if (it->last_write_time(error) < limit) {
        fs::remove(it->path(), error);
      }
    }
    error.clear();
  }

  return result;
}

} // namespace pupitre::server::blobs
