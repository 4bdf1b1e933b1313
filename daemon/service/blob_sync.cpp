#include "blob_sync.h"

#include <chrono>
#include <cstdlib>

namespace pupitre::daemon {
namespace {

std::int64_t envNumber(const char* name, std::int64_t fallback)
{
  const char* text = std::getenv(name);
  if (!text || !*text) {
    return fallback;
  }
  char* end = nullptr;
  const long long value = std::strtoll(text, &end, 10);
  return *end == '\0' && value >= 0 ? value : fallback;
}

} // namespace

BlobStageReport syncBlobs(store::Database& db, const std::string& serverUrl,
                          const std::string& token, const net::TlsTrust& tls, blobs::BlobKind kind,
                          const BlobProgress& progress)
{
  BlobStageReport report;
  report.stage = kind == blobs::BlobKind::Pictures ? "pictures" : "resources";
  const auto referenced = blobs::referencedBlobs(db, kind);
  blobs::BlobStore store(blobs::blobFolderFor(db.path()));
  blobs::TransferOptions options;
  options.chunkBytes = envNumber("PUPITRE_BLOB_CHUNK_KIB", blobs::kDefaultChunkBytes >> 10) << 10;
  options.chunkDelay = std::chrono::milliseconds(envNumber("PUPITRE_BLOB_CHUNK_DELAY_MS", 0));
  options.parallel = static_cast<int>(envNumber("PUPITRE_BLOB_PARALLEL", 4));
  blobs::BlobTransfer transfer(
      store, [&] { return std::make_unique<blobs::HttpBlobClient>(serverUrl, token, tls); },
      options);
  report.transfer =
      transfer.run(referenced.hashes, referenced.sizes, [&](const blobs::TransferProgress& p) {
        if (progress) {
          progress(report.stage, p.done, p.total);
        }
      });
  if (kind == blobs::BlobKind::Pictures) {
    for (const auto& hash : referenced.hashes) {
      blobs::pictureThumbnail(store, hash); // made for pictures that just arrived
    }
  }
  return report;
}

Poco::JSON::Object::Ptr blobStageJson(const BlobStageReport& report)
{
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
  json->set("uploaded", report.transfer.uploaded);
  json->set("downloaded", report.transfer.downloaded);
  json->set("bytes_sent", report.transfer.bytesSent);
  json->set("bytes_received", report.transfer.bytesReceived);
  json->set("not_on_server", report.transfer.notOnServer);
  json->set("refused", static_cast<int>(report.transfer.refused.size()));
  return json;
}

} // namespace pupitre::daemon
