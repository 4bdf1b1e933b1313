#include "pupitre/sync/http_transport.h"

#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/wire.h"

#include <Poco/DeflatingStream.h>
#include <Poco/InflatingStream.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace pupitre::sync {
namespace {

constexpr std::size_t kCompressAbove = 4096;
constexpr int kConnectTimeoutS = 10;
constexpr int kReceiveTimeoutS = 120;

std::string gzip(const std::string& data)
{
  std::ostringstream out;
  Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 6);
  deflater << data;
  deflater.close();
  return out.str();
}

} // namespace

HttpTransport::HttpTransport(const std::string& serverUrl)
{
  try {
    m_uri = Poco::URI(serverUrl);
  } catch (const Poco::Exception& e) {
    throw Error("'" + serverUrl + "' is not a server address: " + e.displayText());
  }
  if ((m_uri.getScheme() != "http" && m_uri.getScheme() != "https") || m_uri.getHost().empty()) {
    throw Error("'" + serverUrl + "' is not a server address; write it as https://host or http://host:port.");
  }
}

HttpTransport::~HttpTransport() = default;

Poco::Net::HTTPClientSession& HttpTransport::session()
{
  if (!m_session) {
    if (m_uri.getScheme() == "https") {
      Poco::Net::Context::Ptr context = new Poco::Net::Context(
          Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
      m_session = std::make_unique<Poco::Net::HTTPSClientSession>(m_uri.getHost(), m_uri.getPort(), context);
    } else {
      m_session = std::make_unique<Poco::Net::HTTPClientSession>(m_uri.getHost(), m_uri.getPort());
    }
    m_session->setKeepAlive(true);
    m_session->setTimeout(Poco::Timespan(kConnectTimeoutS, 0), Poco::Timespan(kReceiveTimeoutS, 0),
                          Poco::Timespan(kReceiveTimeoutS, 0));
  }
  return *m_session;
}

std::string HttpTransport::call(const std::string& method, const std::string& path, const std::string& body)
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
      payload = gzip(payload);
      request.set("Content-Encoding", "gzip");
    }
    request.setContentLength(static_cast<std::streamsize>(payload.size()));
  }
  std::string answer;
  Poco::Net::HTTPResponse response;
  try {
    auto& s = session();
    std::ostream& out = s.sendRequest(request);
    out << payload;
    std::istream& in = s.receiveResponse(response);
    Poco::StreamCopier::copyToString(in, answer);
  } catch (const Poco::Exception& e) {
    m_session.reset(); // a broken connection is not reused
    throw TransportError("Couldn't reach the server at " + m_uri.toString() + ": " + e.displayText());
  } catch (const std::exception& e) {
    m_session.reset();
    throw TransportError("Couldn't reach the server at " + m_uri.toString() + ": " + e.what());
  }
  ++m_stats.requests;
  m_stats.bytesSent += static_cast<std::int64_t>(payload.size());
  m_stats.bytesReceived += static_cast<std::int64_t>(answer.size());
  if (response.has(kServerTimeHeader)) {
    try {
      m_serverTime = std::stoll(response.get(kServerTimeHeader));
    } catch (const std::exception&) {
      // A malformed clock header only means no clock correction this time.
    }
  }
  if (response.get("Content-Encoding", "") == "gzip") {
    try {
      std::istringstream compressed(answer);
      Poco::InflatingInputStream inflater(compressed, Poco::InflatingStreamBuf::STREAM_GZIP);
      std::string plain;
      Poco::StreamCopier::copyToString(inflater, plain);
      answer.swap(plain);
    } catch (const Poco::Exception& e) {
      throw TransportError("The server's answer was damaged in transit: " + e.displayText());
    }
  }
  if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
    throw ApiRefusal(decodeError(static_cast<int>(response.getStatus()), answer));
  }
  return answer;
}

LoginResult HttpTransport::login(const LoginRequest& request)
{
  auto result = decodeLoginResult(call("POST", "/api/v1/login", encodeLoginRequest(request)));
  m_token = result.token;
  return result;
}

AccountInfo HttpTransport::account() { return decodeAccount(call("GET", "/api/v1/account", {})); }

AccountInfo HttpTransport::unlink(const std::string& deviceId)
{
  return decodeAccount(
      call("POST", "/api/v1/devices/unlink", "{\"device_id\":" + store::jsonString(deviceId) + "}"));
}

void HttpTransport::logout()
{
  call("POST", "/api/v1/logout", "{}");
  m_token.clear();
}

PushResult HttpTransport::push(const PushRequest& request)
{
  return decodePushResult(call("POST", "/api/v1/push", encodePush(request)));
}

PullPage HttpTransport::pull(std::int64_t after, std::size_t limit)
{
  std::string path = "/api/v1/pull?after=" + std::to_string(after);
  if (limit != kDefaultPullLimit) { // the server's default needs no saying
    path += "&limit=" + std::to_string(limit);
  }
  return decodePullPage(call("GET", path, {}));
}

} // namespace pupitre::sync
