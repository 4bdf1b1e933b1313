#pragma once
// Moving blobs between this device's BlobStore and the server (sync.md, "Blobs are separate
// and content-addressed"): upload what the server lacks, in chunks, resuming an interrupted
// upload from the server's last confirmed byte; download what rows reference and this device
// lacks, resuming from the bytes already in ROOT/partial/. A blob the server refuses (quota,
// size limit) is skipped with a warning and the rest goes on; a blob no device has uploaded
// yet is counted as still missing. Network failures (TransportError) and other refusals end
// the transfer: what was confirmed stays confirmed, and the next one resumes.
#include "pupitre/blobs/blob_api.h"
#include "pupitre/blobs/blob_store.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pupitre::blobs {

constexpr std::int64_t kDefaultChunkBytes = std::int64_t{4} << 20;

struct TransferOptions
{
  std::int64_t chunkBytes = kDefaultChunkBytes;
  // A pause after each chunk (tests use it to interrupt a transfer half-way).
  std::chrono::milliseconds chunkDelay{0};
  // Files moved at once, each on its own connection (with a client factory).
  int parallel = 4;
};

struct TransferProgress
{
  std::int64_t done = 0;  // bytes sent and received so far
  std::int64_t total = 0; // bytes to send and receive (downloads of unknown size count once known)
};

struct TransferReport
{
  int uploaded = 0;   // blobs now complete on the server
  int downloaded = 0; // blobs now complete here
  std::int64_t bytesSent = 0;
  std::int64_t bytesReceived = 0;
  int notOnServer = 0;               // referenced, but no device has uploaded them yet
  std::vector<std::string> refused;  // hashes refused (quota, size): they stay local only
  std::vector<std::string> warnings; // sentences for the teacher
  StorageFigures storage;            // the account's figures after the transfer
};

using BlobClientFactory = std::function<std::unique_ptr<BlobClient>()>;

class BlobTransfer
{
public:
  // One client: one file at a time.
  BlobTransfer(BlobStore& store, BlobClient& client, TransferOptions options = {});
  // A client (a connection) per file moved at once: `options.parallel` files at a time.
  BlobTransfer(BlobStore& store, BlobClientFactory clients, TransferOptions options = {});

  // Transfers the blobs `hashes` (those referenced by live rows) both ways. `knownSizes`
  // (from the rows, e.g. a resource's size) makes the progress total right from the start.
  TransferReport run(const std::vector<std::string>& hashes,
                     const std::map<std::string, std::int64_t>& knownSizes,
                     const std::function<void(const TransferProgress&)>& progress);

private:
  void upload(BlobClient& client, const MissingBlob& blob, TransferReport& report);
  void download(BlobClient& client, const std::string& hash, bool sizeKnown,
                TransferReport& report);
  void advance(std::int64_t bytes, std::int64_t moreTotal = 0);
  // Runs `work(client, i, report)` for i in [0, count) on up to `parallel` threads.
  void forEach(std::size_t count,
               const std::function<void(BlobClient&, std::size_t, TransferReport&)>& work,
               TransferReport& report);

  BlobStore& m_store;
  BlobClient* m_client = nullptr;
  BlobClientFactory m_clients;
  TransferOptions m_options;
  std::mutex m_progressMutex;
  TransferProgress m_progress;
  std::function<void(const TransferProgress&)> m_report;
};

// "1.5 MB", "200 KB", "12 bytes" (decimal units, as file managers show).
std::string humanBytes(std::int64_t bytes);

} // namespace pupitre::blobs
