#pragma once
// Reading a request body within a size limit: the declared Content-Length is checked first,
// then the bytes as they stream in, after gzip decompression (Content-Encoding: gzip), so a
// small compressed body cannot blow up in memory.
#include "server/outcome.h"

#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace pupitre::server::http {

constexpr std::size_t kDefaultMaxBodyBytes = std::size_t{64} << 20; // 64 MiB

// The body, or 413 too_large / 400 bad_request (unknown encoding, damaged compression).
// `consumed` tells whether the whole body was read (else the connection must be closed).
Outcome<std::string> readRequestBody(Poco::Net::HTTPServerRequest& request, std::size_t limit,
                                     bool& consumed);

} // namespace pupitre::server::http
