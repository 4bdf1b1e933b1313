// The school's policy (docs/deploy.md) with real processes: a pupitred started with
// PUPITRE_POLICY_FILE reports the effective settings and the locked keys, signs in to the
// policy's server when no address is given, refuses another server while it is locked,
// keeps the schedule at or above the school's minimum and refuses a sign-out the school does
// not allow. pupitrectl gets each refusal's sentence from the daemon.
#include "cluster.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::e2e;

namespace {

// Restarts `device` with a policy file holding `text`; returns the file's path.
std::string restartWithPolicy(Cluster& cluster, Device& device, const std::string& text)
{
  const auto file = (cluster.sandbox.dir() / ("policy-" + device.name() + ".conf")).string();
  test::writeFile(file, text);
  device.stop();
  device.start({{"PUPITRE_POLICY_FILE", file}});
  return file;
}

std::vector<std::string> lockedKeys(const Poco::JSON::Object::Ptr& status)
{
  std::vector<std::string> keys;
  const auto locked = status->getArray("locked");
  BOOST_REQUIRE(locked);
  for (std::size_t i = 0; i < locked->size(); ++i) {
    keys.push_back(locked->getElement<std::string>(static_cast<unsigned>(i)));
  }
  return keys;
}

} // namespace

BOOST_AUTO_TEST_SUITE(school_policy)

BOOST_AUTO_TEST_CASE(status_reports_the_effective_settings_and_the_locked_keys)
{
  Cluster cluster({.devices = 1});
  auto& a = cluster[0];
  const auto file = restartWithPolicy(cluster, a,
                                      "server_url = " + cluster.server.url() +
                                          "\n"
                                          "lock_server_url = true\n"
                                          "sync_every_minutes = 45\n"
                                          "sync_pictures = true\n"
                                          "lock_sync_options = true\n"
                                          "allow_sign_out = false\n");
  const auto status = a.status();
  BOOST_TEST(status->getValue<std::string>("policy") == file);
  const std::vector<std::string> expected{"server_url", "sync_every_minutes", "sync_pictures",
                                          "allow_sign_out"};
  BOOST_TEST(lockedKeys(status) == expected, boost::test_tools::per_element());
  const auto settings = status->getObject("settings");
  BOOST_REQUIRE(settings);
  BOOST_TEST(settings->getValue<std::string>("server_url") == cluster.server.url());
  BOOST_TEST(settings->getValue<std::int64_t>("sync_every_minutes") == 45);
  BOOST_TEST(settings->getValue<bool>("sync_pictures"));
  BOOST_TEST(!settings->getValue<bool>("sync_resources"));
  BOOST_TEST(!settings->getValue<bool>("allow_sign_out"));
  // The scheduler follows it: the preset's interval is the one the daemon uses.
  BOOST_TEST(status->getValue<std::int64_t>("schedule_minutes") == 45);
  // And the teacher cannot change what is locked.
  const auto refused = a.ctl({"schedule", "10"});
  BOOST_TEST(refused.exitCode != 0);
  BOOST_TEST(contains(refused.err, "Your school sets this computer to synchronise every 45 minutes"), refused.err);
  BOOST_TEST(a.status()->getValue<std::int64_t>("schedule_minutes") == 45);
  // The text status names them too.
  const auto text = a.ctl({"status"});
  BOOST_TEST(contains(text.out, "Set by your school: server_url"), text.out);
}

BOOST_AUTO_TEST_CASE(without_a_policy_nothing_is_locked)
{
  Cluster cluster({.devices = 1});
  restartWithPolicy(cluster, cluster[0], "");
  const auto status = cluster[0].status();
  BOOST_TEST(lockedKeys(status).empty());
  BOOST_TEST(status->getObject("settings")->get("server_url").isEmpty());
}

BOOST_AUTO_TEST_CASE(a_login_to_another_server_is_refused_while_it_is_locked)
{
  Cluster cluster({.devices = 1});
  auto& a = cluster[0];
  const auto file = restartWithPolicy(
      cluster, a, "server_url = " + cluster.server.url() + "\nlock_server_url = yes\n");
  // Another server that would take the password: the daemon refuses before calling it.
  ServerNode other(cluster.sandbox.dir() / "other-server");
  const auto created =
      other.admin({"user", "add", kEmail, "--licence", "multi"}, std::string(kPassword) + "\n");
  BOOST_REQUIRE_MESSAGE(created.exitCode == 0, created.err);
  other.start();
  const auto refused = a.login(other.url());
  BOOST_TEST(refused.exitCode != 0);
  BOOST_TEST(contains(refused.err,
                      "Your school's policy allows signing in only to " + cluster.server.url()),
             refused.err);
  BOOST_TEST(contains(refused.err, other.url()), refused.err);
  BOOST_TEST(!a.status()->getValue<bool>("signed_in"));
  // The school's server is accepted.
  const auto accepted = a.login(cluster.server.url());
  BOOST_TEST(accepted.exitCode == 0, accepted.err);
  BOOST_TEST(a.status()->getValue<std::string>("server") == cluster.server.url());
  (void)file;
}

BOOST_AUTO_TEST_CASE(a_login_without_an_address_uses_the_policys_server)
{
  Cluster cluster({.devices = 1});
  auto& a = cluster[0];
  restartWithPolicy(cluster, a, "server_url = " + cluster.server.url() + "/\n");
  const auto result = a.ctl({"login", kEmail}, std::string(kPassword) + "\n");
  BOOST_TEST(result.exitCode == 0, result.err);
  BOOST_TEST(
      contains(result.out, "Signed in as " + std::string(kEmail) + " at " + cluster.server.url()),
      result.out);
  const auto status = a.status();
  BOOST_TEST(status->getValue<bool>("signed_in"));
  BOOST_TEST(status->getValue<std::string>("server") == cluster.server.url());
  a.syncOk();
}

BOOST_AUTO_TEST_CASE(a_login_without_an_address_or_a_policy_says_what_to_give)
{
  Cluster cluster({.devices = 1});
  restartWithPolicy(cluster, cluster[0], "# nothing\n");
  const auto result = cluster[0].ctl({"login", kEmail}, std::string(kPassword) + "\n");
  BOOST_TEST(result.exitCode != 0);
  BOOST_TEST(contains(result.err, "No server address"), result.err);
}

BOOST_AUTO_TEST_CASE(the_schedule_never_goes_under_the_schools_minimum)
{
  Cluster cluster({.devices = 1});
  auto& a = cluster[0];
  // Chosen before the school set a minimum.
  const auto before = a.ctl({"schedule", "5"});
  BOOST_REQUIRE_MESSAGE(before.exitCode == 0, before.err);
  restartWithPolicy(cluster, a, "sync_every_minutes_min = 20\n");
  auto status = a.status();
  BOOST_TEST(status->getValue<std::int64_t>("schedule_minutes") == 20);
  BOOST_TEST(status->getObject("settings")->getValue<std::int64_t>("sync_every_minutes_min") == 20);
  // A shorter interval is refused with the minimum named; a longer one and "off" are taken.
  const auto refused = a.ctl({"schedule", "10"});
  BOOST_TEST(refused.exitCode != 0);
  BOOST_TEST(contains(refused.err, "at most every 20 minutes"), refused.err);
  BOOST_TEST(a.status()->getValue<std::int64_t>("schedule_minutes") == 20);
  const auto longer = a.ctl({"schedule", "30"});
  BOOST_TEST(longer.exitCode == 0, longer.err);
  BOOST_TEST(a.status()->getValue<std::int64_t>("schedule_minutes") == 30);
  const auto off = a.ctl({"schedule", "off"});
  BOOST_TEST(off.exitCode == 0, off.err);
  BOOST_TEST(a.status()->get("schedule_minutes").isEmpty());
}

BOOST_AUTO_TEST_CASE(sign_out_is_refused_when_the_school_does_not_allow_it)
{
  Cluster cluster({.devices = 1});
  auto& a = cluster[0];
  restartWithPolicy(cluster, a, "allow_sign_out = false\n");
  const auto login = a.login(cluster.server.url());
  BOOST_REQUIRE_MESSAGE(login.exitCode == 0, login.err);
  const auto refused = a.ctl({"logout"});
  BOOST_TEST(refused.exitCode != 0);
  BOOST_TEST(contains(refused.err, "signing out is not allowed"), refused.err);
  BOOST_TEST(a.status()->getValue<bool>("signed_in"));
  // Unlinking this very device would sign it out too.
  const auto unlinked = a.ctl({"unlink", a.deviceId()});
  BOOST_TEST(unlinked.exitCode != 0);
  BOOST_TEST(contains(unlinked.err, "signing out is not allowed"), unlinked.err);
  BOOST_TEST(a.status()->getValue<bool>("signed_in"));
}

BOOST_AUTO_TEST_CASE(a_malformed_line_is_logged_with_file_line_and_key_and_the_rest_applies)
{
  Cluster cluster({.devices = 1});
  auto& a = cluster[0];
  const auto file = restartWithPolicy(cluster, a,
                                      "sync_every_minutes = soon\n"
                                      "allow_sign_out = false\n");
  BOOST_TEST(contains(a.log(), file + ", line 1: sync_every_minutes = 'soon'"), a.log());
  const auto status = a.status();
  BOOST_TEST(!status->getObject("settings")->getValue<bool>("allow_sign_out"));
  BOOST_TEST(status->get("schedule_minutes").isEmpty());
}

BOOST_AUTO_TEST_SUITE_END()
