#include "pupitre/blobs/blob_api.h"

#include "pupitre/blobs/blob_answers.h"
#include "pupitre/blobs/sha256.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/wire.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace pupitre::blobs {
namespace {

constexpr int kConnectTimeoutS = 10;
constexpr int kReceiveTimeoutS = 120;

} // namespace

struct HttpBlobClient::Impl
{
  Poco::URI uri;
  std::string token;
  std::unique_ptr<Poco::Net::HTTPClientSession> session;

  Poco::Net::HTTPClientSession& open()
  {
    if (!session) {
      if (uri.getScheme() == "https") {
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                   Poco::Net::Context::VERIFY_RELAXED, 9, true);
        session =
            std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
      } else {
        session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
      }
      session->setKeepAlive(true);
      session->setTimeout(Poco::Timespan(kConnectTimeoutS, 0), Poco::Timespan(kReceiveTimeoutS, 0),
                          Poco::Timespan(kReceiveTimeoutS, 0));
    }
    return *session;
  }

  // One request; the answer's body (and headers in `response`). Error answers throw.
  std::string call(const std::string& method, const std::string& pathAndQuery,
                   const std::string& contentType, std::string_view body,
                   Poco::Net::HTTPResponse& response)
  {
    std::string prefix = uri.getPath();
    while (!prefix.empty() && prefix.back() == '/') {
      prefix.pop_back();
    }
    Poco::Net::HTTPRequest request(method, prefix + pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set(sync::kProtocolHeader, std::to_string(sync::kProtocolVersion));
    request.set("Authorization", "Bearer " + token);
    if (method == Poco::Net::HTTPRequest::HTTP_POST) {
      request.setContentType(contentType);
      request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    std::string answer;
    try {
      auto& s = open();
      std::ostream& out = s.sendRequest(request);
      out.write(body.data(), static_cast<std::streamsize>(body.size()));
      std::istream& in = s.receiveResponse(response);
      if (response.hasContentLength()) {
        answer.resize(static_cast<std::size_t>(response.getContentLength64()));
        in.read(answer.data(), static_cast<std::streamsize>(answer.size()));
        if (in.gcount() != static_cast<std::streamsize>(answer.size())) {
          throw sync::TransportError("The connection to the server at " + uri.toString() +
                                     " broke in the middle of an answer; try again.");
        }
      } else {
        Poco::StreamCopier::copyToString(in, answer);
      }
    } catch (const Poco::Exception& e) {
      session.reset();
      throw sync::TransportError("Couldn't reach the server at " + uri.toString() + ": " +
                                 e.displayText());
    } catch (const sync::TransportError&) {
      session.reset();
      throw;
    } catch (const std::exception& e) {
      session.reset();
      throw sync::TransportError("Couldn't reach the server at " + uri.toString() + ": " +
                                 e.what());
    }
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
      if (!response.getKeepAlive()) {
        session.reset();
      }
      throw sync::ApiRefusal(sync::decodeError(static_cast<int>(response.getStatus()), answer));
    }
    return answer;
  }
};

HttpBlobClient::HttpBlobClient(const std::string& serverUrl, std::string token)
    : m_impl(std::make_unique<Impl>())
{
  try {
    m_impl->uri = Poco::URI(serverUrl);
  } catch (const Poco::Exception& e) {
    throw Error("'" + serverUrl + "' is not a server address: " + e.displayText());
  }
  m_impl->token = std::move(token);
}

HttpBlobClient::~HttpBlobClient() = default;

MissingAnswer HttpBlobClient::missing(const std::vector<std::string>& hashes)
{
  std::string body = "{\"hashes\":[";
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    body += (i ? "," : "") + store::jsonString(hashes[i]);
  }
  body += "]}";
  Poco::Net::HTTPResponse response;
  MissingAnswer answer = decodeMissingAnswer(
      m_impl->call("POST", "/api/v1/blobs/missing", "application/json", body, response));
  ++m_stats.requests;
  return answer;
}

ChunkAnswer HttpBlobClient::upload(const std::string& hash, std::int64_t totalSize,
                                   std::int64_t offset, std::string_view bytes)
{
  const std::string query = "/api/v1/blobs/upload?hash=" + hash +
                            "&size=" + std::to_string(totalSize) +
                            "&offset=" + std::to_string(offset) + "&chunk_crc32=" + crc32Hex(bytes);
  Poco::Net::HTTPResponse response;
  const ChunkAnswer answer =
      decodeChunkAnswer(m_impl->call("POST", query, "application/octet-stream", bytes, response));
  ++m_stats.requests;
  m_stats.bytesSent += static_cast<std::int64_t>(bytes.size());
  return answer;
}

DownloadedRange HttpBlobClient::download(const std::string& hash, std::int64_t offset,
                                         std::int64_t length)
{
  Poco::Net::HTTPResponse response;
  DownloadedRange range;
  range.bytes =
      m_impl->call("GET",
                   "/api/v1/blobs/download?hash=" + hash + "&offset=" + std::to_string(offset) +
                       "&length=" + std::to_string(length),
                   {}, {}, response);
  ++m_stats.requests;
  m_stats.bytesReceived += static_cast<std::int64_t>(range.bytes.size());
  try {
    range.totalSize = std::stoll(response.get(kBlobSizeHeader, "-1"));
  } catch (const std::exception&) {
    range.totalSize = -1;
  }
  if (range.totalSize < 0) {
    throw sync::TransportError(
        "The server sent a file without saying its size; update the server.");
  }
  return range;
}

} // namespace pupitre::blobs
