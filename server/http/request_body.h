#pragma once
// Reading a request body within a size limit: the declared Content-Length is checked first,
// then the bytes as they stream in, after gzip decompression (Content-Encoding: gzip), so a
// small compressed body cannot blow up in memory.
#include "pupitre/sync/protocol.h"
#include "server/outcome.h"

#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace pupitre::server::http {

// A push's body limit unless serve --max-body-mib says otherwise (16 MiB): the daemon's batch
// of 5000 field writes at about 3 KB each; devices fill at most half of it.
constexpr std::size_t kDefaultMaxPushBytes = sync::ServerLimits{}.maxPushBytes;

// The body, or 413 too_large / 400 bad_request (unknown encoding, damaged compression).
// `consumed` tells whether the whole body was read (else the connection must be closed).
Outcome<std::string> readRequestBody(Poco::Net::HTTPServerRequest& request, std::size_t limit,
                                     bool& consumed);

} // namespace pupitre::server::http
