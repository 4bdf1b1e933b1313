#include "pupitre/sync/http_transport.h"

#include "pupitre/net/client_session.h"
#include "pupitre/net/gzip.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/server_limits.h"
#include "pupitre/sync/wire.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#ifdef _WIN32
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace pupitre::sync {
namespace {

constexpr std::size_t kCompressAbove = 4096;

// A header's whole number, or nullopt when it is missing or not one.
std::optional<std::int64_t> headerNumber(const Poco::Net::HTTPResponse& response,
                                         const std::string& name)
{
  const std::string text = response.get(name, "");
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// An answer that cannot be read (not JSON, a number out of range, a field missing) fails the
// call like a broken connection: nothing is known to have happened on the server, and a push
// batch stays in flight to be sent again.
template <class Decode>
auto decoded(Decode decode, const std::string& answer, const std::string& request)
{
  try {
    return decode(answer);
  } catch (const ProtocolError& e) {
    throw TransportError("The server's answer to " + request + " could not be read. " + e.what() +
                         " Check the server address; if it is right, tell the server's "
                         "administrator.");
  }
}

} // namespace

HttpTimeouts httpTimeoutsFromEnvironment()
{
  HttpTimeouts timeouts;
  if (const char* text = std::getenv("PUPITRE_SERVER_TIMEOUT_S"); text && *text) {
    char* end = nullptr;
    const long seconds = std::strtol(text, &end, 10);
    if (*end == '\0' && seconds > 0) {
      timeouts.connect = timeouts.receive = std::chrono::seconds(seconds);
    }
  }
  return timeouts;
}

HttpTransport::HttpTransport(const std::string& serverUrl, const net::TlsTrust& trust,
                             HttpTimeouts timeouts)
    : m_timeouts(timeouts)
{
  try {
    m_uri = Poco::URI(serverUrl);
  } catch (const Poco::Exception& e) {
    throw Error("'" + serverUrl + "' is not a server address: " + e.displayText());
  }
  m_sessions = std::make_unique<net::ClientSessions>(m_uri, trust);
}

HttpTransport::~HttpTransport() = default;

Poco::Net::HTTPClientSession& HttpTransport::session()
{
  std::lock_guard lock(m_sessionMutex);
  if (!m_session) {
    m_session = m_sessions->open(static_cast<int>(m_timeouts.connect.count()),
                                 static_cast<int>(m_timeouts.receive.count()));
  }
  return *m_session;
}

void HttpTransport::dropSession()
{
  std::lock_guard lock(m_sessionMutex);
  m_session.reset();
}

void HttpTransport::cancel()
{
  m_cancelled = true;
  std::lock_guard lock(m_sessionMutex);
  if (!m_session) {
    return;
  }
  // The socket itself, not the session: shutting it down wakes the sync's thread blocked in
  // a read or write (TLS included) without touching the session's state from this thread.
  const auto socket = m_session->socket().impl()->sockfd();
  if (socket != POCO_INVALID_SOCKET) {
#ifdef _WIN32
    ::shutdown(socket, SD_BOTH);
#else
    ::shutdown(socket, SHUT_RDWR);
#endif
  }
}

std::string HttpTransport::call(const std::string& method, const std::string& path,
                                const std::string& body, std::size_t maxAnswer)
{
  std::string prefix = m_uri.getPath();
  while (!prefix.empty() && prefix.back() == '/') {
    prefix.pop_back();
  }
  Poco::Net::HTTPRequest request(method, prefix + path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.set(kProtocolHeader, std::to_string(kProtocolVersion));
  if (method == Poco::Net::HTTPRequest::HTTP_GET) {
    request.set("Accept-Encoding", "gzip"); // pull pages; the other answers are a few bytes
  }
  if (!m_token.empty()) {
    request.set("Authorization", "Bearer " + m_token);
  }
  std::string payload = body;
  if (method == Poco::Net::HTTPRequest::HTTP_POST) {
    request.setContentType("application/json");
    if (payload.size() > kCompressAbove) {
      payload = net::gzip(payload);
      request.set("Content-Encoding", "gzip");
    }
    request.setContentLength(static_cast<std::streamsize>(payload.size()));
  }
  if (m_cancelled) {
    throw SyncCancelled();
  }
  std::string answer;
  Poco::Net::HTTPResponse response;
  try {
    auto& s = session();
    std::ostream& out = s.sendRequest(request);
    out << payload;
    if (m_cancelled) { // cancelled while connecting: the socket was not there to shut down
      throw SyncCancelled();
    }
    std::istream& in = s.receiveResponse(response);
    answer = net::readAnswer(in, response, maxAnswer, "the answer to " + method + " " + path);
  } catch (const net::AnswerTooLarge& e) {
    dropSession(); // the rest of the answer is not read
    if (m_cancelled) {
      throw SyncCancelled();
    }
    throw AnswerTooLarge(e.what());
  } catch (const std::exception& e) {
    dropSession(); // a broken connection, or an answer not read to its end, is not reused
    if (m_cancelled) {
      throw SyncCancelled();
    }
    throw TransportError(m_sessions->failureMessage(e));
  }
  ++m_stats.requests;
  m_stats.bytesSent += static_cast<std::int64_t>(payload.size());
  m_stats.bytesReceived += static_cast<std::int64_t>(answer.size());
  // A malformed clock header only means no clock correction this time.
  if (const auto time = headerNumber(response, kServerTimeHeader)) {
    m_serverTime = time;
  }
  if (const auto limit = headerNumber(response, kMaxClockAheadHeader); limit && *limit > 0) {
    m_maxClockAhead = limit;
  }
  if (auto limits = announcedLimits([&](const char* name) -> std::optional<std::string> {
        return response.has(name) ? std::optional(response.get(name)) : std::nullopt;
      })) {
    m_limits = limits;
  }
  if (response.get("Content-Encoding", "") == "gzip") {
    try {
      answer = net::gunzip(answer, maxAnswer);
    } catch (const net::InflatedTooLarge&) {
      throw AnswerTooLarge("The server's answer (to " + method + " " + path +
                           ") decompresses to more than Pupitre accepts (" +
                           std::to_string(maxAnswer >> 20) +
                           " MiB); the server misbehaves or is not a Pupitre server. Check the "
                           "server address, or update Pupitre.");
    } catch (const Error& e) {
      throw TransportError(std::string("The server's answer was damaged in transit: ") + e.what());
    }
  }
  if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
    throw ApiRefusal(decodeError(static_cast<int>(response.getStatus()), answer));
  }
  return answer;
}

LoginResult HttpTransport::login(const LoginRequest& request)
{
  auto result = decoded(decodeLoginResult,
                        call("POST", "/api/v1/login", encodeLoginRequest(request)), "sign-in");
  m_token = result.token;
  return result;
}

AccountInfo HttpTransport::account()
{
  return decoded(decodeAccount, call("GET", "/api/v1/account", {}), "GET /api/v1/account");
}

AccountInfo HttpTransport::unlink(const std::string& deviceId)
{
  return decoded(
      decodeAccount,
      call("POST", "/api/v1/devices/unlink", "{\"device_id\":" + store::jsonString(deviceId) + "}"),
      "POST /api/v1/devices/unlink");
}

AccountInfo HttpTransport::renameDevice(const std::string& deviceId, const std::string& name)
{
  std::string body = "{\"name\":" + store::jsonString(name);
  if (!deviceId.empty()) {
    body += ",\"device_id\":" + store::jsonString(deviceId);
  }
  body += "}";
  return decoded(decodeAccount, call("POST", "/api/v1/devices/rename", body),
                 "POST /api/v1/devices/rename");
}

std::string HttpTransport::accountExport()
{
  std::string answer = call("GET", "/api/v1/account/export", {}, kMaxExportBytes);
  // A 200 answer that is not the export (a proxy's page, a server of another kind) is not
  // written as the teacher's data. The shape is checked, not parsed: a school year's export is
  // tens of megabytes, which a JSON tree would multiply in memory; the answer arrived whole
  // (its length was checked), and its reader is the teacher, not this program.
  decoded(
      [](const std::string& text) {
        const auto first = text.find_first_not_of(" \t\r\n");
        const auto last = text.find_last_not_of(" \t\r\n");
        if (first == std::string::npos || text[first] != '{' || text[last] != '}') {
          throw ProtocolError("It is not a JSON object.");
        }
        return true;
      },
      answer, "GET /api/v1/account/export");
  return answer;
}

void HttpTransport::logout()
{
  call("POST", "/api/v1/logout", "{}");
  m_token.clear();
}

PushResult HttpTransport::push(const PushRequest& request)
{
  return decoded(decodePushResult, call("POST", "/api/v1/push", encodePush(request)),
                 "POST /api/v1/push");
}

PullPage HttpTransport::pull(std::int64_t after, std::size_t limit)
{
  return pullPage(after, limit, false);
}

PullPage HttpTransport::pullCounting(std::int64_t after, std::size_t limit)
{
  return pullPage(after, limit, true);
}

PullPage HttpTransport::pullPage(std::int64_t after, std::size_t limit, bool countRemaining)
{
  for (;;) {
    std::string path = "/api/v1/pull?after=" + std::to_string(after);
    if (m_noEcho) { // the server leaves out what this device's pushes wrote: it holds them
      path += "&own=0";
    }
    if (limit != kDefaultPullLimit) { // the server's default needs no saying
      path += "&limit=" + std::to_string(limit);
    }
    if (countRemaining) {
      path += "&count=1";
    }
    try {
      return decoded(decodePullPage, call("GET", path, {}), "GET /api/v1/pull");
    } catch (const AnswerTooLarge&) {
      // Pages are bounded in changes, not bytes: many large values may make a page too big.
      // Smaller pages get them through; a server that still sends too much is refused.
      if (limit <= 1) {
        throw;
      }
      limit = std::max<std::size_t>(1, limit / 16);
    }
  }
}

} // namespace pupitre::sync
