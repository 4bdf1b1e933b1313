#pragma once
// A first pass over a JSON request body before any parser builds it in memory: it counts
// the values and the nesting depth against the endpoint's limits and checks that every whole
// number fits the wire's 64-bit integers, so a hostile body is refused for the cost of one
// read through its bytes. Malformed JSON is left to the parser, which refuses it.
#include "pupitre/sync/protocol.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace pupitre::server::http {

// What one endpoint's JSON body may hold (the table in routes.cpp).
struct JsonBounds
{
  std::size_t maxValues = 0; // values of every kind, object keys included; 0: not JSON
  std::size_t maxDepth = 0;  // nested arrays and objects; the outer object is 1
};

// 413 too_large (too many values) or 400 bad_request (too deep, a whole number out of
// range); nullopt when the body is within bounds.
[[nodiscard]] std::optional<sync::ApiError> checkJsonBounds(std::string_view json,
                                                            const JsonBounds& bounds);

} // namespace pupitre::server::http
