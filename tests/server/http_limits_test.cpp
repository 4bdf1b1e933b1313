// What a hostile or broken client can send the real pupitre-server: bodies without a valid
// token are refused before they are read, gzip bombs stop at the endpoint's limit, JSON with
// too many values or too deep is refused before it is parsed, numbers out of range and
// malformed HTTP get a 4xx JSON error, and the server's memory stays small throughout.
#include "pupitre/sync/wire.h"
#include "server/time_text.h"
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <future>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct LimitsServer
{
  LimitsServer()
  {
    const auto added = serverCommand({"--data", data, "user", "add", kEmail, "--licence", "multi"},
                                     std::string(kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    server = std::make_unique<ServerProcess>(data);
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
  // A valid push of one value whose JSON text is replaced by `valueText`.
  std::string pushWithValueText(const std::string& valueText)
  {
    const auto stamp = stampAt(server::systemNowMs() - 1000, "dev-A");
    std::string body = sync::encodePush(
        {1, {fieldWrite("class", "c1", "name", store::Value{std::int64_t{424242}}, stamp)}});
    const auto at = body.find(",424242]");
    BOOST_REQUIRE(at != std::string::npos);
    return body.replace(at + 1, 6, valueText);
  }
  std::int64_t pulledCount()
  {
    const auto reply = authed({"GET", "/api/v1/pull?after=0"});
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    return static_cast<std::int64_t>(sync::decodePullPage(reply.body).changes.size());
  }
  std::int64_t peakMib() { return peakMemoryMib(server->process().pid()); }

  Sandbox sandbox;
  std::string data = sandbox.path("data");
  std::unique_ptr<ServerProcess> server;
  std::string token;
};

// expectError's checks, and the body is declared as JSON.
void expectJsonError(const HttpReply& reply, int status, const std::string& code)
{
  expectError(reply, status, code);
  const auto type = reply.headers.find("Content-Type");
  BOOST_TEST((type != reply.headers.end() && type->second == "application/json"));
}

// "[0,0,0,...]": 63 MiB of JSON that gzip shrinks to about 62 KB.
std::string zerosArray(std::size_t bytes)
{
  std::string json;
  json.reserve(bytes + 2);
  json += '[';
  while (json.size() + 2 < bytes) {
    json += "0,";
  }
  json += "0]";
  return json;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_limits)

BOOST_FIXTURE_TEST_CASE(gzip_bombs_without_a_token_are_refused_before_they_are_read, LimitsServer)
{
  HttpCall bomb{"POST", "/api/v1/push", zerosArray(std::size_t{63} << 20)};
  bomb.gzipBody = true;
  BOOST_TEST_MESSAGE("compressed bomb: " << gzipText(bomb.body).size() << " bytes");
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::future<HttpReply>> replies;
  for (int i = 0; i < 4; ++i) {
    replies.push_back(std::async(std::launch::async, [&] { return call(bomb); }));
  }
  for (auto& reply : replies) {
    expectJsonError(reply.get(), 401, "unauthorized");
  }
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
          .count();
  BOOST_TEST(seconds < 10);
  const auto peak = peakMib();
  BOOST_TEST_MESSAGE("server peak memory: " << peak << " MiB");
  BOOST_TEST(peak > 0);
  BOOST_TEST(peak < 300);
  // A wrong token is refused the same way; the server is well afterwards.
  bomb.headers["Authorization"] = "Bearer 0123456789abcdef";
  expectJsonError(call(bomb), 401, "unauthorized");
  BOOST_TEST(pulledCount() == 0);
}

BOOST_FIXTURE_TEST_CASE(the_token_is_checked_before_waiting_for_the_body, LimitsServer)
{
  // 10 MiB announced, 10 bytes sent: the refusal does not wait for the rest.
  const auto reply = rawExchange(server->port(),
                                 "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 "Content-Type: application/json\r\nContent-Length: 10485760\r\n"
                                 "\r\n{\"batch\":1",
                                 std::chrono::seconds(8));
  const auto answer = parseRawReply(reply.bytes);
  expectJsonError(answer, 401, "unauthorized");
  BOOST_TEST(reply.elapsed < std::chrono::seconds(8));
}

BOOST_FIXTURE_TEST_CASE(a_gzip_bomb_with_a_valid_token_stops_at_the_push_limit, LimitsServer)
{
  HttpCall bomb{"POST", "/api/v1/push", zerosArray(std::size_t{63} << 20)};
  bomb.gzipBody = true;
  const auto reply = authed(bomb);
  expectJsonError(reply, 413, "too_large");
  BOOST_TEST(sync::decodeError(reply.status, reply.body).message.find("16 MiB") !=
             std::string::npos);
  BOOST_TEST(peakMib() < 300);
  BOOST_TEST(pulledCount() == 0);
}

BOOST_FIXTURE_TEST_CASE(json_with_too_many_values_is_refused_before_it_is_parsed, LimitsServer)
{
  // 12 MiB (under the push's byte limit) of six million tiny values, ignored by the decoder.
  const std::string body =
      "{\"batch\": 1, \"groups\": [], \"x\": " + zerosArray(std::size_t{12} << 20) + "}";
  HttpCall push{"POST", "/api/v1/push", body};
  push.gzipBody = true;
  const auto reply = authed(push);
  expectJsonError(reply, 413, "too_large");
  BOOST_TEST(sync::decodeError(reply.status, reply.body).message.find("values") !=
             std::string::npos);
  BOOST_TEST(peakMib() < 300);
  // The same shape, small, is fine: the limit counts values, not the shape.
  HttpCall small{"POST", "/api/v1/push", "{\"batch\": 1, \"groups\": [], \"x\": [0,0,0]}"};
  BOOST_TEST(authed(small).status == 200);
}

BOOST_FIXTURE_TEST_CASE(the_daemons_largest_push_fits_the_limits, LimitsServer)
{
  // The daemon pushes up to 5000 field writes; each with its own stamp is each in its own
  // group, the costliest shape in JSON values.
  std::vector<sync::FieldWrite> writes;
  const std::int64_t now = server::systemNowMs() - 60'000;
  for (int i = 0; i < 5000; ++i) {
    writes.push_back(fieldWrite("student", "s" + std::to_string(i), "given_name",
                                store::Value{std::string(200, 'n')}, stampAt(now + i, "dev-A")));
  }
  const auto reply = authed({"POST", "/api/v1/push", sync::encodePush({1, writes}), {}, true});
  BOOST_TEST(reply.status == 200, reply.body.substr(0, 300));
  BOOST_TEST(peakMib() < 300);
}

BOOST_FIXTURE_TEST_CASE(json_nested_too_deep_is_refused, LimitsServer)
{
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const auto reply =
      authed({"POST", "/api/v1/push", "{\"batch\": 1, \"groups\": [], \"x\": " + deep + "}"});
  expectJsonError(reply, 400, "bad_request");
  BOOST_TEST(sync::decodeError(reply.status, reply.body).message.find("nested") !=
             std::string::npos);
  // Brackets inside strings are text, not nesting.
  const auto text = authed(
      {"POST", "/api/v1/push", "{\"batch\": 1, \"groups\": [], \"x\": \"" + deep + "\\\"[\"}"});
  BOOST_TEST(text.status == 200, text.body);
}

BOOST_FIXTURE_TEST_CASE(each_endpoint_has_its_own_body_limit, LimitsServer)
{
  // A login is a few hundred bytes: 64 KiB of device name is refused, declared or streamed.
  const std::string longLogin =
      sync::encodeLoginRequest({kEmail, kPassword, "dev-B", std::string(64 << 10, 'n')});
  expectJsonError(call({"POST", "/api/v1/login", longLogin}), 413, "too_large");
  HttpCall gzipped{"POST", "/api/v1/login", longLogin};
  gzipped.gzipBody = true;
  expectJsonError(call(gzipped), 413, "too_large");
  HttpCall declared{"POST", "/api/v1/login", "{}"};
  declared.declaredLength = 1 << 20;
  expectJsonError(call(declared), 413, "too_large");
  // Unlinking names one device.
  expectJsonError(authed({"POST", "/api/v1/devices/unlink",
                          "{\"device_id\": \"" + std::string(64 << 10, 'd') + "\"}"}),
                  413, "too_large");
  // A pull has no body.
  expectJsonError(authed({"GET", "/api/v1/pull", std::string(64 << 10, ' ')}), 413, "too_large");
  // The message says the size in a unit that is not zero.
  const auto message =
      sync::decodeError(413, call({"POST", "/api/v1/login", longLogin}).body).message;
  BOOST_TEST(message.find("(0 MiB)") == std::string::npos, message);
  BOOST_TEST(message.find("KiB") != std::string::npos, message);
}

BOOST_FIXTURE_TEST_CASE(integers_out_of_range_in_a_push_get_a_400, LimitsServer)
{
  for (const std::string value :
       {"9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "123456789012345678901234567890", "1e400", "-1e400"}) {
    BOOST_TEST_CONTEXT("value " << value)
    {
      expectJsonError(authed({"POST", "/api/v1/push", pushWithValueText(value)}), 400,
                      "bad_request");
    }
  }
  expectJsonError(authed({"POST", "/api/v1/push",
                          "{\"batch\": 9223372036854775808, \"devices\": [], \"groups\": []}"}),
                  400, "bad_request");
  BOOST_TEST(pulledCount() == 0);
  // The largest integer is a value like any other.
  const auto largest = authed({"POST", "/api/v1/push", pushWithValueText("9223372036854775807")});
  BOOST_TEST(largest.status == 200, largest.body);
  BOOST_TEST(pulledCount() == 1);
}

BOOST_FIXTURE_TEST_CASE(malformed_http_gets_a_json_error, LimitsServer)
{
  const std::string bigHeader =
      "GET /api/v1/account HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(9000, 'a') +
      "\r\n\r\n";
  auto reply = rawExchange(server->port(), bigHeader);
  BOOST_TEST(reply.closed);
  expectJsonError(parseRawReply(reply.bytes), 431, "headers_too_large");

  std::string manyFields = "GET /api/v1/account HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 200; ++i) {
    manyFields += "X-Field-" + std::to_string(i) + ": 1\r\n";
  }
  reply = rawExchange(server->port(), manyFields + "\r\n");
  expectJsonError(parseRawReply(reply.bytes), 431, "headers_too_large");

  reply = rawExchange(server->port(), "HELLO\r\n\r\n");
  expectJsonError(parseRawReply(reply.bytes), 400, "bad_request");

  // Still serving.
  BOOST_TEST(authed({"GET", "/api/v1/account"}).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
