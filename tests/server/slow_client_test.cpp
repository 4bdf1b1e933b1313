// Slow or idle clients cannot starve the real pupitre-server: more silent connections than
// the server has threads, and clients trickling their headers or body a byte at a time, are
// cut at their deadline while a teacher's sign-in and sync still get through.
#include "pupitre/sync/http_transport.h"
#include "pupitre/sync/wire.h"
#include "server/http/api_server.h"
#include "server/time_text.h"
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <thread>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct SlowClientServer
{
  SlowClientServer()
  {
    const auto added = serverCommand({"--data", data, "user", "add", kEmail, "--licence", "multi"},
                                     std::string(kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    server = std::make_unique<ServerProcess>(data);
  }

  Sandbox sandbox;
  std::string data = sandbox.path("data");
  std::unique_ptr<ServerProcess> server;
};

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point started)
{
  return std::chrono::duration<double>(Clock::now() - started).count();
}

// Sends `head`, then one byte of `drip` every 300 ms until the server closes the connection
// or `limit` passes; returns what the server answered and when the connection ended.
RawReply trickle(std::uint16_t port, const std::string& head, char drip, std::chrono::seconds limit)
{
  const auto started = Clock::now();
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(0, 300 * 1000));
  socket.sendBytes(head.data(), static_cast<int>(head.size()));
  RawReply reply;
  char buffer[4096];
  while (Clock::now() - started < limit) {
    try {
      const int n = socket.receiveBytes(buffer, sizeof buffer);
      if (n <= 0) {
        reply.closed = true;
        break;
      }
      reply.bytes.append(buffer, static_cast<std::size_t>(n));
      continue; // the answer is coming: stop dripping
    } catch (const Poco::TimeoutException&) {
    } catch (const Poco::Exception&) {
      reply.closed = true;
      break;
    }
    if (reply.bytes.empty()) {
      try {
        socket.sendBytes(&drip, 1);
      } catch (const Poco::Exception&) {
        reply.closed = true;
        break;
      }
    }
  }
  reply.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return reply;
}

} // namespace

BOOST_AUTO_TEST_SUITE(slow_clients)

BOOST_FIXTURE_TEST_CASE(more_silent_connections_than_threads_do_not_stop_a_sync, SlowClientServer)
{
  const int threads = server::http::ApiServerOptions{}.maxThreads;
  std::vector<Poco::Net::StreamSocket> silent;
  for (int i = 0; i < threads + 16; ++i) {
    silent.emplace_back(Poco::Net::SocketAddress("127.0.0.1", server->port()));
  }
  // A few more that trickle a header line, one byte at a time, all along.
  std::atomic<bool> done = false;
  std::vector<std::thread> tricklers;
  for (int i = 0; i < 4; ++i) {
    tricklers.emplace_back([&, port = server->port()] {
      while (!done) {
        trickle(port, "GET /api/v1/account HTTP/1.1\r\nX-Slow: ", 'a', std::chrono::seconds(3));
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500)); // all of them are in

  const auto started = Clock::now();
  sync::HttpTransport transport(server->url());
  try {
    transport.setToken(transport.login({kEmail, kPassword, "dev-B", "Desktop"}).token);
    const auto stamp = stampAt(server::systemNowMs() - 1000, "dev-B");
    BOOST_TEST(transport.push({1, {fieldWrite("class", "c1", "name", store::Value{"5B"}, stamp)}})
                   .applied == 1);
    BOOST_TEST(transport.pull(0, 100).changes.size() == 1u);
  } catch (const std::exception& e) {
    BOOST_ERROR("the sync failed: " << e.what());
  }
  const double seconds = secondsSince(started);
  BOOST_TEST_MESSAGE("sign-in and sync took " << seconds << " s beside " << silent.size()
                                              << " silent connections");
  BOOST_TEST(seconds < 15.0);
  done = true;
  for (auto& t : tricklers) {
    t.join();
  }
}

BOOST_FIXTURE_TEST_CASE(a_client_trickling_its_headers_is_cut_at_the_deadline, SlowClientServer)
{
  const auto reply = trickle(server->port(), "GET /api/v1/account HTTP/1.1\r\nX-Slow: ", 'a',
                             std::chrono::seconds(20));
  BOOST_TEST(reply.closed);
  BOOST_TEST(reply.elapsed < std::chrono::seconds(12));
  const auto answer = parseRawReply(reply.bytes);
  BOOST_TEST(answer.status == 408, reply.bytes);
  BOOST_TEST(sync::decodeError(answer.status, answer.body).code == "request_timeout");
}

BOOST_FIXTURE_TEST_CASE(a_client_trickling_its_body_is_cut_at_the_deadline, SlowClientServer)
{
  const auto login =
      httpCall(server->port(), {"POST", "/api/v1/login",
                                sync::encodeLoginRequest({kEmail, kPassword, "dev-A", "Laptop"})});
  BOOST_REQUIRE_MESSAGE(login.status == 200, login.body);
  const std::string token = sync::decodeLoginResult(login.body).token;
  const auto reply = trickle(server->port(),
                             "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Authorization: Bearer " +
                                 token +
                                 "\r\nContent-Type: application/json\r\n"
                                 "Content-Length: 4000\r\n\r\n{\"batch\": 1, \"groups\": [",
                             ' ', std::chrono::seconds(40));
  BOOST_TEST(reply.closed);
  BOOST_TEST(reply.elapsed < std::chrono::seconds(30));
  const auto answer = parseRawReply(reply.bytes);
  BOOST_TEST(answer.status == 408, reply.bytes);
  BOOST_TEST(sync::decodeError(answer.status, answer.body).code == "request_timeout");
}

BOOST_AUTO_TEST_SUITE_END()
