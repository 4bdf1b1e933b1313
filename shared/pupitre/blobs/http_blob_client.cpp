#include "pupitre/blobs/blob_api.h"

#include "pupitre/blobs/blob_answers.h"
#include "pupitre/blobs/sha256.h"
#include "pupitre/net/client_session.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/wire.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <algorithm>

namespace pupitre::blobs {
namespace {

constexpr int kConnectTimeoutS = 15; // as the sync's (sync/http_transport.h)
constexpr int kReceiveTimeoutS = 30;
// The largest JSON answer accepted (a `missing` answer lists at most the hashes asked about).
constexpr std::size_t kMaxJsonAnswerBytes = std::size_t{16} << 20;
// The largest download answer when no length was asked for: the server's largest chunk.
constexpr std::size_t kMaxDownloadAnswerBytes = std::size_t{32} << 20;

} // namespace

struct HttpBlobClient::Impl
{
  Poco::URI uri;
  std::unique_ptr<net::ClientSessions> sessions;
  std::string token;
  std::unique_ptr<Poco::Net::HTTPClientSession> session;

  Poco::Net::HTTPClientSession& open()
  {
    if (!session) {
      session = sessions->open(kConnectTimeoutS, kReceiveTimeoutS);
    }
    return *session;
  }

  // One request; the answer's body (and headers in `response`). Error answers throw.
  // At most `maxAnswerBytes` of answer are read.
  std::string call(const std::string& method, const std::string& pathAndQuery,
                   const std::string& contentType, std::string_view body,
                   Poco::Net::HTTPResponse& response, std::size_t maxAnswerBytes)
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
      const std::size_t limit = response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK
                                    ? maxAnswerBytes
                                    : kMaxJsonAnswerBytes;
      answer = net::readAnswer(in, response, limit,
                               "the answer to " + method + " " +
                                   pathAndQuery.substr(0, pathAndQuery.find('?')));
    } catch (const std::exception& e) {
      session.reset(); // a broken connection, or an answer not read to its end, is not reused
      throw sync::TransportError(sessions->failureMessage(e));
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

HttpBlobClient::HttpBlobClient(const std::string& serverUrl, std::string token,
                               const net::TlsTrust& trust)
    : m_impl(std::make_unique<Impl>())
{
  try {
    m_impl->uri = Poco::URI(serverUrl);
  } catch (const Poco::Exception& e) {
    throw Error("'" + serverUrl + "' is not a server address: " + e.displayText());
  }
  m_impl->sessions = std::make_unique<net::ClientSessions>(m_impl->uri, trust);
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
  MissingAnswer answer = decodeMissingAnswer(m_impl->call(
      "POST", "/api/v1/blobs/missing", "application/json", body, response, kMaxJsonAnswerBytes));
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
  const ChunkAnswer answer = decodeChunkAnswer(m_impl->call(
      "POST", query, "application/octet-stream", bytes, response, kMaxJsonAnswerBytes));
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
                   {}, {}, response,
                   length > 0 ? std::min(static_cast<std::size_t>(length), kMaxDownloadAnswerBytes)
                              : kMaxDownloadAnswerBytes);
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
