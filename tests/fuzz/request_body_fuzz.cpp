// pupitre-server reads every request body through readRequestBody, from anyone on the
// network: plain or gzip, with or without Content-Length. The body comes back whole and
// within the limit, or the request is refused with 400 or 413; nothing else.
//
// Input: one byte of flags, then the bytes on the socket. Flags: 1 = "Content-Encoding:
// gzip"; 2 = a Content-Length header (the true length); 4 = compress the bytes first (then
// what is read must be them, unchanged).
#include "fuzz_target.h"

#include "server/http/request_body.h"

#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/SocketAddress.h>

#include <sstream>

using namespace pupitre;

namespace {

constexpr std::size_t kLimit = 64 * 1024; // small: a bomb gets to it quickly

// The adapter between the fuzz input and today's reader: a request whose stream holds the
// bytes (the members a body reader needs; the others are never called).
class FakeRequest : public Poco::Net::HTTPServerRequest
{
public:
  explicit FakeRequest(std::string bytes) : m_stream(std::move(bytes)) {}
  std::istream& stream() override { return m_stream; }
  const Poco::Net::SocketAddress& clientAddress() const override { return m_address; }
  const Poco::Net::SocketAddress& serverAddress() const override { return m_address; }
  const Poco::Net::HTTPServerParams& serverParams() const override
  {
    throw std::logic_error("serverParams is not part of reading a body");
  }
  Poco::Net::HTTPServerResponse& response() const override
  {
    throw std::logic_error("response is not part of reading a body");
  }
  bool secure() const override { return false; }

private:
  std::istringstream m_stream;
  Poco::Net::SocketAddress m_address;
};

std::string gzip(std::string_view bytes)
{
  std::ostringstream out;
  Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
  deflater.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  deflater.close();
  return out.str();
}

// Reads `wire` as the body of a POST with the given headers.
server::Outcome<std::string> readBody(const std::string& wire, bool gzipped, bool withLength,
                                      bool& consumed)
{
  FakeRequest request(wire);
  request.setMethod("POST");
  if (gzipped) {
    request.set("Content-Encoding", "gzip");
  }
  if (withLength) {
    request.setContentLength64(static_cast<Poco::Int64>(wire.size()));
  }
  return server::http::readRequestBody(request, kLimit, consumed);
}

} // namespace

PUPITRE_FUZZ_TARGET(request_body)
{
  if (input.empty()) {
    return;
  }
  const auto flags = static_cast<unsigned char>(input[0]);
  const std::string_view payload = input.substr(1);
  const bool compress = (flags & 4) != 0;
  const bool gzipped = (flags & 1) != 0 || compress;
  const std::string wire = compress ? gzip(payload) : std::string(payload);
  bool consumed = false;
  const auto body = readBody(wire, gzipped, (flags & 2) != 0, consumed);
  if (!body) {
    const int status = body.error().status;
    fuzz::fuzzCheck(status == 400 || status == 413,
                    "a body refused with status " + std::to_string(status));
    fuzz::fuzzCheck(!body.error().message.empty(), "a refusal without a message");
    return;
  }
  fuzz::fuzzCheck(consumed, "a body read without consuming the stream");
  fuzz::fuzzCheck(body.value().size() <= kLimit, "a body over the limit was accepted");
  if (!gzipped || compress) {
    fuzz::fuzzCheck(body.value() == payload, "the body read is not the body sent");
  }
}
