// The real pupitre-server process on 127.0.0.1, port 0, spoken to over HTTP: what a client
// can send wrong gets a JSON error and changes nothing; gzip both ways; protocol versions;
// the daemon's own HttpTransport; stopping on SIGTERM.
#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/http_transport.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/wire.h"
#include "server/time_text.h"
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct RunningServer
{
  explicit RunningServer(const std::vector<std::string>& extra = {})
  {
    const auto added = serverCommand({"--data", data, "user", "add", kEmail, "--licence", "multi"},
                                     std::string(kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    server = std::make_unique<ServerProcess>(data, extra);
    const auto reply = call({"POST", "/api/v1/login",
                             sync::encodeLoginRequest({kEmail, kPassword, "dev-A", "Laptop"})});
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    token = sync::decodeLoginResult(reply.body).token;
  }
  HttpReply call(HttpCall c) { return httpCall(server->port(), c); }
  HttpReply authed(HttpCall c)
  {
    c.headers["Authorization"] = "Bearer " + token;
    return call(c);
  }
  std::string pushBody(std::int64_t batch, const std::string& name)
  {
    const auto stamp = stampAt(server::systemNowMs() - 1000, "dev-A");
    return sync::encodePush(
        {batch, {fieldWrite("class", "c1", "name", store::Value{name}, stamp)}});
  }
  std::string exported()
  {
    const auto result = serverCommand({"--data", data, "user", "data", kEmail});
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, result.err);
    return result.out;
  }
  sync::PullPage pulled()
  {
    return sync::decodePullPage(authed({"GET", "/api/v1/pull?after=0"}).body);
  }

  Sandbox sandbox;
  std::string data = sandbox.path("data");
  std::unique_ptr<ServerProcess> server;
  std::string token;
};

} // namespace

BOOST_AUTO_TEST_SUITE(http_api)

BOOST_FIXTURE_TEST_CASE(push_and_pull_over_http_with_the_server_clock_on_every_answer,
                        RunningServer)
{
  const auto pushed = authed({"POST", "/api/v1/push", pushBody(1, "5B")});
  BOOST_REQUIRE_MESSAGE(pushed.status == 200, pushed.body);
  BOOST_TEST(sync::decodePushResult(pushed.body).applied == 1);
  const auto time = std::stoll(pushed.headers.at("X-Pupitre-Time"));
  BOOST_TEST(std::abs(time - server::systemNowMs()) < 60'000);
  BOOST_TEST(pushed.headers.at("X-Pupitre-Max-Clock-Ahead") == "300000"); // the default, 5 min
  // And what a push may hold (docs/sync-protocol.md, "Every request").
  BOOST_TEST(pushed.headers.at("X-Pupitre-Max-Push-Bytes") == std::to_string(16 << 20));
  BOOST_TEST(pushed.headers.at("X-Pupitre-Max-Push-Changes") == "10000");
  BOOST_TEST(pushed.headers.at("X-Pupitre-Max-Value-Bytes") == "text=1048576, any=4096, number=64");
  const auto page = pulled();
  BOOST_TEST(page.changes.size() == 1u);
  BOOST_TEST(store::toText(page.changes[0].value) == "5B");
  // As pupitred asks (no echo): without what this device pushed, the cursor past it.
  const auto own = sync::decodePullPage(authed({"GET", "/api/v1/pull?after=0&own=0"}).body);
  BOOST_TEST(own.changes.empty());
  BOOST_TEST(own.cursor == page.cursor);
  BOOST_TEST(authed({"GET", "/api/v1/account"}).status == 200);
}

// Issue 12, item 4: a server allowing less than the daemon's default says so on every answer,
// errors included, and in the clock_ahead refusal, so devices re-stamp by its limit.
BOOST_AUTO_TEST_CASE(every_answer_announces_the_servers_clock_limit)
{
  RunningServer world({"--max-clock-ahead", "60"});
  const auto account = world.authed({"GET", "/api/v1/account"});
  BOOST_TEST(account.status == 200);
  BOOST_TEST(account.headers.at("X-Pupitre-Max-Clock-Ahead") == "60000");
  const auto unknown = world.call({"GET", "/api/v1/account"}); // no token: 401
  BOOST_TEST(unknown.status == 401);
  BOOST_TEST(unknown.headers.at("X-Pupitre-Max-Clock-Ahead") == "60000");

  const auto stamp = stampAt(server::systemNowMs() + 3 * 60'000, "dev-A"); // 3 min ahead
  const auto refused = world.authed(
      {"POST", "/api/v1/push",
       sync::encodePush({1, {fieldWrite("class", "c1", "name", store::Value{"5B"}, stamp)}})});
  BOOST_TEST(refused.status == 409);
  const auto error = sync::decodeError(refused.status, refused.body);
  BOOST_TEST(error.code == "clock_ahead");
  BOOST_TEST(error.maxClockAheadMs == 60'000);
  BOOST_TEST(error.serverTimeMs > 0);

  sync::HttpTransport transport(world.server->url());
  transport.login({kEmail, kPassword, "dev-B", "Desktop"});
  BOOST_TEST(transport.maxClockAheadMs().value_or(0) == 60'000);
}

BOOST_FIXTURE_TEST_CASE(malformed_truncated_and_mistyped_json_get_400_and_change_nothing,
                        RunningServer)
{
  const std::string good = pushBody(1, "5B");
  static const char kWithNul[] = "{\"batch\": 1\0, \"groups\": []}";
  const std::vector<std::string> bad = {
      "{not json",
      good.substr(0, good.size() / 2),
      "",
      "[]",
      "{\"batch\": \"one\", \"groups\": []}",
      "{\"batch\": 1, \"devices\": [\"A\"], \"groups\": [{\"t\": \"class\", \"h\": 12, \"d\": 0, "
      "\"f\": [], \"rows\": []}]}",
      "{\"batch\": 1, \"devices\": [], \"groups\": [{\"t\": \"class\", \"h\": \"1\", \"d\": 5, "
      "\"f\": [], \"rows\": []}]}",
      std::string(kWithNul, sizeof kWithNul - 1),
  };
  const std::string before = exported();
  for (const auto& body : bad) {
    BOOST_TEST_CONTEXT("body " << body.substr(0, 40))
    {
      expectError(authed({"POST", "/api/v1/push", body}), 400, "bad_request");
    }
  }
  expectError(call({"POST", "/api/v1/login", "{\"email\": 3}"}), 400, "bad_request");
  expectError(authed({"POST", "/api/v1/devices/unlink", "{}"}), 400, "bad_request");
  expectError(authed({"GET", "/api/v1/pull?after=abc"}), 400, "bad_request");
  expectError(authed({"GET", "/api/v1/pull?after=0&count=2"}), 400, "bad_request");
  expectError(authed({"GET", "/api/v1/pull?after=0&own=2"}), 400, "bad_request");
  expectError(authed({"POST", "/api/v1/push", "{]", {}, true}), 400,
              "bad_request"); // gzip-compressed
  expectError(authed({"POST", "/api/v1/push", good, {{"Content-Encoding", "br"}}}), 400,
              "bad_request");
  BOOST_TEST(exported() == before);
  BOOST_TEST(pulled().changes.empty());
  // The server is still there and well.
  BOOST_TEST(authed({"POST", "/api/v1/push", good}).status == 200);
}

BOOST_FIXTURE_TEST_CASE(a_body_cut_short_by_a_closed_connection_is_refused, RunningServer)
{
  const std::string body = pushBody(1, "5B");
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server->port()));
  const std::string head =
      "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n";
  const std::string sent = head + body.substr(0, body.size() - 10);
  socket.sendBytes(sent.data(), static_cast<int>(sent.size()));
  socket.shutdownSend();
  std::string answer;
  char buffer[4096];
  for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) {
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  BOOST_TEST(answer.rfind("HTTP/1.1 400", 0) == 0u);
  BOOST_TEST(answer.find("\"bad_request\"") != std::string::npos);
  BOOST_TEST(pulled().changes.empty());
}

BOOST_FIXTURE_TEST_CASE(a_declared_length_over_64_mib_is_refused_before_reading, RunningServer)
{
  HttpCall c{"POST", "/api/v1/push", "{}"};
  c.declaredLength = (std::int64_t{64} << 20) + 1;
  expectError(authed(c), 413, "too_large");
}

BOOST_AUTO_TEST_CASE(a_body_that_inflates_past_the_limit_is_refused_while_streaming)
{
  RunningServer f({"--max-body-mib", "1"});
  // 2 MiB of JSON that compresses to a few kilobytes.
  const std::string big =
      "{\"batch\": 1, \"groups\": [], \"pad\": \"" + std::string(2 << 20, ' ') + "\"}";
  HttpCall c{"POST", "/api/v1/push", big};
  c.gzipBody = true;
  const auto reply = f.authed(c);
  expectError(reply, 413, "too_large");
  c.gzipBody = false;
  expectError(f.authed(c), 413, "too_large");
  BOOST_TEST(f.pulled().changes.empty());
  // Just under the limit is fine (in several fields: one text field holds at most 256 KiB).
  const auto stamp = stampAt(server::systemNowMs() - 1000, "dev-A");
  std::vector<sync::FieldWrite> writes;
  for (const char* field : {"name", "subject", "year", "term"}) {
    writes.push_back(
        fieldWrite("class", "c1", field, store::Value{std::string(225 << 10, 'x')}, stamp));
  }
  BOOST_TEST(f.authed({"POST", "/api/v1/push", sync::encodePush({1, writes}), {}, true}).status ==
             200);
}

BOOST_FIXTURE_TEST_CASE(gzip_requests_and_gzip_answers, RunningServer)
{
  const std::string comment(4000, 'c'); // a long comment: the page is worth compressing
  HttpCall push{"POST", "/api/v1/push", pushBody(1, comment)};
  push.gzipBody = true;
  push.acceptGzip = true;
  const auto reply = authed(push);
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  BOOST_TEST(!reply.compressed); // a few numbers: smaller plain than gzipped
  BOOST_TEST(sync::decodePushResult(reply.body).applied == 1);

  HttpCall pull{"GET", "/api/v1/pull?after=0&limit=10"};
  pull.acceptGzip = true;
  const auto page = authed(pull);
  BOOST_TEST(page.compressed);
  BOOST_TEST(store::toText(sync::decodePullPage(page.body).changes.at(0).value) == comment);
  // Without Accept-Encoding, plain JSON; a short error stays plain too.
  const auto plain = authed({"GET", "/api/v1/pull?after=0&limit=10"});
  BOOST_TEST(!plain.compressed);
  BOOST_TEST(store::toText(sync::decodePullPage(plain.body).changes.at(0).value) == comment);
  HttpCall wrong{"GET", "/api/v1/nowhere"};
  wrong.acceptGzip = true;
  const auto notFound = call(wrong);
  BOOST_TEST(!notFound.compressed);
  expectError(notFound, 404, "not_found");
}

BOOST_FIXTURE_TEST_CASE(another_protocol_version_gets_426, RunningServer)
{
  expectError(authed({"GET", "/api/v1/account", "", {{"X-Pupitre-Protocol", "2"}}}), 426,
              "update_required");
  expectError(authed({"POST", "/api/v1/push", pushBody(1, "v2"), {{"X-Pupitre-Protocol", "2"}}}),
              426, "update_required");
  BOOST_TEST(authed({"GET", "/api/v1/account", "", {{"X-Pupitre-Protocol", "1"}}}).status == 200);
  BOOST_TEST(authed({"GET", "/api/v1/account"}).status == 200); // absent means 1
  BOOST_TEST(pulled().changes.empty());
}

BOOST_FIXTURE_TEST_CASE(unknown_routes_methods_and_tokens, RunningServer)
{
  expectError(call({"GET", "/api/v2/account"}), 404, "not_found");
  expectError(call({"GET", "/nothing"}), 404, "not_found"); // "/" is the web version's page
  expectError(authed({"GET", "/api/v1/push"}), 405, "method_not_allowed");
  expectError(call({"GET", "/api/v1/account"}), 401, "unauthorized");
  expectError(call({"GET", "/api/v1/account", "", {{"Authorization", "Bearer nope"}}}), 401,
              "unauthorized");
  expectError(call({"POST", "/api/v1/login",
                    sync::encodeLoginRequest({kEmail, "wrong password", "dev-B", ""})}),
              401, "wrong_password");
}

BOOST_FIXTURE_TEST_CASE(the_daemons_transport_speaks_to_the_server, RunningServer)
{
  sync::HttpTransport transport(server->url());
  const auto login = transport.login({kEmail, kPassword, "dev-B", "Desktop"});
  BOOST_TEST(login.account.devices.size() == 2u);
  // Over 4 KiB: the transport compresses the request.
  std::vector<sync::FieldWrite> writes;
  for (int i = 0; i < 200; ++i) {
    writes.push_back(fieldWrite("student", "s" + std::to_string(i), "given_name",
                                store::Value{"Student " + std::to_string(i)},
                                stampAt(server::systemNowMs() - 1000, "dev-B")));
  }
  BOOST_TEST(transport.push({1, writes}).applied == 200);
  BOOST_TEST(transport.pull(0, 50).more);
  BOOST_TEST(transport.pull(0, 50).remaining == -1);
  BOOST_TEST(transport.pullCounting(0, 50).remaining == 150);
  BOOST_TEST(transport.pullCounting(0, 500).remaining == 0);
  const auto everything = transport.pull(0, 500);
  transport.setNoEcho(true); // as pupitred's: what dev-B pushed stays out of its pulls
  const auto own = transport.pullCounting(0, 50);
  BOOST_TEST(own.changes.empty());
  BOOST_TEST(!own.more);
  BOOST_TEST(own.remaining == 0);
  BOOST_TEST(own.cursor == everything.cursor); // past them all the same
  BOOST_TEST(transport.lastServerTimeMs().has_value());
  BOOST_TEST(transport.maxClockAheadMs().value_or(0) == sync::kMaxClockAheadMs);
  BOOST_TEST(transport.account().email == kEmail);
  BOOST_TEST(transport.unlink("dev-A").devices.size() == 1u);
  transport.logout();
  try {
    transport.account();
    BOOST_FAIL("the token should be revoked");
  } catch (const sync::ApiRefusal& refusal) {
    BOOST_TEST(refusal.error().code == "unauthorized");
  }
}

BOOST_FIXTURE_TEST_CASE(admin_commands_work_while_the_server_runs, RunningServer)
{
  const auto added =
      serverCommand({"--data", data, "user", "add", "bruno@school.es", "--licence", "multi"},
                    "another password\n");
  BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
  const auto login =
      call({"POST", "/api/v1/login",
            sync::encodeLoginRequest({"bruno@school.es", "another password", "dev-Z", "Tablet"})});
  BOOST_TEST(login.status == 200);

  const std::string body = pushBody(1, "5B");
  BOOST_REQUIRE(authed({"POST", "/api/v1/push", body}).status == 200);
  // The export equals what a device holding the same writes exports.
  Sandbox deviceDir;
  store::Database device(deviceDir.path("device.db"));
  sync::applyRemote(device, sync::decodePush(body).changes);
  BOOST_TEST(exported() == store::exportCanonicalJson(device));

  const auto devices = serverCommand({"--data", data, "user", "devices", kEmail});
  BOOST_TEST(devices.out.find("dev-A\tLaptop") != std::string::npos);
  BOOST_TEST(serverCommand({"--data", data, "user", "unlink", kEmail, "dev-A"}).exitCode == 0);
  expectError(authed({"GET", "/api/v1/pull"}), 401, "device_unlinked");
}

BOOST_FIXTURE_TEST_CASE(sigterm_stops_the_server_cleanly, RunningServer)
{
  // An idle kept-alive connection does not hold the server up.
  Poco::Net::HTTPClientSession idle("127.0.0.1", server->port());
  Poco::Net::HTTPRequest request("GET", "/api/v1/account", Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Authorization", "Bearer " + token);
  idle.setKeepAlive(true);
  idle.sendRequest(request);
  Poco::Net::HTTPResponse response;
  idle.receiveResponse(response).ignore(1 << 20);
  BOOST_TEST(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);

  const auto started = std::chrono::steady_clock::now();
  server->process().terminate();
  BOOST_TEST(server->process().exitCode() == 0);
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
          .count();
  BOOST_TEST(seconds < 5);
}

BOOST_AUTO_TEST_SUITE_END()
