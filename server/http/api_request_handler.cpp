#include "server/http/api_request_handler.h"

#include "pupitre/error.h"
#include "pupitre/net/gzip.h"
#include "pupitre/sync/server_limits.h"
#include "pupitre/sync/wire.h"
#include "server/api_errors.h"
#include "server/http/json_bounds.h"
#include "server/http/request_body.h"
#include "server/http/routes.h"
#include "server/log.h"
#include "server/sync/push_checks.h"
#include "server/web/static_files.h"
#include "server/web/web_data_routes.h"
#include "server/web/web_session_cookie.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>

namespace pupitre::server::http {
namespace {

constexpr const char* kWebApiPrefix = "/api/v1/web/";

// Smaller JSON answers go plain: gzip would add more header than it saves (bench/README, W3).
constexpr std::size_t kCompressAnswersAbove = 1024;

// JSON answers and the web version's text assets (pictures and files are compressed already).
bool compressible(const std::string& contentType)
{
  return contentType == "application/json" || contentType.rfind("text/", 0) == 0 ||
         contentType == "image/svg+xml";
}

std::string gzip(const std::string& data)
{
  return net::gzip(data); // at net::kGzipLevel, the fastest
}

// "Accept-Encoding: gzip" (or "gzip;q=0.8, br"), but not "gzip;q=0".
bool acceptsGzip(const Poco::Net::HTTPServerRequest& request)
{
  const Poco::StringTokenizer codings(request.get("Accept-Encoding", ""), ",",
                                      Poco::StringTokenizer::TOK_TRIM |
                                          Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& coding : codings) {
    const auto semicolon = coding.find(';');
    if (Poco::toLower(Poco::trim(coding.substr(0, semicolon))) != "gzip") {
      continue;
    }
    const std::string params =
        semicolon == std::string::npos ? "" : Poco::replace(coding.substr(semicolon + 1), " ", "");
    if (params.rfind("q=0", 0) != 0 || params.find_first_of("123456789") != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string bearerToken(const Poco::Net::HTTPServerRequest& request)
{
  const std::string header = Poco::trim(request.get("Authorization", ""));
  const std::string scheme = "bearer ";
  if (header.size() <= scheme.size() || Poco::toLower(header.substr(0, scheme.size())) != scheme) {
    return {};
  }
  return Poco::trim(header.substr(scheme.size()));
}

// What a push may hold on this server, on every answer: the daemon cuts its batches to fit
// (docs/sync-protocol.md, "Every request").
void announceLimits(ApiAnswer& answer, std::size_t maxPushBytes)
{
  sync::ServerLimits limits;
  limits.maxPushBytes = maxPushBytes;
  limits.maxPushChanges = kMaxPushChanges;
  limits.maxTextBytes = kMaxTextValueBytes;
  limits.maxAnyBytes = kMaxAnyValueBytes;
  limits.maxNumberBytes = kMaxNumberValueBytes;
  answer.headers[sync::kMaxPushBytesHeader] = std::to_string(limits.maxPushBytes);
  answer.headers[sync::kMaxPushChangesHeader] = std::to_string(limits.maxPushChanges);
  answer.headers[sync::kMaxValueBytesHeader] = sync::valueBytesHeader(limits);
}

// Where a failure shows a full disk: the place a DiskFull names (the file store), or for
// SQLite's SQLITE_FULL the database file; nullopt for any other failure.
std::optional<std::string> fullDiskPlace(const std::exception& e, const std::string& database)
{
  if (const auto* full = dynamic_cast<const DiskFull*>(&e)) {
    return full->place();
  }
  if (const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e);
      sqlite && (sqlite->getErrorCode() == SQLITE_FULL)) {
    return database;
  }
  return std::nullopt;
}

// The time a body of (at most) `bytes` may take to arrive.
std::chrono::milliseconds bodyTime(const RequestLimits& limits, std::size_t bytes)
{
  return limits.bodyGrace +
         std::chrono::milliseconds(bytes * 1000 /
                                   std::max<std::size_t>(limits.minBodyBytesPerSecond, 1));
}

} // namespace

void lingeringClose(Poco::Net::StreamSocket& socket)
{
  constexpr std::size_t kDrainBytes = std::size_t{16} << 20;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  try {
    socket.shutdownSend();
    socket.setReceiveTimeout(Poco::Timespan(1, 0));
    std::vector<char> buffer(64 * 1024);
    for (std::size_t total = 0;
         total < kDrainBytes && std::chrono::steady_clock::now() < deadline;) {
      const int n = socket.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
      if (n <= 0) {
        break;
      }
      total += static_cast<std::size_t>(n);
    }
  } catch (const std::exception&) {
    // The client hung up or went quiet: the connection closes either way.
  }
}

void sendAnswer(Poco::Net::HTTPServerResponse& response, ApiAnswer answer,
                const SyncService& service, bool gzipAccepted)
{
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
  response.set(sync::kServerTimeHeader, std::to_string(service.nowMs()));
  response.set(sync::kMaxClockAheadHeader, std::to_string(service.maxClockAheadMs()));
  response.setContentType(answer.contentType);
  for (const auto& [name, value] : answer.headers) {
    response.set(name, value);
  }
  std::string payload = std::move(answer.body);
  if (compressible(answer.contentType) && payload.size() > kCompressAnswersAbove) {
    response.set("Vary", "Accept-Encoding");
    if (gzipAccepted) {
      payload = gzip(payload);
      response.set("Content-Encoding", "gzip");
    }
  }
  response.setContentLength64(static_cast<Poco::Int64>(payload.size()));
  std::ostream& out = response.send();
  out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
  out.flush();
}

ApiAnswer ApiRequestHandler::process(Poco::Net::HTTPServerRequest& request,
                                     Poco::Net::HTTPServerResponse& response, bool& bodyConsumed)
{
  bodyConsumed = false;
  const std::string version =
      Poco::trim(request.get(sync::kProtocolHeader, std::to_string(sync::kProtocolVersion)));
  if (version != std::to_string(sync::kProtocolVersion)) {
    return errorAnswer(api::updateRequired(version));
  }
  ApiRequest api;
  api.method = request.getMethod();
  try {
    const Poco::URI uri(request.getURI());
    api.path = uri.getPath();
    for (const auto& [name, value] : uri.getQueryParameters()) {
      api.query[name] = value;
    }
  } catch (const Poco::Exception&) {
    return errorAnswer(api::badRequest("the address of the request is malformed."));
  }
  if (m_site && api.path.rfind("/api/", 0) != 0) {
    if (auto page = m_site->answer(api.method, api.path, request.get("If-None-Match", ""))) {
      return std::move(*page);
    }
  }
  sync::ApiError unknown;
  const Route* route = findRoute(api.method, api.path, unknown);
  if (!route) {
    return errorAnswer(unknown);
  }
  // Who is asking, before anything is read or parsed: a body without a valid token costs
  // nothing.
  api.token = bearerToken(request);
  api.cookieHeader = request.get("Cookie", "");
  api.csrfHeader = Poco::trim(request.get(web::kCsrfHeader, ""));
  api.originHeader = Poco::trim(request.get("Origin", ""));
  api.hostHeader = Poco::trim(request.getHost());
  api.forwardedHost = Poco::trim(request.get("X-Forwarded-Host", ""));
  api.contentType = Poco::toLower(Poco::trim(request.get("Content-Type", "")));
  api.userAgent = request.get("User-Agent", "");
  // HTTPS here, or at the TLS-terminating reverse proxy in front (docs/server.md).
  api.secure = request.secure() ||
               Poco::toLower(Poco::trim(request.get("X-Forwarded-Proto", ""))) == "https";
  if (const auto refusal = checkAccess(*route, m_service, api)) {
    return errorAnswer(*refusal);
  }
  const std::size_t limit = route->body.maxBytes ? route->body.maxBytes : m_limits.maxPushBytes;
  std::size_t expected = limit;
  if (request.hasContentLength() && request.getContentLength64() >= 0) {
    expected = std::min(limit, static_cast<std::size_t>(request.getContentLength64()));
  }
  if (request.getExpectContinue() &&
      (!request.hasContentLength() ||
       request.getContentLength64() <= static_cast<Poco::Int64>(limit))) {
    response.sendContinue();
  }
  m_ticket.arm(bodyTime(m_limits, expected));
  auto body = readRequestBody(request, limit, bodyConsumed);
  m_ticket.busy();
  if (m_ticket.expired()) {
    // Cut at the deadline: what was read ends early and may look whole.
    bodyConsumed = false;
    return errorAnswer(api::requestTimeout());
  }
  if (!body) {
    return errorAnswer(body.error());
  }
  if (route->body.json.maxValues > 0) {
    if (const auto refusal = checkJsonBounds(body.value(), route->body.json)) {
      return errorAnswer(*refusal);
    }
  }
  api.body = std::move(body.value());
  api.clientAddress = request.clientAddress().host().toString();
  return runRoute(*route, m_service, api);
}

void ApiRequestHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response)
{
  const auto started = std::chrono::steady_clock::now();
  bool bodyConsumed = false;
  const bool noBody = !request.hasContentLength() && !request.getChunkedTransferEncoding();
  const bool declaredEmpty = request.hasContentLength() && request.getContentLength64() == 0;
  ApiAnswer answer;
  try {
    answer = process(request, response, bodyConsumed);
  } catch (const std::exception& e) {
    if (const auto place = fullDiskPlace(e, m_service.storeLocation())) {
      // The teacher is told the server is full; the administrator, which disk.
      serverLog()->error("{} {} failed: the disk holding {} is full ({}). Free some space on it, "
                         "or move the data folder to a larger disk; the devices keep their "
                         "changes and send them once there is room.",
                         request.getMethod(), request.getURI(), *place, e.what());
      answer = errorAnswer(api::serverFull());
    } else {
      serverLog()->error("{} {} failed: {}", request.getMethod(), request.getURI(), e.what());
      answer = errorAnswer(api::internal());
    }
  } catch (...) {
    serverLog()->error("{} {} failed with an unknown exception", request.getMethod(),
                       request.getURI());
    answer = errorAnswer(api::internal());
  }
  if (request.getURI().rfind(kWebApiPrefix, 0) == 0) {
    answer.headers["Cache-Control"] = "no-store"; // what a page shows is never cached
    // The web's errors are {"error": {"code", "message", "field"?}} (docs/web.md), whoever
    // refused: the route table, the session check or a handler.
    if (answer.status >= 400 && answer.contentType == "application/json" &&
        answer.body.rfind("{\"error\":\"", 0) == 0) {
      answer.body = web::webErrorBody(sync::decodeError(answer.status, answer.body));
    }
  }
  try {
    // A body left unread would be taken for the next request: close the connection instead.
    response.setKeepAlive(request.getKeepAlive() && (bodyConsumed || noBody || declaredEmpty));
    if (response.getKeepAlive() && response.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1) {
      response.erase(Poco::Net::HTTPMessage::CONNECTION); // HTTP/1.1 keeps it open by default
    }
    announceLimits(answer, m_limits.maxPushBytes);
    sendAnswer(response, answer, m_service, acceptsGzip(request));
    if (!response.getKeepAlive() && !bodyConsumed && !noBody && !declaredEmpty) {
      lingeringClose(dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket());
    }
  } catch (const std::exception& e) {
    serverLog()->warn("{} {}: the answer could not be sent: {}", request.getMethod(),
                      request.getURI(), e.what());
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  serverLog()->debug("{} {} {} ({} ms)", request.getMethod(), request.getURI(), answer.status, ms);
}

} // namespace pupitre::server::http
