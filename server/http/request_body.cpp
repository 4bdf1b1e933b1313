#include "server/http/request_body.h"

#include "server/api_errors.h"

#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/String.h>

#include <array>

namespace pupitre::server::http {
namespace {

// Appends `in` to `out` until the end or past `limit`; false when the limit was passed.
bool readLimited(std::istream& in, std::size_t limit, std::string& out)
{
  std::array<char, 64 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (out.size() > limit) {
      return false;
    }
  }
  return true;
}

} // namespace

Outcome<std::string> readRequestBody(Poco::Net::HTTPServerRequest& request, std::size_t limit,
                                     bool& consumed)
{
  consumed = false;
  if (request.hasContentLength() &&
      request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
    return api::tooLarge(limit);
  }
  const std::string encoding = Poco::toLower(Poco::trim(request.get("Content-Encoding", "")));
  if (!encoding.empty() && encoding != "identity" && encoding != "gzip") {
    return api::badRequest("the body is encoded as '" + encoding + "'; send it plain or as gzip.");
  }
  std::string body;
  try {
    std::istream& raw = request.stream();
    if (encoding == "gzip") {
      Poco::InflatingInputStream inflater(raw, Poco::InflatingStreamBuf::STREAM_GZIP);
      if (!readLimited(inflater, limit, body)) {
        return api::tooLarge(limit);
      }
      // The gzip trailer may follow the last inflated byte: read the raw stream to its end
      // (bounded, in case of garbage after the compressed data).
      std::string rest;
      if (!readLimited(raw, limit, rest)) {
        return api::tooLarge(limit);
      }
    } else if (!readLimited(raw, limit, body)) {
      return api::tooLarge(limit);
    }
  } catch (const Poco::Exception& e) {
    return api::badRequest("the body could not be read (" + e.displayText() + ").");
  } catch (const std::exception& e) {
    return api::badRequest(std::string("the body could not be read (") + e.what() + ").");
  }
  consumed = true;
  return body;
}

} // namespace pupitre::server::http
