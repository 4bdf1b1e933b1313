#include "server/http/api_request_handler.h"

#include "server/api_errors.h"
#include "server/http/request_body.h"
#include "server/http/routes.h"
#include "server/log.h"

#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <chrono>
#include <sstream>
#include <vector>

namespace pupitre::server::http {
namespace {

// Smaller JSON answers go plain: gzip would add more header than it saves (bench/README, W3).
constexpr std::size_t kCompressAnswersAbove = 1024;

std::string gzip(const std::string& data)
{
  std::ostringstream out;
  Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 6);
  deflater.write(data.data(), static_cast<std::streamsize>(data.size()));
  deflater.close();
  return out.str();
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

// After refusing a request whose body was not read, the connection is closed; but closing
// with unread bytes makes the system reset it, and a client still sending would never see
// the answer. So: half-close, then read and discard what keeps coming, for a while.
void lingeringClose(Poco::Net::HTTPServerRequest& request)
{
  constexpr std::size_t kDrainBytes = std::size_t{16} << 20;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  try {
    auto& impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request);
    auto& socket = impl.socket();
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

std::string bearerToken(const Poco::Net::HTTPServerRequest& request)
{
  const std::string header = Poco::trim(request.get("Authorization", ""));
  const std::string scheme = "bearer ";
  if (header.size() <= scheme.size() || Poco::toLower(header.substr(0, scheme.size())) != scheme) {
    return {};
  }
  return Poco::trim(header.substr(scheme.size()));
}

} // namespace

ApiAnswer ApiRequestHandler::process(Poco::Net::HTTPServerRequest& request, bool& bodyConsumed)
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
  sync::ApiError refusal;
  const Route* route = findRoute(api.method, api.path, refusal);
  if (!route) {
    return errorAnswer(refusal);
  }
  auto body = readRequestBody(request, route->maxBodyBytes ? route->maxBodyBytes : m_maxBodyBytes,
                              bodyConsumed);
  if (!body) {
    return errorAnswer(body.error());
  }
  api.body = std::move(body.value());
  api.token = bearerToken(request);
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
    answer = process(request, bodyConsumed);
  } catch (const std::exception& e) {
    serverLog()->error("{} {} failed: {}", request.getMethod(), request.getURI(), e.what());
    answer = errorAnswer(api::internal());
  } catch (...) {
    serverLog()->error("{} {} failed with an unknown exception", request.getMethod(),
                       request.getURI());
    answer = errorAnswer(api::internal());
  }
  try {
    // A body left unread would be taken for the next request: close the connection instead.
    response.setKeepAlive(request.getKeepAlive() && (bodyConsumed || noBody || declaredEmpty));
    if (response.getKeepAlive() && response.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1) {
      response.erase(Poco::Net::HTTPMessage::CONNECTION); // HTTP/1.1 keeps it open by default
    }
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    response.set(sync::kServerTimeHeader, std::to_string(m_service.nowMs()));
    response.setContentType(answer.contentType);
    for (const auto& [name, value] : answer.headers) {
      response.set(name, value);
    }
    std::string payload = std::move(answer.body);
    if (answer.contentType == "application/json" && payload.size() > kCompressAnswersAbove) {
      response.set("Vary", "Accept-Encoding");
      if (acceptsGzip(request)) {
        payload = gzip(payload);
        response.set("Content-Encoding", "gzip");
      }
    }
    response.setContentLength64(static_cast<Poco::Int64>(payload.size()));
    std::ostream& out = response.send();
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    out.flush();
    if (!response.getKeepAlive() && !bodyConsumed && !noBody && !declaredEmpty) {
      lingeringClose(request);
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
