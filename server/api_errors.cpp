#include "server/api_errors.h"

#include <cctype>

namespace pupitre::server::api {
namespace {

namespace codes = sync::errors;

std::string minutesText(std::int64_t seconds)
{
  const std::int64_t minutes = (seconds + 59) / 60;
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

// "40 seconds" under two minutes, else in minutes.
std::string waitText(std::int64_t seconds)
{
  if (seconds < 120) {
    return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
  }
  return minutesText(seconds);
}

// "16 MiB", "64 KiB", "100 bytes": the largest unit the size is a whole number of.
std::string sizeText(std::size_t bytes)
{
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  if (bytes >= 1024 && bytes % 1024 == 0) {
    return std::to_string(bytes >> 10) + " KiB";
  }
  return std::to_string(bytes) + " bytes";
}

} // namespace

sync::ApiError error(int status, const char* code, std::string message)
{
  sync::ApiError e;
  e.status = status;
  e.code = code;
  e.message = std::move(message);
  return e;
}

sync::ApiError badRequest(const std::string& what)
{
  // `what` may be a sentence of its own (the codec's): fold it into this one.
  std::string detail = what;
  while (!detail.empty() && (detail.back() == '.' || detail.back() == ' ')) {
    detail.pop_back();
  }
  if (detail.size() > 1 && std::isupper(static_cast<unsigned char>(detail[0])) &&
      std::islower(static_cast<unsigned char>(detail[1]))) {
    detail[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(detail[0])));
  }
  return error(400, codes::kBadRequest,
               "The server could not use the request: " + detail + ". Nothing was changed.");
}

sync::ApiError unauthorized()
{
  return error(401, codes::kUnauthorized,
               "This device is not signed in to the server any more. Sign in again in Settings.");
}

sync::ApiError tokenExpired(std::int64_t idleDays)
{
  return error(401, codes::kUnauthorized,
               "This device has not synchronised for more than " + std::to_string(idleDays) +
                   (idleDays == 1 ? " day" : " days") +
                   ", so its sign-in expired. Sign in again in Settings.");
}

sync::ApiError deviceUnlinked()
{
  return error(
      401, codes::kDeviceUnlinked,
      "This device was unlinked from your account. Its data stay on it; sign in again in Settings "
      "to link it and synchronise.");
}

sync::ApiError wrongPassword(const std::string& email)
{
  return error(401, codes::kWrongPassword,
               "The server refused the e-mail address or the password for " + email +
                   ". Check both and try again.");
}

sync::ApiError licenceSingleDevice()
{
  return error(403, codes::kLicenceSingleDevice,
               "Your Pupitre licence is for one device, so this device can't synchronise. A "
               "multi-device licence "
               "keeps all your computers up to date.");
}

sync::ApiError deviceLimit(std::int64_t maxDevices)
{
  return error(403, codes::kDeviceLimit,
               "Your licence allows " + std::to_string(maxDevices) +
                   (maxDevices == 1 ? " device" : " devices") +
                   " and all are in use. Unlink a device you no longer use, then sign in again.");
}

sync::ApiError clockAhead(std::int64_t serverTimeMs, std::int64_t maxAheadMs)
{
  auto e = error(409, codes::kClockAhead,
                 "This device's clock is more than " + minutesText(maxAheadMs / 1000) +
                     " ahead of the server's. Pupitre corrects the time of your changes and sends "
                     "them again.");
  e.serverTimeMs = serverTimeMs;
  e.maxClockAheadMs = maxAheadMs;
  return e;
}

sync::ApiError tooLarge(std::size_t limitBytes)
{
  return error(413, codes::kTooLarge,
               "The request is larger than the server accepts (" + sizeText(limitBytes) +
                   "). Nothing was changed.");
}

sync::ApiError tooManyValues(std::size_t maxValues)
{
  return error(413, codes::kTooLarge,
               "The request holds more JSON values than the server accepts (" +
                   std::to_string(maxValues) + "). Nothing was changed.");
}

sync::ApiError requestTimeout()
{
  return error(408, kRequestTimeout,
               "The request arrived too slowly and the server stopped waiting for it. Nothing "
               "was changed; check the connection and try again.");
}

sync::ApiError headersTooLarge(const std::string& detail)
{
  return error(431, kHeadersTooLarge,
               "The request's header is larger than the server accepts (" + detail +
                   "; at most 100 lines of 8 KB). Nothing was changed.");
}

sync::ApiError updateRequired(const std::string& clientVersion)
{
  return error(
      426, codes::kUpdateRequired,
      "This version of Pupitre speaks sync protocol " + clientVersion +
          ", which the server does not. Update Pupitre (or ask for the server to be updated).");
}

sync::ApiError rateLimited(const std::string& email, std::int64_t retryAfterSeconds)
{
  auto e = error(429, codes::kRateLimited,
                 "Too many failed sign-in attempts for " + email + ". Wait " +
                     waitText(retryAfterSeconds) + " and try again.");
  e.retryAfterSeconds = retryAfterSeconds;
  return e;
}

sync::ApiError addressRateLimited(std::int64_t retryAfterSeconds)
{
  auto e = error(429, codes::kRateLimited,
                 "Too many failed sign-in attempts came from this network. Wait " +
                     waitText(retryAfterSeconds) + " and try again.");
  e.retryAfterSeconds = retryAfterSeconds;
  return e;
}

sync::ApiError serverBusy(std::int64_t retryAfterSeconds)
{
  auto e = error(503, kServerBusy,
                 "The server is busy checking other sign-ins. Try again in " +
                     waitText(retryAfterSeconds) + ".");
  e.retryAfterSeconds = retryAfterSeconds;
  return e;
}

sync::ApiError tooManyChanges(std::size_t count, std::size_t limit)
{
  return error(413, codes::kTooLarge,
               "The device sent " + std::to_string(count) +
                   " changes at once; the server accepts at most " + std::to_string(limit) +
                   " per request. Nothing was changed; update Pupitre on this device.");
}

sync::ApiError fieldTooLarge(const std::string& table, const std::string& field,
                             const std::string& rowId, std::size_t size, std::size_t limit)
{
  auto e = error(413, kFieldTooLarge,
                 "The value of " + table + "." + field + " in record " + rowId + " is " +
                     sizeText(size) + "; the server keeps at most " + sizeText(limit) +
                     " there. Nothing was changed; shorten it and synchronise again.");
  e.table = table;
  e.rowId = rowId;
  e.field = field;
  e.size = static_cast<std::int64_t>(size);
  e.limit = static_cast<std::int64_t>(limit);
  return e;
}

sync::ApiError recordKindMismatch(const std::string& table, const std::string& rowId)
{
  auto e = badRequest("record " + rowId + " is filed under two kinds of record.");
  e.table = table;
  e.rowId = rowId;
  return e;
}

sync::ApiError serverFull()
{
  return error(507, codes::kServerFull,
               "The server is out of disk space; your changes are kept on this computer. Tell "
               "the server's administrator.");
}

sync::ApiError notFound(const std::string& what)
{
  return error(404, codes::kNotFound, what);
}

sync::ApiError methodNotAllowed(const std::string& method, const std::string& path)
{
  return error(405, kMethodNotAllowed,
               "The server does not accept " + method + " on " + path + ".");
}

sync::ApiError internal()
{
  return error(500, codes::kInternal,
               "The server failed to handle the request; nothing was half-done. Try again later.");
}

sync::ApiError csrfRefused()
{
  return error(403, kCsrf,
               "The server refused this change because the page's security token is missing or "
               "out of date. Reload the page and try again.");
}

sync::ApiError webNeedsMultiDevice()
{
  return error(403, kLicence,
               "The web version is part of the multi-device licence; this account has a "
               "single-device licence. Ask your administrator to change it to multi-device to "
               "use the web version.");
}

} // namespace pupitre::server::api
