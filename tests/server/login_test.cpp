// Accounts and devices through SyncService: login, refusals a teacher can understand, rate
// limiting, device limits, licences, unlink and logout.
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct Accounts : ServiceFixture
{
  Accounts() { addAccount(kEmail, "multi", 2); }
  sync::ApiError refusal(const server::Outcome<sync::LoginResult>& result)
  {
    BOOST_REQUIRE(!result.ok());
    return result.error();
  }
  sync::FieldWrite aWrite()
  {
    return fieldWrite("class", "c1", "name", store::Value{std::string("5B")},
                      stampAt(clock.now(), "A"));
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(login)

BOOST_FIXTURE_TEST_CASE(login_links_the_device_and_describes_the_account, Accounts)
{
  const auto result = service.login({"  Ana@School.ES ", kPassword, "dev-1", "Ana's laptop"});
  BOOST_REQUIRE(result.ok());
  const auto& r = result.value();
  BOOST_TEST(r.token.size() == 64u);
  BOOST_TEST(r.account.email == kEmail);
  BOOST_TEST(r.account.licence == "multi");
  BOOST_TEST(r.account.maxDevices == 2);
  BOOST_TEST(r.account.storageQuota == std::int64_t{1'000'000'000});
  BOOST_REQUIRE_EQUAL(r.account.devices.size(), 1u);
  BOOST_TEST(r.account.devices[0].id == "dev-1");
  BOOST_TEST(r.account.devices[0].name == "Ana's laptop");
  BOOST_TEST(!r.account.devices[0].linkedAt.empty());
  BOOST_TEST(service.account(r.token).ok());
}

BOOST_FIXTURE_TEST_CASE(wrong_password_and_unknown_email_are_not_told_apart, Accounts)
{
  const auto wrong = refusal(service.login({kEmail, "not the password", "dev-1", ""}));
  const auto unknown = refusal(service.login({"nobody@school.es", kPassword, "dev-1", ""}));
  BOOST_TEST(wrong.status == 401);
  BOOST_TEST(wrong.code == "wrong_password");
  BOOST_TEST(unknown.code == "wrong_password");
  BOOST_TEST(wrong.message.find(kEmail) != std::string::npos);
  BOOST_TEST(admin.devices(kEmail).empty());
}

BOOST_FIXTURE_TEST_CASE(unknown_emails_are_rate_limited_too, Accounts)
{
  for (int i = 0; i < 10; ++i) {
    (void)service.login({"nobody@school.es", "x", "dev-1", ""});
  }
  BOOST_TEST(refusal(service.login({"nobody@school.es", "x", "dev-1", ""})).code == "rate_limited");
}

BOOST_FIXTURE_TEST_CASE(the_device_limit_refuses_one_device_too_many, Accounts)
{
  login(kEmail, "dev-1");
  login(kEmail, "dev-2");
  const auto third = refusal(service.login({kEmail, kPassword, "dev-3", ""}));
  BOOST_TEST(third.status == 403);
  BOOST_TEST(third.code == "device_limit");
  BOOST_TEST(third.message.find("2 devices") != std::string::npos);
  // A linked device signs in again without using a place.
  BOOST_TEST(service.login({kEmail, kPassword, "dev-2", ""}).ok());
  // Unlinking one frees its place.
  admin.unlink(kEmail, "dev-1");
  BOOST_TEST(service.login({kEmail, kPassword, "dev-3", ""}).ok());
}

BOOST_FIXTURE_TEST_CASE(a_single_device_licence_logs_in_but_does_not_sync, Accounts)
{
  addAccount("solo@school.es", "single");
  const auto token = login("solo@school.es", "A");
  BOOST_TEST(service.account(token).ok());
  const auto push = service.push(token, {1, {aWrite()}});
  const auto pull = service.pull(token, 0);
  BOOST_REQUIRE(!push.ok());
  BOOST_REQUIRE(!pull.ok());
  for (const auto& error : {push.error(), pull.error()}) {
    BOOST_TEST(error.status == 403);
    BOOST_TEST(error.code == "licence_single_device");
    BOOST_TEST(error.message.find("licence") != std::string::npos);
  }
  BOOST_TEST(refusal(service.login({"solo@school.es", kPassword, "B", ""})).code == "device_limit");

  admin.setLicence("solo@school.es", "multi");
  BOOST_TEST(service.push(token, {1, {aWrite()}}).ok());
}

BOOST_FIXTURE_TEST_CASE(an_unlinked_device_is_refused_at_once, Accounts)
{
  const auto tokenA = login(kEmail, "A");
  const auto tokenB = login(kEmail, "B");
  const auto after = service.unlink(tokenB, "A");
  BOOST_REQUIRE(after.ok());
  BOOST_REQUIRE_EQUAL(after.value().devices.size(), 1u);
  BOOST_TEST(after.value().devices[0].id == "B");

  BOOST_TEST(service.push(tokenA, {1, {aWrite()}}).error().code == "device_unlinked");
  BOOST_TEST(service.pull(tokenA, 0).error().code == "device_unlinked");
  BOOST_TEST(service.account(tokenA).error().status == 401);
  BOOST_TEST(service.account(tokenA).error().code == "device_unlinked");
  BOOST_TEST(service.unlink(tokenB, "A").error().status == 404);

  // Signing in again relinks it with a new token; the old one stays dead.
  const auto relinked = login(kEmail, "A");
  BOOST_TEST(service.pull(relinked, 0).ok());
  BOOST_TEST(service.pull(tokenA, 0).error().code == "device_unlinked");
}

BOOST_FIXTURE_TEST_CASE(logout_revokes_the_token_and_keeps_the_device, Accounts)
{
  const auto token = login(kEmail, "A");
  BOOST_TEST(service.logout(token).ok());
  BOOST_TEST(service.account(token).error().code == "unauthorized");
  BOOST_TEST(service.push(token, {1, {aWrite()}}).error().code == "unauthorized");
  BOOST_TEST(admin.devices(kEmail).size() == 1u);
  BOOST_TEST(service.logout(token).error().status == 401);
}

BOOST_FIXTURE_TEST_CASE(unknown_and_missing_tokens_are_unauthorized, Accounts)
{
  BOOST_TEST(service.account("").error().code == "unauthorized");
  BOOST_TEST(service.pull(std::string(64, 'a'), 0).error().code == "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(a_new_login_of_a_device_replaces_its_token, Accounts)
{
  const auto first = login(kEmail, "A");
  const auto second = login(kEmail, "A");
  BOOST_TEST(first != second);
  BOOST_TEST(service.account(second).ok());
  BOOST_TEST(service.account(first).error().code == "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(passwords_and_tokens_are_not_stored_in_clear, Accounts)
{
  const auto token = login(kEmail, "A");
  const std::string bytes = storedBytes(sandbox.dir().string());
  BOOST_TEST(bytes.find(kEmail) != std::string::npos); // the database holds the account
  BOOST_TEST(bytes.find(token) == std::string::npos);
  BOOST_TEST(bytes.find(kPassword) == std::string::npos);
  BOOST_TEST(store.findAccount(kEmail)->passwordHash.rfind("$argon2id$", 0) == 0u);
}

BOOST_FIXTURE_TEST_CASE(malformed_logins_are_bad_requests, Accounts)
{
  BOOST_TEST(refusal(service.login({"", kPassword, "A", ""})).status == 400);
  BOOST_TEST(refusal(service.login({kEmail, kPassword, "", ""})).status == 400);
}

BOOST_AUTO_TEST_SUITE_END()
