// The teacher's right of access over HTTP against the real pupitre-server process (issue
// 17): GET /api/v1/account/export with a device token, and GET /api/v1/web/account/export
// with the web version's session, answer what `pupitre-server user export` prints for the
// caller's account, never another account's data; without a valid token or session, 401.
#include "pupitre/sync/wire.h"
#include "server/time_text.h"
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kAna = "ana@school.es";
const std::string kBen = "ben@school.es";

Poco::JSON::Object::Ptr parsed(const std::string& body)
{
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

struct TwoAccounts
{
  TwoAccounts()
  {
    for (const auto& email : {kAna, kBen}) {
      const auto added = serverCommand({"--data", data, "user", "add", email, "--licence", "multi"},
                                       std::string(kPassword) + "\n");
      BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    }
    server = std::make_unique<ServerProcess>(data);
    anaToken = linkDevice(kAna, "dev-ana", "Ana's laptop");
    benToken = linkDevice(kBen, "dev-ben", "Ben's laptop");
    push(anaToken, "dev-ana", "class-ana", "4B Matemáticas de Ana");
    push(benToken, "dev-ben", "class-ben", "2A Historia de Ben");
  }
  HttpReply call(HttpCall c) { return httpCall(server->port(), c); }
  std::string linkDevice(const std::string& email, const std::string& device,
                         const std::string& name)
  {
    const auto reply =
        call({"POST", "/api/v1/login", sync::encodeLoginRequest({email, kPassword, device, name})});
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    return sync::decodeLoginResult(reply.body).token;
  }
  void push(const std::string& token, const std::string& device, const std::string& row,
            const std::string& name)
  {
    const auto stamp = stampAt(server::systemNowMs() - 1000, device);
    HttpCall c{
        "POST", "/api/v1/push",
        sync::encodePush({1, {fieldWrite("class", row, "name", store::Value{name}, stamp)}})};
    c.headers["Authorization"] = "Bearer " + token;
    const auto reply = call(c);
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  }
  HttpReply exportWith(const std::string& token)
  {
    HttpCall c{"GET", "/api/v1/account/export"};
    c.acceptGzip = true;
    if (!token.empty()) {
      c.headers["Authorization"] = "Bearer " + token;
    }
    return call(c);
  }
  std::string userExport(const std::string& email)
  {
    const auto result = serverCommand({"--data", data, "user", "export", email});
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, result.err);
    return result.out;
  }

  Sandbox sandbox;
  std::string data = sandbox.path("data");
  std::unique_ptr<ServerProcess> server;
  std::string anaToken;
  std::string benToken;
};

} // namespace

BOOST_AUTO_TEST_SUITE(account_export_http)

BOOST_FIXTURE_TEST_CASE(a_device_gets_its_accounts_user_export_and_nothing_of_another, TwoAccounts)
{
  const auto reply = exportWith(anaToken);
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  BOOST_TEST(reply.compressed); // gzip, like the other JSON answers
  BOOST_TEST(reply.headers.at("Content-Type").rfind("application/json", 0) == 0u);
  BOOST_TEST(reply.body == userExport(kAna));
  BOOST_TEST(contains(reply.body, "4B Matemáticas de Ana"));
  BOOST_TEST(contains(reply.body, "dev-ana"));
  for (const auto& other : {std::string("2A Historia de Ben"), std::string("class-ben"), kBen,
                            std::string("dev-ben"), anaToken, benToken}) {
    BOOST_TEST(!contains(reply.body, other), other << " is in Ana's export");
  }
  BOOST_TEST(parsed(reply.body)->getObject("account")->getValue<std::string>("email") == kAna);

  // Ben's token: Ben's account.
  const auto ben = exportWith(benToken);
  BOOST_REQUIRE_MESSAGE(ben.status == 200, ben.body);
  BOOST_TEST(contains(ben.body, "2A Historia de Ben"));
  BOOST_TEST(!contains(ben.body, "4B Matemáticas de Ana"));
  BOOST_TEST(!contains(ben.body, kAna));
}

BOOST_FIXTURE_TEST_CASE(without_a_valid_token_the_export_is_401, TwoAccounts)
{
  expectError(exportWith(""), 401, "unauthorized");
  expectError(exportWith(std::string(64, 'a')), 401, "unauthorized");

  // A token revoked by signing out, and a device unlinked from another device.
  HttpCall logout{"POST", "/api/v1/logout", "{}"};
  logout.headers["Authorization"] = "Bearer " + anaToken;
  BOOST_REQUIRE(call(logout).status == 200);
  expectError(exportWith(anaToken), 401, "unauthorized");

  const auto second = linkDevice(kBen, "dev-ben-2", "Ben's phone");
  HttpCall unlink{"POST", "/api/v1/devices/unlink", "{\"device_id\": \"dev-ben\"}"};
  unlink.headers["Authorization"] = "Bearer " + second;
  BOOST_REQUIRE(call(unlink).status == 200);
  expectError(exportWith(benToken), 401, "device_unlinked");

  // Only GET.
  HttpCall post{"POST", "/api/v1/account/export", "{}"};
  post.headers["Authorization"] = "Bearer " + second;
  BOOST_TEST(call(post).status == 405);
}

BOOST_FIXTURE_TEST_CASE(the_web_version_downloads_its_accounts_export, TwoAccounts)
{
  const auto signedIn =
      call({"POST", "/api/v1/web/login",
            "{\"email\": \"" + kAna + "\", \"password\": \"" + std::string(kPassword) + "\"}"});
  BOOST_REQUIRE_MESSAGE(signedIn.status == 200, signedIn.body);
  const std::string& cookie = signedIn.headers.at("Set-Cookie");
  const std::string secret = cookie.substr(0, cookie.find(';')); // pupitre_session=SECRET

  HttpCall get{"GET", "/api/v1/web/account/export"};
  get.acceptGzip = true;
  get.headers["Cookie"] = secret;
  const auto reply = call(get);
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  BOOST_TEST(reply.compressed);
  const std::string disposition = reply.headers.at("Content-Disposition");
  BOOST_TEST(disposition.rfind("attachment; filename=\"pupitre-account-", 0) == 0u, disposition);
  BOOST_TEST(contains(disposition, ".json\""), disposition);
  BOOST_TEST(reply.headers.at("Cache-Control") == "no-store");
  const auto object = parsed(reply.body);
  BOOST_TEST(object->getObject("account")->getValue<std::string>("email") == kAna);
  BOOST_TEST(contains(reply.body, "4B Matemáticas de Ana"));
  BOOST_TEST(!contains(reply.body, "2A Historia de Ben"));
  BOOST_TEST(object->getArray("web_sessions")->size() == 1u); // this browser, without secret
  BOOST_TEST(!contains(reply.body, secret.substr(secret.find('=') + 1)));

  // Without the session, or after signing out: 401.
  expectError(call({"GET", "/api/v1/web/account/export"}), 401, "unauthorized");
  HttpCall logout{"POST", "/api/v1/web/logout", "{}"};
  logout.headers["Cookie"] = secret;
  logout.headers["X-CSRF-Token"] = parsed(signedIn.body)->getValue<std::string>("csrf");
  BOOST_REQUIRE(call(logout).status == 200);
  expectError(call(get), 401, "unauthorized");
}

BOOST_AUTO_TEST_SUITE_END()
