#pragma once
// The API's refusals (docs/sync-protocol.md, "Errors") with the sentence the app shows the
// teacher. One place, so the same refusal always reads the same.
#include "pupitre/sync/protocol.h"

#include <cstdint>
#include <string>

namespace pupitre::server::api {

inline constexpr const char* kMethodNotAllowed = "method_not_allowed";

// Any refusal: HTTP status, code (sync::errors) and the teacher's sentence.
sync::ApiError error(int status, const char* code, std::string message);

sync::ApiError badRequest(const std::string& what);
sync::ApiError unauthorized();
sync::ApiError deviceUnlinked();
// A token unused for `idleDays` days (code `unauthorized`: the device asks to sign in again).
sync::ApiError tokenExpired(std::int64_t idleDays);
sync::ApiError wrongPassword(const std::string& email);
sync::ApiError licenceSingleDevice();
sync::ApiError deviceLimit(std::int64_t maxDevices);
sync::ApiError clockAhead(std::int64_t serverTimeMs, std::int64_t maxAheadMs);
sync::ApiError tooLarge(std::size_t limitBytes);
sync::ApiError updateRequired(const std::string& clientVersion);
sync::ApiError rateLimited(const std::string& email, std::int64_t retryAfterSeconds);
sync::ApiError notFound(const std::string& what);
sync::ApiError methodNotAllowed(const std::string& method, const std::string& path);
sync::ApiError internal();

} // namespace pupitre::server::api
