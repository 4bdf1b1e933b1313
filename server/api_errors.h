#pragma once
// The API's refusals (docs/sync-protocol.md, "Errors") with the sentence the app shows the
// teacher. One place, so the same refusal always reads the same.
#include "pupitre/sync/protocol.h"

#include <cstdint>
#include <string>

namespace pupitre::server::api {

inline constexpr const char* kMethodNotAllowed = "method_not_allowed";
inline constexpr const char* kRequestTimeout = "request_timeout";
inline constexpr const char* kHeadersTooLarge = "headers_too_large";
// A value in a push larger than its field type accepts (413).
inline constexpr const char* kFieldTooLarge = sync::errors::kFieldTooLarge;
// Too many sign-ins are being checked at once (503, with Retry-After).
inline constexpr const char* kServerBusy = "server_busy";
// The web version: a write without the session's X-CSRF-Token (403) ...
inline constexpr const char* kCsrf = "csrf";
// ... and a sign-in to an account whose licence does not include it (403).
inline constexpr const char* kLicence = "licence";

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
// 413: a JSON body of more values than the endpoint takes.
sync::ApiError tooManyValues(std::size_t maxValues);
// 408: the headers or the body did not arrive in time.
sync::ApiError requestTimeout();
// 431: header lines too long or too many; `detail` says which.
sync::ApiError headersTooLarge(const std::string& detail);
sync::ApiError updateRequired(const std::string& clientVersion);
// Too many failed sign-ins for `email` (429, with Retry-After).
sync::ApiError rateLimited(const std::string& email, std::int64_t retryAfterSeconds);
// Too many failed sign-ins from the caller's network address (429, with Retry-After).
sync::ApiError addressRateLimited(std::int64_t retryAfterSeconds);
sync::ApiError serverBusy(std::int64_t retryAfterSeconds);
// A push of `count` changes when at most `limit` are accepted (413 too_large).
sync::ApiError tooManyChanges(std::size_t count, std::size_t limit);
// A value of `table`.`field` in record `rowId` of `size` bytes, over `limit`; names the
// record in the body (`table`, `row`, `field`, `size`, `limit`) so the device holds it back
// and sends the rest.
sync::ApiError fieldTooLarge(const std::string& table, const std::string& field,
                             const std::string& rowId, std::size_t size, std::size_t limit);
// 400: record `rowId` is filed under `table` in the push and under another kind on the server
// (or twice in the push); names the record like fieldTooLarge.
sync::ApiError recordKindMismatch(const std::string& table, const std::string& rowId);
// 507: the server's disk is full; nothing was changed and the device keeps its changes.
sync::ApiError serverFull();
sync::ApiError notFound(const std::string& what);
sync::ApiError methodNotAllowed(const std::string& method, const std::string& path);
sync::ApiError internal();
// 403 csrf: a web write without the session's X-CSRF-Token, or with another one.
sync::ApiError csrfRefused();
// 403 licence: a web sign-in to a single-device account.
sync::ApiError webNeedsMultiDevice();

} // namespace pupitre::server::api
