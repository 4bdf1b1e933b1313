#pragma once
// The pictures and resources stages of a sync (sync.md, "Blobs are separate and
// content-addressed"): after the data, the bytes of students' pictures and of resource files
// that live rows reference move both ways between the BlobStore beside the database and the
// server (pupitre/blobs/blob_transfer.h). A file the server refuses (storage quota, size
// limit) stays on this computer with a warning and the rest of the sync goes on.
#include "pupitre/blobs/attachments.h"
#include "pupitre/blobs/blob_transfer.h"
#include "pupitre/net/tls.h"
#include "pupitre/store/database.h"

#include <Poco/JSON/Object.h>

#include <functional>
#include <string>

namespace pupitre::daemon {

struct BlobStageReport
{
  std::string stage; // "pictures" or "resources"
  blobs::TransferReport transfer;
};

using BlobProgress =
    std::function<void(const std::string& stage, std::int64_t done, std::int64_t total)>;

// Transfers one kind of blob for the account at `serverUrl`. Chunk size and a pause per
// chunk may be set for tests and benchmarks with PUPITRE_BLOB_CHUNK_KIB and
// PUPITRE_BLOB_CHUNK_DELAY_MS. Throws sync::TransportError / sync::ApiRefusal like the data
// stage.
BlobStageReport syncBlobs(store::Database& db, const std::string& serverUrl,
                          const std::string& token, const net::TlsTrust& tls, blobs::BlobKind kind,
                          const BlobProgress& progress);

// {"uploaded", "downloaded", "bytes_sent", "bytes_received", "not_on_server", "refused"}
Poco::JSON::Object::Ptr blobStageJson(const BlobStageReport& report);

} // namespace pupitre::daemon
