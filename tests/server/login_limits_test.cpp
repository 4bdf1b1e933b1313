// Guessing passwords through SyncService: attempts count from the moment they are admitted
// (parallel guesses can't slip past the limit), the e-mail's wait grows but never locks the
// owner out for long, a linked device is not held back, the caller's address has a limit of
// its own, and failed sign-ins leave no e-mail behind, in the database or after the window.
#include "server/service/login_limiter.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct Guessing : ServiceFixture
{
  Guessing() { addAccount(kEmail); }
  sync::ApiError refusal(const server::Outcome<sync::LoginResult>& result)
  {
    BOOST_REQUIRE(!result.ok());
    return result.error();
  }
  std::string wrong(const std::string& email = kEmail, const std::string& device = "evil",
                    const std::string& address = "")
  {
    return refusal(service.login({email, "guess", device, ""}, address)).code;
  }
  // What the database holds (server.db and its write-ahead log, or PostgreSQL's rows).
  std::string databaseBytes() { return storedBytes(sandbox.dir().string()); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(login_limits)

BOOST_FIXTURE_TEST_CASE(sixty_four_parallel_guesses_get_no_more_than_ten_checks, Guessing)
{
  std::atomic<int> checked{0};
  std::atomic<int> limited{0};
  std::vector<std::thread> guessers;
  for (int i = 0; i < 64; ++i) {
    guessers.emplace_back([&, i] {
      const auto result =
          service.login({kEmail, "guess " + std::to_string(i), "evil-" + std::to_string(i), ""});
      const std::string code = result.ok() ? "ok" : result.error().code;
      (code == "wrong_password" ? checked : limited)++;
    });
  }
  for (auto& t : guessers) {
    t.join();
  }
  BOOST_TEST(checked.load() == 10); // the free failures, and not one more
  BOOST_TEST(limited.load() == 54);
}

BOOST_FIXTURE_TEST_CASE(the_wait_doubles_after_ten_failures_but_never_exceeds_a_minute, Guessing)
{
  for (int i = 0; i < 10; ++i) {
    BOOST_TEST(wrong() == "wrong_password");
  }
  // Even the right password waits now, and is told how long.
  auto limited = refusal(service.login({kEmail, kPassword, "dev-new", ""}));
  BOOST_TEST(limited.status == 429);
  BOOST_TEST(limited.code == "rate_limited");
  BOOST_TEST(limited.retryAfterSeconds == 1);
  BOOST_TEST(limited.message.find(kEmail) != std::string::npos);
  BOOST_TEST(limited.message.find("1 second") != std::string::npos);

  std::vector<std::int64_t> waits;
  for (int i = 0; i < 9; ++i) {
    clock.advance(refusal(service.login({kEmail, "guess", "evil", ""})).retryAfterSeconds * 1000);
    BOOST_TEST(wrong() == "wrong_password");
    waits.push_back(refusal(service.login({kEmail, "guess", "evil", ""})).retryAfterSeconds);
  }
  BOOST_TEST(waits == (std::vector<std::int64_t>{2, 4, 8, 16, 32, 60, 60, 60, 60}),
             boost::test_tools::per_element());
  // Other e-mails are not affected.
  addAccount("bruno@school.es");
  BOOST_TEST(service.login({"bruno@school.es", kPassword, "dev-9", ""}).ok());
  // After the longest wait, the owner gets in; and their success clears the failures.
  clock.advance(60'000);
  BOOST_TEST(service.login({kEmail, kPassword, "dev-new", ""}).ok());
  BOOST_TEST(wrong() == "wrong_password");
}

BOOST_FIXTURE_TEST_CASE(a_linked_device_is_not_held_back_by_someone_elses_guesses, Guessing)
{
  login(kEmail, "ana-laptop");
  for (int i = 0; i < 30; ++i) {
    (void)wrong();
  }
  BOOST_TEST(wrong() == "rate_limited");
  // The owner's own computer signs in again at once (with the right password only).
  BOOST_TEST(refusal(service.login({kEmail, "guess", "ana-laptop", ""})).code == "wrong_password");
  BOOST_TEST(service.login({kEmail, kPassword, "ana-laptop", ""}).ok());
}

BOOST_FIXTURE_TEST_CASE(an_address_is_limited_across_emails_until_its_failures_age, Guessing)
{
  server::SyncServiceOptions options{clock.wallClock()};
  options.loginLimits.maxAddressFailures = 6;
  server::SyncService limited{store, options};
  const std::string attacker = "192.0.2.7";
  for (int i = 0; i < 6; ++i) {
    // A new e-mail each time: the e-mail's limit never comes into play.
    const auto r =
        limited.login({"user" + std::to_string(i) + "@school.es", "x", "d", ""}, attacker);
    BOOST_TEST(r.error().code == "wrong_password");
    clock.advance(1000);
  }
  const auto refused = limited.login({kEmail, kPassword, "dev-1", ""}, attacker);
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().status == 429);
  BOOST_TEST(refused.error().code == "rate_limited");
  BOOST_TEST(refused.error().message.find("network") != std::string::npos);
  BOOST_TEST(refused.error().retryAfterSeconds == 15 * 60 - 6);
  // Another address (another network) is not affected.
  BOOST_TEST(limited.login({kEmail, kPassword, "dev-1", ""}, "198.51.100.20").ok());
  // Once the oldest failure leaves the 15-minute window, one more attempt may come.
  clock.advance(refused.error().retryAfterSeconds * 1000);
  BOOST_TEST(limited.login({kEmail, kPassword, "dev-1", ""}, attacker).ok());
}

BOOST_AUTO_TEST_CASE(an_ipv6_address_counts_as_its_slash_64)
{
  using server::LoginLimiter;
  BOOST_TEST(LoginLimiter::addressKey("2001:db8:1:2::1") ==
             LoginLimiter::addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
  BOOST_TEST(LoginLimiter::addressKey("2001:db8:1:2::1") !=
             LoginLimiter::addressKey("2001:db8:1:3::1"));
  BOOST_TEST(LoginLimiter::addressKey("192.0.2.7") == "192.0.2.7");
  BOOST_TEST(LoginLimiter::addressKey("192.0.2.7") != LoginLimiter::addressKey("192.0.2.8"));
}

BOOST_FIXTURE_TEST_CASE(a_mistyped_email_is_not_kept_past_the_window, Guessing)
{
  const std::string typo = "ana@shcool.es";
  BOOST_TEST(wrong(typo, "dev-1", "192.0.2.7") == "wrong_password");
  BOOST_TEST(databaseBytes().find(typo) == std::string::npos); // never written to disk
  BOOST_TEST(service.rememberedLoginFailures() == 2u);         // the e-mail and the address
  clock.advance(15 * 60 * 1000 - 1000);
  service.forgetOldLoginFailures();
  BOOST_TEST(service.rememberedLoginFailures() == 2u);
  clock.advance(1000); // any request forgets them, once they are 15 minutes old
  BOOST_TEST(service.account("no such token").error().code == "unauthorized");
  BOOST_TEST(service.rememberedLoginFailures() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
