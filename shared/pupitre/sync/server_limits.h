#pragma once
// The limits a server announces (protocol.h, ServerLimits) as the headers of its answers
// (X-Pupitre-Max-Push-Bytes, X-Pupitre-Max-Push-Changes, X-Pupitre-Max-Value-Bytes) and as
// pupitred keeps them in its settings (sync::settings::kServerLimits).
#include "pupitre/store/schema.h"
#include "pupitre/sync/protocol.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pupitre::sync {

// The value of X-Pupitre-Max-Value-Bytes: "text=1048576, any=4096, number=64".
std::string valueBytesHeader(const ServerLimits& limits);

// The limits an answer announces, from its headers (`header` gives a header's value, or
// nullopt when absent); nullopt when it announces none (an older server). A malformed or zero
// value keeps the default.
std::optional<ServerLimits>
announcedLimits(const std::function<std::optional<std::string>(const char* name)>& header);

// One line for the settings table, and back (defaults for what is missing or malformed).
std::string encodeLimits(const ServerLimits& limits);
ServerLimits decodeLimits(std::string_view text);

// The largest value a field of `type` may hold on that server, in bytes.
std::size_t maxValueBytes(const ServerLimits& limits, store::FieldType type);

} // namespace pupitre::sync
