// The web version's sign-in over HTTP against the real pupitre-server process
// (docs/web.md, "Signing in" and "Security"): the cookie and its flags, the CSRF token on
// writes, no session fixation, sign-out ending the session on the server, the device lists
// of both APIs, a single-device account refused, never-cached answers.
#include "pupitre/sync/wire.h"
#include "server_process.h"
#include "service_fixture.h"
#include "support/certificates.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/StreamCopier.h>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";
const std::string kChromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
                              "Gecko) HeadlessChrome/120.0.0.0 Safari/537.36";

Poco::JSON::Object::Ptr parsed(const std::string& body)
{
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

std::string loginBody(const std::string& email, const std::string& password)
{
  Poco::JSON::Object object;
  object.set("email", email);
  object.set("password", password);
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

// "pupitre_session=SECRET; Path=/; ..." -> "SECRET"
std::string cookieSecret(const HttpReply& reply)
{
  const std::string& header = reply.headers.at("Set-Cookie");
  const std::string prefix = "pupitre_session=";
  BOOST_REQUIRE(header.rfind(prefix, 0) == 0);
  return header.substr(prefix.size(), header.find(';') - prefix.size());
}

struct Browser
{
  std::string secret;
  std::string csrf;
};

struct WebServer
{
  explicit WebServer(const std::vector<std::string>& extra = {})
  {
    for (const auto& [email, licence] :
         {std::pair{kEmail, "multi"}, std::pair{std::string("solo@school.es"), "single"}}) {
      const auto added = serverCommand({"--data", data, "user", "add", email, "--licence", licence},
                                       std::string(kPassword) + "\n");
      BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    }
    server = std::make_unique<ServerProcess>(data, extra);
  }
  HttpReply call(HttpCall c)
  {
    c.headers.emplace("User-Agent", kChromium);
    return httpCall(server->port(), c);
  }
  HttpReply signIn(const std::string& email = kEmail, const std::string& password = kPassword,
                   const std::string& cookie = {})
  {
    HttpCall c{"POST", "/api/v1/web/login", loginBody(email, password)};
    if (!cookie.empty()) {
      c.headers["Cookie"] = cookie;
    }
    return call(c);
  }
  Browser browser()
  {
    const auto reply = signIn();
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    return {cookieSecret(reply), parsed(reply.body)->getValue<std::string>("csrf")};
  }
  // A call with the browser's cookie, and its CSRF token unless `csrf` says otherwise.
  HttpReply as(const Browser& b, HttpCall c, std::optional<std::string> csrf = std::nullopt)
  {
    c.headers["Cookie"] = "theme=dark; pupitre_session=" + b.secret;
    const std::string token = csrf.value_or(b.csrf);
    if (!token.empty()) {
      c.headers["X-CSRF-Token"] = token;
    }
    return call(c);
  }
  std::string deviceToken(const std::string& deviceId)
  {
    const auto reply = call({"POST", "/api/v1/login",
                             sync::encodeLoginRequest({kEmail, kPassword, deviceId, "Laptop"})});
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    return sync::decodeLoginResult(reply.body).token;
  }

  Sandbox sandbox;
  std::string data = sandbox.path("data");
  std::unique_ptr<ServerProcess> server;
};

} // namespace

BOOST_AUTO_TEST_SUITE(web_session_http)

BOOST_FIXTURE_TEST_CASE(signing_in_sets_an_http_only_strict_cookie_and_answers_the_csrf_token,
                        WebServer)
{
  const auto reply = signIn(" Ana@School.es ");
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  const auto body = parsed(reply.body);
  BOOST_TEST(body->getValue<std::string>("email") == kEmail);
  BOOST_TEST(body->getValue<std::string>("licence") == "multi");
  BOOST_TEST(body->getValue<std::string>("csrf").size() == 64u);
  const std::string& cookie = reply.headers.at("Set-Cookie");
  BOOST_TEST(cookie.find("; HttpOnly") != std::string::npos);
  BOOST_TEST(cookie.find("; SameSite=Strict") != std::string::npos);
  BOOST_TEST(cookie.find("; Path=/") != std::string::npos);
  BOOST_TEST(cookie.find("Secure") == std::string::npos); // plain HTTP here
  BOOST_TEST(reply.headers.at("Cache-Control") == "no-store");

  const Browser b{cookieSecret(reply), body->getValue<std::string>("csrf")};
  const auto session = as(b, {"GET", "/api/v1/web/session"});
  BOOST_REQUIRE_MESSAGE(session.status == 200, session.body);
  BOOST_TEST(parsed(session.body)->getValue<std::string>("csrf") == b.csrf);
  BOOST_TEST(session.headers.at("Cache-Control") == "no-store");
}

BOOST_FIXTURE_TEST_CASE(a_wrong_password_is_refused_with_the_device_sign_in_code, WebServer)
{
  const auto wrong = signIn(kEmail, "not the password");
  expectError(wrong, 401, "wrong_password");
  BOOST_TEST(wrong.headers.count("Set-Cookie") == 0u);
  expectError(call({"GET", "/api/v1/web/session"}), 401, "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(a_write_without_or_with_a_wrong_csrf_token_is_refused, WebServer)
{
  const Browser b = browser();
  const std::string other = browser().csrf; // another session's valid token
  for (const std::string& token : {std::string(), std::string("0123"), other}) {
    expectError(as(b, {"POST", "/api/v1/web/logout"}, token), 403, "csrf");
  }
  // A page of another site, even with the token.
  HttpCall crossSite{"POST", "/api/v1/web/logout"};
  crossSite.headers["Origin"] = "https://evil.example";
  expectError(as(b, crossSite), 403, "csrf");
  // The page's own origin passes, however the port is written.
  for (const auto& [origin, host] :
       {std::pair<std::string, std::string>{"https://School.Example", "school.example:443"},
        {"http://school.example", "school.example:80"},
        {"http://127.0.0.1:8080", "127.0.0.1:8080"}}) {
    HttpCall write{"POST", "/api/v1/web/devices/unlink", "{\"device_id\":\"none\"}"};
    write.headers["Origin"] = origin;
    write.headers["Host"] = host;
    expectError(as(b, write), 404, "not_found"); // past the CSRF check: no such device
  }
  BOOST_TEST(as(b, {"GET", "/api/v1/web/session"}).status == 200); // still signed in
  // Reads need no token.
  BOOST_TEST(as(b, {"GET", "/api/v1/web/account"}, "").status == 200);
  BOOST_TEST(as(b, {"POST", "/api/v1/web/logout"}).status == 200);
}

BOOST_FIXTURE_TEST_CASE(a_sign_in_from_another_site_or_not_as_json_is_refused, WebServer)
{
  HttpCall crossSite{"POST", "/api/v1/web/login", loginBody(kEmail, kPassword)};
  crossSite.headers["Origin"] = "http://evil.example";
  expectError(call(crossSite), 403, "csrf");
  HttpCall form{"POST", "/api/v1/web/login", loginBody(kEmail, kPassword)};
  form.headers["Content-Type"] = "text/plain";
  expectError(call(form), 400, "bad_request");
}

BOOST_FIXTURE_TEST_CASE(a_session_id_planted_before_sign_in_is_never_the_one_signed_in, WebServer)
{
  // An attacker's own session id (or a made-up one) in the victim's browser ...
  const Browser attacker = browser();
  for (const std::string& planted : {attacker.secret, std::string(64, 'a')}) {
    const auto reply = signIn(kEmail, kPassword, "pupitre_session=" + planted);
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    // ... is replaced by a new one at sign-in.
    BOOST_TEST(cookieSecret(reply) != planted);
  }
  const auto planted = as({std::string(64, 'a'), ""}, {"GET", "/api/v1/web/session"});
  expectError(planted, 401, "unauthorized");
  // The session the browser had is ended by the new sign-in, not left open beside it.
  expectError(as(attacker, {"GET", "/api/v1/web/session"}), 401, "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(signing_out_ends_the_session_on_the_server_and_clears_the_cookie, WebServer)
{
  const Browser b = browser();
  const auto out = as(b, {"POST", "/api/v1/web/logout"});
  BOOST_REQUIRE_MESSAGE(out.status == 200, out.body);
  BOOST_TEST(out.headers.at("Set-Cookie").find("pupitre_session=;") == 0u);
  BOOST_TEST(out.headers.at("Set-Cookie").find("Max-Age=0") != std::string::npos);
  // The old cookie, kept by whoever copied it, opens nothing.
  expectError(as(b, {"GET", "/api/v1/web/session"}), 401, "unauthorized");
  expectError(as(b, {"GET", "/api/v1/web/account"}), 401, "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(a_single_device_account_is_told_why_it_cannot_use_the_web, WebServer)
{
  const auto refused = signIn("solo@school.es");
  expectError(refused, 403, "licence");
  BOOST_TEST(refused.body.find("The web version is part of the multi-device licence") !=
             std::string::npos);
  BOOST_TEST(refused.headers.count("Set-Cookie") == 0u);
}

BOOST_FIXTURE_TEST_CASE(web_sessions_appear_in_both_device_lists_and_are_signed_out_from_either,
                        WebServer)
{
  const std::string token = deviceToken("dev-1");
  const Browser b = browser();
  const auto web = as(b, {"GET", "/api/v1/web/account"});
  BOOST_REQUIRE_MESSAGE(web.status == 200, web.body);
  const auto account = parsed(web.body);
  BOOST_TEST(account->getValue<std::string>("email") == kEmail);
  BOOST_TEST(account->getValue<std::int64_t>("max_devices") == 5);
  BOOST_TEST(account->getObject("storage")->getValue<std::int64_t>("quota") > 0);
  BOOST_TEST(account->getObject("storage")->getValue<std::int64_t>("used") == 0);
  const auto devices = account->getArray("devices");
  BOOST_REQUIRE_EQUAL(devices->size(), 2u);
  BOOST_TEST(devices->getObject(0)->getValue<std::string>("kind") == "device");
  BOOST_TEST(devices->getObject(0)->getValue<bool>("current") == false);
  const auto session = devices->getObject(1);
  BOOST_TEST(session->getValue<std::string>("kind") == "web");
  BOOST_TEST(session->getValue<std::string>("name") == "Web browser (Chrome on Linux)");
  BOOST_TEST(session->getValue<bool>("current") == true);
  BOOST_TEST(session->getValue<std::int64_t>("last_seen_ms") > 0);
  const std::string sessionId = session->getValue<std::string>("id");

  // The device API's account answer lists it too, as kind "web".
  HttpCall deviceAccount{"GET", "/api/v1/account"};
  deviceAccount.headers["Authorization"] = "Bearer " + token;
  const auto info = sync::decodeAccount(call(deviceAccount).body);
  BOOST_REQUIRE_EQUAL(info.devices.size(), 2u);
  BOOST_TEST(info.devices[1].id == sessionId);
  BOOST_TEST(info.devices[1].kind == "web");
  BOOST_TEST(info.devices[0].kind == "device");

  // Signed out from the app's list ...
  HttpCall unlink{"POST", "/api/v1/devices/unlink", "{\"device_id\":\"" + sessionId + "\"}"};
  unlink.headers["Authorization"] = "Bearer " + token;
  const auto unlinked = call(unlink);
  BOOST_REQUIRE_MESSAGE(unlinked.status == 200, unlinked.body);
  BOOST_TEST(sync::decodeAccount(unlinked.body).devices.size() == 1u);
  expectError(as(b, {"GET", "/api/v1/web/account"}), 401, "unauthorized");

  // ... or, from the web's list, a device or itself.
  const Browser again = browser();
  const auto fromWeb =
      as(again, {"POST", "/api/v1/web/devices/unlink", "{\"device_id\":\"dev-1\"}"});
  BOOST_REQUIRE_MESSAGE(fromWeb.status == 200, fromWeb.body);
  BOOST_TEST(parsed(fromWeb.body)->getArray("devices")->size() == 1u);
  expectError(call(deviceAccount), 401, "device_unlinked");
  const auto listed = parsed(as(again, {"GET", "/api/v1/web/account"}).body);
  const std::string own = listed->getArray("devices")->getObject(0)->getValue<std::string>("id");
  const auto itself =
      as(again, {"POST", "/api/v1/web/devices/unlink", "{\"device_id\":\"" + own + "\"}"});
  BOOST_REQUIRE_MESSAGE(itself.status == 200, itself.body);
  BOOST_TEST(itself.headers.at("Set-Cookie").find("Max-Age=0") != std::string::npos);
  expectError(as(again, {"GET", "/api/v1/web/session"}), 401, "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(a_password_change_and_an_erased_account_end_web_sessions_of_the_server,
                        WebServer)
{
  const Browser b = browser();
  const auto changed =
      serverCommand({"--data", data, "user", "passwd", kEmail}, "another password\n");
  BOOST_REQUIRE_MESSAGE(changed.exitCode == 0, changed.err);
  expectError(as(b, {"GET", "/api/v1/web/session"}), 401, "unauthorized");

  const auto reply = signIn(kEmail, "another password");
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  const Browser c{cookieSecret(reply), parsed(reply.body)->getValue<std::string>("csrf")};
  const auto erased = serverCommand({"--data", data, "user", "erase", kEmail}, "yes\n");
  BOOST_REQUIRE_MESSAGE(erased.exitCode == 0, erased.err);
  expectError(as(c, {"GET", "/api/v1/web/session"}), 401, "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(one_account_cannot_sign_out_another_accounts_devices_or_browsers, WebServer)
{
  const std::string token = deviceToken("dev-1");
  const Browser a = browser();
  const std::string aId = parsed(as(a, {"GET", "/api/v1/web/account"}).body)
                              ->getArray("devices")
                              ->getObject(1)
                              ->getValue<std::string>("id");
  BOOST_REQUIRE(
      serverCommand({"--data", data, "user", "add", "ben@school.es", "--licence", "multi"},
                    std::string(kPassword) + "\n")
          .exitCode == 0);
  const auto reply = signIn("ben@school.es");
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  const Browser b{cookieSecret(reply), parsed(reply.body)->getValue<std::string>("csrf")};
  // B's account lists only B's browser ...
  const auto bDevices = parsed(as(b, {"GET", "/api/v1/web/account"}).body)->getArray("devices");
  BOOST_REQUIRE_EQUAL(bDevices->size(), 1u);
  BOOST_TEST(bDevices->getObject(0)->getValue<std::string>("id") != aId);
  // ... and A's device and browser ids are unknown to it.
  for (const std::string& id : {std::string("dev-1"), aId}) {
    expectError(as(b, {"POST", "/api/v1/web/devices/unlink", "{\"device_id\":\"" + id + "\"}"}),
                404, "not_found");
  }
  BOOST_TEST(as(a, {"GET", "/api/v1/web/session"}).status == 200);
  HttpCall account{"GET", "/api/v1/account"};
  account.headers["Authorization"] = "Bearer " + token;
  BOOST_TEST(call(account).status == 200);
  // A's cookie with B's CSRF token is no write of either.
  expectError(as(a, {"POST", "/api/v1/web/logout"}, b.csrf), 403, "csrf");
}

BOOST_FIXTURE_TEST_CASE(the_administrator_lists_and_signs_out_web_browsers, WebServer)
{
  const Browser b = browser();
  const auto listed = serverCommand({"--data", data, "user", "devices", kEmail});
  BOOST_REQUIRE_MESSAGE(listed.exitCode == 0, listed.err);
  BOOST_TEST(listed.out.find("Web browser (Chrome on Linux)") != std::string::npos, listed.out);
  const std::string id = listed.out.substr(0, listed.out.find('\t'));
  BOOST_REQUIRE(id.rfind("web-", 0) == 0);
  const auto unlinked = serverCommand({"--data", data, "user", "unlink", kEmail, id});
  BOOST_REQUIRE_MESSAGE(unlinked.exitCode == 0, unlinked.err);
  BOOST_TEST(unlinked.err.find("signed out") != std::string::npos, unlinked.err);
  expectError(as(b, {"GET", "/api/v1/web/session"}), 401, "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(behind_a_tls_proxy_the_cookie_is_secure, WebServer)
{
  HttpCall c{"POST", "/api/v1/web/login", loginBody(kEmail, kPassword)};
  c.headers["X-Forwarded-Proto"] = "https";
  const auto reply = call(c);
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  BOOST_TEST(reply.headers.at("Set-Cookie").find("; Secure") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unused_session_ends_after_the_idle_time_given_to_the_server)
{
  WebServer web({"--web-idle", "1s"});
  const Browser b = web.browser();
  // Bounded poll: the session must end within a few seconds of idleness.
  int status = 200;
  for (int i = 0; i < 100 && status == 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (i % 10 == 9) { // ask only now and then: each call would count as a use
      status = web.as(b, {"GET", "/api/v1/web/session"}).status;
    }
  }
  BOOST_TEST(status == 401);
  // Also for the device list.
  const auto token = web.deviceToken("dev-1");
  HttpCall account{"GET", "/api/v1/account"};
  account.headers["Authorization"] = "Bearer " + token;
  BOOST_TEST(sync::decodeAccount(web.call(account).body).devices.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(web_sign_in_failures_count_towards_the_device_sign_in_limit, WebServer)
{
  // Guessing on the web page ...
  bool limited = false;
  for (int i = 0; i < 30 && !limited; ++i) {
    limited = signIn(kEmail, "a guess " + std::to_string(i)).status == 429;
  }
  BOOST_REQUIRE(limited);
  // ... holds back the right password on the web, and a new device's sign-in too.
  expectError(signIn(), 429, "rate_limited");
  const auto device = call({"POST", "/api/v1/login",
                            sync::encodeLoginRequest({kEmail, kPassword, "dev-new", "Laptop"})});
  expectError(device, 429, "rate_limited");
}

BOOST_AUTO_TEST_CASE(under_tls_the_cookie_is_secure)
{
  Sandbox sandbox;
  const CertificateFiles ca = makeCertificateAuthority(sandbox.dir());
  const CertificateFiles cert = makeServerCertificate(ca, sandbox.dir(), "server", "IP:127.0.0.1");
  WebServer https({"--tls-cert", cert.cert, "--tls-key", cert.key});
  Poco::Net::initializeSSL();
  {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                             Poco::Net::Context::VERIFY_NONE);
    Poco::Net::HTTPSClientSession session("127.0.0.1", https.server->port(), context);
    const std::string body = loginBody(kEmail, kPassword);
    Poco::Net::HTTPRequest request("POST", "/api/v1/web/login", Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string answer;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), answer);
    BOOST_TEST(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK, answer);
    const std::string cookie = response.get("Set-Cookie", "");
    BOOST_TEST(cookie.find("; Secure") != std::string::npos, cookie);
    BOOST_TEST(cookie.find("; HttpOnly") != std::string::npos, cookie);
    BOOST_TEST(cookie.find("; SameSite=Strict") != std::string::npos, cookie);
  }
  Poco::Net::uninitializeSSL();
}

BOOST_AUTO_TEST_SUITE_END()
