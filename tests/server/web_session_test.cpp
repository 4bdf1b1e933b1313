// The web version's sessions through WebSessions on a real server.db (server/web/): sign-in
// through the device sign-in's check and limits, hashed secrets, expiry, sign-out from either
// device list, and the ends a password change, a licence change and an erased account bring.
#include "server/web/web_session_cookie.h"
#include "server/web/web_sessions.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <SQLiteCpp/Database.h>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";
const std::string kChromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
                              "Gecko) HeadlessChrome/120.0.0.0 Safari/537.36";

struct Sessions : ServiceFixture
{
  server::web::WebSessions sessions{service, store};
  Sessions()
  {
    addAccount(kEmail, "multi", 1);
    service.attachWebSessions(&sessions);
  }
  server::web::WebSignIn signIn(const std::string& email = kEmail)
  {
    auto result = sessions.signIn(email, kPassword, kChromium, "10.0.0.1");
    BOOST_REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().message));
    return result.value();
  }
  // Every web_session row's columns as text, to look for secrets.
  std::string storedSessions()
  {
    return selectText(sandbox.dir().string(),
                      "SELECT account_id, id, secret_hash, csrf, user_agent FROM web_session");
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(web_session)

BOOST_FIXTURE_TEST_CASE(a_sign_in_makes_a_session_found_by_its_secret_kept_only_hashed, Sessions)
{
  const auto first = signIn();
  BOOST_TEST(first.secret.size() == 64u);
  BOOST_TEST(first.session.record.csrf.size() == 64u);
  BOOST_TEST(first.session.record.id.rfind("web-", 0) == 0u);
  const auto found = sessions.find(first.secret);
  BOOST_REQUIRE(found.ok());
  BOOST_TEST(found.value().record.id == first.session.record.id);
  BOOST_TEST(found.value().account.email == kEmail);
  BOOST_TEST(storedSessions().find(first.secret) == std::string::npos);
  // Every sign-in is a new session: new secret, id and CSRF token.
  const auto second = signIn();
  BOOST_TEST(second.secret != first.secret);
  BOOST_TEST(second.session.record.id != first.session.record.id);
  BOOST_TEST(second.session.record.csrf != first.session.record.csrf);
  BOOST_TEST(!sessions.find("not a secret").ok());
  BOOST_TEST(sessions.find("").error().status == 401);
}

BOOST_FIXTURE_TEST_CASE(a_wrong_password_is_refused_like_a_device_sign_in_and_counted, Sessions)
{
  const auto wrong = sessions.signIn(kEmail, "not it", kChromium, "10.0.0.1");
  BOOST_REQUIRE(!wrong.ok());
  BOOST_TEST(wrong.error().status == 401);
  BOOST_TEST(wrong.error().code == "wrong_password");
  // The device sign-in's limiter counts web failures: after enough of them, the right
  // password is held back too, on the web and from a device.
  for (int i = 0; i < 20; ++i) {
    const auto again = sessions.signIn(kEmail, "not it", kChromium, "10.0.0.1");
    if (!again.ok() && again.error().code == "rate_limited") {
      break;
    }
  }
  const auto held = sessions.signIn(kEmail, kPassword, kChromium, "10.0.0.1");
  BOOST_REQUIRE(!held.ok());
  BOOST_TEST(held.error().code == "rate_limited");
  const auto device = service.login({kEmail, kPassword, "dev-1", "Laptop"}, "10.0.0.2");
  BOOST_REQUIRE(!device.ok());
  BOOST_TEST(device.error().code == "rate_limited");
}

BOOST_FIXTURE_TEST_CASE(a_single_device_account_is_told_the_web_needs_the_multi_device_licence,
                        Sessions)
{
  addAccount("solo@school.es", "single");
  const auto refused = sessions.signIn("solo@school.es", kPassword, kChromium, "10.0.0.1");
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().status == 403);
  BOOST_TEST(refused.error().code == "licence");
  BOOST_TEST(refused.error().message.find("multi-device licence") != std::string::npos);
  // A licence changed to single-device after the sign-in ends the session.
  const auto web = signIn();
  admin.setLicence(kEmail, "single", std::nullopt);
  BOOST_TEST(sessions.find(web.secret).error().code == "licence");
  admin.setLicence(kEmail, "multi", 1);
  BOOST_TEST(sessions.find(web.secret).error().code == "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(sessions_end_when_idle_and_at_their_absolute_end, Sessions)
{
  const auto web = signIn();
  clock.advance(11 * server::web::kHourMs);
  BOOST_REQUIRE(sessions.find(web.secret).ok()); // used: idle time starts again
  clock.advance(11 * server::web::kHourMs);
  BOOST_REQUIRE(sessions.find(web.secret).ok());
  clock.advance(12 * server::web::kHourMs + 1);
  const auto idle = sessions.find(web.secret);
  BOOST_REQUIRE(!idle.ok());
  BOOST_TEST(idle.error().status == 401);
  BOOST_TEST(storedSessions().empty()); // deleted, not just refused

  // Used every 10 hours, a session still ends 7 days after its sign-in.
  const auto busy = signIn();
  for (int i = 0; i < 16; ++i) {
    clock.advance(10 * server::web::kHourMs);
    BOOST_REQUIRE(sessions.find(busy.secret).ok());
  }
  clock.advance(10 * server::web::kHourMs); // 170 h > 7 days
  BOOST_TEST(sessions.find(busy.secret).error().status == 401);
}

BOOST_FIXTURE_TEST_CASE(the_sweep_deletes_ended_sessions_of_every_account, Sessions)
{
  addAccount("ben@school.es");
  const auto a = signIn();
  const auto b = signIn("ben@school.es");
  clock.advance(6 * server::web::kHourMs);
  BOOST_REQUIRE(sessions.find(b.secret).ok());
  clock.advance(6 * server::web::kHourMs + server::kDayMs / 24);
  BOOST_TEST(sessions.sweep() == 1);
  BOOST_TEST(!sessions.find(a.secret).ok());
  BOOST_TEST(sessions.find(b.secret).ok());
}

BOOST_FIXTURE_TEST_CASE(web_sessions_are_listed_among_the_devices_without_taking_a_slot, Sessions)
{
  const auto web = signIn();
  const std::string token = login(kEmail, "dev-1"); // the account's one device slot
  const auto info = service.account(token);
  BOOST_REQUIRE(info.ok());
  BOOST_REQUIRE_EQUAL(info.value().devices.size(), 2u);
  BOOST_TEST(info.value().devices[0].kind == "device");
  BOOST_TEST(info.value().devices[1].kind == "web");
  BOOST_TEST(info.value().devices[1].id == web.session.record.id);
  BOOST_TEST(info.value().devices[1].name == "Web browser (Chrome on Linux)");
  const auto account = sessions.account(web.session);
  BOOST_REQUIRE_EQUAL(account.devices.size(), 2u);
  BOOST_TEST(account.devices[1].current);
  BOOST_TEST(!account.devices[0].current);

  // Signed out from the app's device list ...
  BOOST_REQUIRE(service.unlink(token, web.session.record.id).ok());
  BOOST_TEST(sessions.find(web.secret).error().status == 401);
  // ... or a device unlinked from the web's.
  const auto again = signIn();
  const auto unlinked = sessions.unlink(again.session, "dev-1");
  BOOST_REQUIRE(unlinked.ok());
  BOOST_TEST(unlinked.value().devices.size() == 1u);
  BOOST_TEST(service.account(token).error().code == "device_unlinked");
  BOOST_TEST(sessions.unlink(again.session, "nothing").error().status == 404);
}

BOOST_FIXTURE_TEST_CASE(a_password_change_and_an_erased_account_end_the_web_sessions, Sessions)
{
  const auto web = signIn();
  admin.setPassword(kEmail, "a new password!");
  BOOST_TEST(sessions.find(web.secret).error().status == 401);

  const auto before = sessions.signIn(kEmail, "a new password!", kChromium, "10.0.0.1");
  BOOST_REQUIRE(before.ok());
  admin.erase(kEmail);
  BOOST_TEST(sessions.find(before.value().secret).error().status == 401);
  BOOST_TEST(storedSessions().empty());
}

BOOST_FIXTURE_TEST_CASE(user_export_lists_the_web_sessions_without_their_secrets, Sessions)
{
  const auto web = signIn();
  const std::string exported = admin.exportJson(kEmail);
  BOOST_TEST(exported.find("\"web_sessions\": [") != std::string::npos);
  BOOST_TEST(exported.find(web.session.record.id) != std::string::npos);
  BOOST_TEST(exported.find("HeadlessChrome/120") != std::string::npos);
  BOOST_TEST(exported.find(web.session.record.csrf) == std::string::npos);
  BOOST_TEST(exported.find(web.secret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(browsers_are_named_from_their_user_agent)
{
  using server::web::browserName;
  BOOST_TEST(browserName(kChromium) == "Web browser (Chrome on Linux)");
  BOOST_TEST(browserName("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 "
                         "Firefox/121.0") == "Web browser (Firefox on Windows)");
  BOOST_TEST(browserName("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 "
                         "(KHTML, like Gecko) Version/17.2 Safari/605.1.15") ==
             "Web browser (Safari on macOS)");
  BOOST_TEST(browserName("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120.0 "
                         "Safari/537.36 Edg/120.0") == "Web browser (Edge on Windows)");
  BOOST_TEST(browserName("") == "Web browser");
  BOOST_TEST(browserName("curl/8.5") == "Web browser");
}

BOOST_AUTO_TEST_CASE(the_cookie_is_read_among_others_and_compared_in_constant_time)
{
  using namespace server::web;
  BOOST_TEST(cookieValue("a=1; pupitre_session=XYZ; b=2", kSessionCookie) == "XYZ");
  BOOST_TEST(cookieValue("pupitre_session=\"Q\"", kSessionCookie) == "Q");
  BOOST_TEST(cookieValue("xpupitre_session=1", kSessionCookie).empty());
  BOOST_TEST(cookieValue("", kSessionCookie).empty());
  BOOST_TEST(sessionCookie("S", false) == "pupitre_session=S; Path=/; HttpOnly; SameSite=Strict");
  BOOST_TEST(sessionCookie("S", true) ==
             "pupitre_session=S; Path=/; HttpOnly; SameSite=Strict; Secure");
  BOOST_TEST(clearedSessionCookie(false).find("Max-Age=0") != std::string::npos);
  BOOST_TEST(sameSecret("abc", "abc"));
  BOOST_TEST(!sameSecret("abc", "abd"));
  BOOST_TEST(!sameSecret("", ""));
  BOOST_TEST(!sameSecret("abc", "abcd"));
}

BOOST_AUTO_TEST_SUITE_END()
