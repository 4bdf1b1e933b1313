#pragma once
// Reading the server's JSON answers to the blob endpoints (docs/sync-protocol.md, "Blobs").
// Anything that is not the expected object throws sync::TransportError with a sentence for
// the teacher; missing members take their defaults. Never crashes on hostile input.
#include "pupitre/blobs/blob_api.h"

#include <string_view>

namespace pupitre::blobs {

// The answer to POST /api/v1/blobs/missing.
MissingAnswer decodeMissingAnswer(std::string_view json);
// The answer to POST /api/v1/blobs/upload.
ChunkAnswer decodeChunkAnswer(std::string_view json);

} // namespace pupitre::blobs
