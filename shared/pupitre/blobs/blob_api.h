#pragma once
// The blob part of the sync API (docs/sync-protocol.md, "Blobs"), as C++ values and the
// client side of it. Errors come as sync::ApiRefusal (the server said no) and
// sync::TransportError (it could not be reached), like the rest of the API.
#include "pupitre/net/tls.h"
#include "pupitre/sync/transport.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pupitre::blobs {

// Error codes of the blob endpoints, besides the API's own (bad_request, not_found, ...).
namespace errors {
inline constexpr const char* kQuotaExceeded = "quota_exceeded"; // 403: over the storage quota
inline constexpr const char* kFileTooLarge = "file_too_large";  // 413: over the per-file limit
inline constexpr const char* kBadChunk = "bad_chunk";           // 400: chunk_sha256 does not match
inline constexpr const char* kHashMismatch = "hash_mismatch";   // 400: the whole file's hash
inline constexpr const char* kWrongOffset = "wrong_offset";     // 409: not where the upload stands
} // namespace errors

// Header of a download answer: the blob's whole size.
inline constexpr const char* kBlobSizeHeader = "X-Pupitre-Blob-Size";
// At most this many hashes per "missing" request.
inline constexpr std::size_t kMaxHashesPerQuery = 10000;

struct MissingBlob
{
  std::string hash;
  std::int64_t received = 0; // bytes of an interrupted upload the server already holds
};

struct StorageFigures
{
  std::int64_t used = -1; // bytes; -1 when unknown
  std::int64_t quota = -1;
};

struct MissingAnswer
{
  std::vector<MissingBlob> missing;
  StorageFigures storage;
  std::int64_t maxBlobBytes = 0;
};

struct ChunkAnswer
{
  std::int64_t received = 0;
  bool complete = false;
  StorageFigures storage;
};

struct DownloadedRange
{
  std::string bytes;
  std::int64_t totalSize = 0;
};

class BlobClient
{
public:
  virtual ~BlobClient() = default;
  // Which of `hashes` the account's server store lacks (and how much of each it has).
  virtual MissingAnswer missing(const std::vector<std::string>& hashes) = 0;
  // Sends bytes [offset, offset + bytes.size()) of the blob `hash` of `totalSize` bytes.
  virtual ChunkAnswer upload(const std::string& hash, std::int64_t totalSize, std::int64_t offset,
                             std::string_view bytes) = 0;
  virtual DownloadedRange download(const std::string& hash, std::int64_t offset,
                                   std::int64_t length) = 0;
};

struct HttpBlobStats
{
  std::int64_t requests = 0;
  std::int64_t bytesSent = 0;     // blob bytes in upload bodies
  std::int64_t bytesReceived = 0; // blob bytes in download answers
};

// BlobClient over HTTP(S) to pupitre-server, on one kept-alive connection (net::ClientSessions:
// verified certificates, answers read within a size limit).
class HttpBlobClient : public BlobClient
{
public:
  // HTTPS trusts the system's certificate authorities plus `trust`.
  HttpBlobClient(const std::string& serverUrl, std::string token, const net::TlsTrust& trust = {});
  ~HttpBlobClient() override;

  MissingAnswer missing(const std::vector<std::string>& hashes) override;
  ChunkAnswer upload(const std::string& hash, std::int64_t totalSize, std::int64_t offset,
                     std::string_view bytes) override;
  DownloadedRange download(const std::string& hash, std::int64_t offset,
                           std::int64_t length) override;
  const HttpBlobStats& stats() const { return m_stats; }

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  HttpBlobStats m_stats;
};

} // namespace pupitre::blobs
