// What pupitred reads from a server is bounded: a hostile server on loopback answers with a
// gzip bomb, an endless body or a huge declared length, and the sync transport and the blob
// client stop with a clear error instead of filling the memory.
#include "pupitre/blobs/blob_api.h"
#include "pupitre/net/gzip.h"
#include "pupitre/sync/http_transport.h"
#include "pupitre/sync/wire.h"

#include <boost/test/unit_test.hpp>

#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <sstream>

using namespace pupitre;

namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

// `mib` MiB of JSON-looking spaces, gzip-compressed (a few hundred KB), made without ever
// holding the inflated text.
std::string gzipBomb(std::size_t mib)
{
  std::ostringstream out;
  Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 9);
  deflater << '[';
  const std::string spaces(kMiB, ' ');
  for (std::size_t i = 0; i < mib; ++i) {
    deflater << spaces;
  }
  deflater << ']';
  deflater.close();
  return out.str();
}

// Answers every request the hostile way its path asks for.
class HostileHandler : public Poco::Net::HTTPRequestHandler
{
public:
  explicit HostileHandler(const std::string& bomb) : m_bomb(bomb) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override
  {
    request.stream().ignore(std::numeric_limits<std::streamsize>::max());
    const Poco::URI uri(request.getURI());
    const std::string path = uri.getPath();
    response.setContentType("application/json");
    try {
      if (path == "/big/api/v1/pull" && uri.getRawQuery().find("&limit=") != std::string::npos &&
          std::stoul(uri.getQueryParameters().back().second) <= 500) {
        // A page of at most 500 changes fits; a bigger one would not.
        sync::PullPage page;
        page.cursor = 7;
        const std::string body = sync::encodePullPage(page);
        response.sendBuffer(body.data(), body.size());
      } else if (path == "/bomb/api/v1/login" || path == "/bomb/api/v1/pull" ||
                 path == "/big/api/v1/pull") {
        response.set("Content-Encoding", "gzip");
        response.setContentLength(static_cast<std::streamsize>(m_bomb.size()));
        response.send() << m_bomb;
      } else if (path == "/cut/api/v1/push") {
        // Half a push result in one chunk, then the connection drops (no closing chunk).
        response.setChunkedTransferEncoding(true);
        auto& out = response.send();
        out << R"({"batch": 3, "appl)";
        out.flush();
        auto& socket = dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
        socket.shutdown();
        socket.close();
      } else if (path == "/api/v1/blobs/download") {
        // Declares 100 MiB for a 4 MiB chunk, and sends a few bytes.
        response.setContentLength64(static_cast<Poco::Int64>(100 * kMiB));
        response.send() << "abc";
      } else {
        // No length: 80 MiB of spaces, streamed until the client hangs up.
        response.setChunkedTransferEncoding(true);
        auto& out = response.send();
        const std::string spaces(kMiB, ' ');
        for (int i = 0; i < 80 && out; ++i) {
          out << spaces;
        }
      }
    } catch (const std::exception&) {
      // The client hung up on an answer it did not want: what it should do.
    }
  }

private:
  const std::string& m_bomb;
};

class HostileFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
  explicit HostileFactory(const std::string& bomb) : m_bomb(bomb) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
  {
    return new HostileHandler(m_bomb);
  }

private:
  const std::string& m_bomb;
};

// The hostile server on 127.0.0.1, port 0.
struct HostileServer
{
  std::string bomb = gzipBomb(200); // 200 MiB inflated, over the 64 MiB limit
  Poco::Net::ServerSocket socket{Poco::Net::SocketAddress("127.0.0.1", 0)};
  Poco::Net::HTTPServer server{new HostileFactory(bomb), socket, new Poco::Net::HTTPServerParams};

  HostileServer() { server.start(); }
  ~HostileServer() { server.stopAll(true); }
  std::string url(const std::string& prefix = {}) const
  {
    return "http://127.0.0.1:" + std::to_string(socket.address().port()) + prefix;
  }
};

// The message of the TransportError `call` throws.
template <typename Call> std::string transportError(Call call)
{
  try {
    call();
  } catch (const sync::TransportError& e) {
    return e.what();
  }
  BOOST_FAIL("no TransportError");
  return {};
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_answer_limit)

BOOST_AUTO_TEST_CASE(a_gzip_bomb_answer_is_refused_by_the_sync_transport)
{
  HostileServer hostile;
  BOOST_TEST_REQUIRE(hostile.bomb.size() < 1 * kMiB);
  sync::HttpTransport transport(hostile.url("/bomb"));
  const auto login = transportError([&] {
    (void)transport.login({"ana@school.es", "secret", "dev", "Laptop"});
  });
  BOOST_TEST(login.find("decompresses to more than Pupitre accepts (64 MiB)") != std::string::npos,
             login);
  const auto pull = transportError([&] { (void)transport.pull(0, sync::kDefaultPullLimit); });
  BOOST_TEST(pull.find("more than Pupitre accepts (64 MiB)") != std::string::npos, pull);
}

BOOST_AUTO_TEST_CASE(a_page_too_large_is_asked_for_again_in_smaller_pages)
{
  HostileServer hostile;
  sync::HttpTransport transport(hostile.url("/big"));
  const auto page = transport.pull(0, sync::kDefaultPullLimit);
  BOOST_TEST(page.cursor == 7);
  BOOST_TEST(transport.stats().requests == 2); // 5000 changes, then 312
}

BOOST_AUTO_TEST_CASE(an_endless_answer_is_cut_at_the_limit)
{
  HostileServer hostile;
  sync::HttpTransport transport(hostile.url());
  const auto account = transportError([&] { (void)transport.account(); });
  BOOST_TEST(account.find("larger than Pupitre accepts (64 MiB)") != std::string::npos, account);

  blobs::HttpBlobClient client(hostile.url(), "token");
  const auto missing = transportError([&] { (void)client.missing({"abc"}); });
  BOOST_TEST(missing.find("larger than Pupitre accepts (16 MiB)") != std::string::npos, missing);
}

BOOST_AUTO_TEST_CASE(a_download_declaring_more_than_asked_is_refused_before_reading)
{
  HostileServer hostile;
  blobs::HttpBlobClient client(hostile.url(), "token");
  const auto download =
      transportError([&] { (void)client.download("abc", 0, std::int64_t{4} << 20); });
  BOOST_TEST(download.find("larger than Pupitre accepts (4 MiB)") != std::string::npos, download);
}

BOOST_AUTO_TEST_CASE(a_chunked_answer_cut_short_is_a_transport_failure_not_a_local_one)
{
  HostileServer hostile;
  sync::HttpTransport transport(hostile.url("/cut"));
  sync::PushRequest request;
  request.batch = 3;
  const auto push = transportError([&] { (void)transport.push(request); });
  BOOST_TEST(push.find("could not be read") != std::string::npos, push);
}

BOOST_AUTO_TEST_CASE(gunzip_stops_at_its_limit)
{
  const std::string text(1000, 'x');
  BOOST_TEST(net::gunzip(net::gzip(text), 1000) == text);
  BOOST_CHECK_THROW((void)net::gunzip(net::gzip(text), 999), net::InflatedTooLarge);
  BOOST_CHECK_THROW((void)net::gunzip("not gzip at all", 1000), Error);
}

BOOST_AUTO_TEST_SUITE_END()
