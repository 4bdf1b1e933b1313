// The school's autostart_tray = false (docs/deploy.md): `pupitre --tray`, which the XDG
// autostart entry runs at every login, ends at once and successfully, showing nothing.
#include "gui_fixture.h"

#include <Poco/Process.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(school_policy_autostart)

BOOST_AUTO_TEST_CASE(the_tray_started_at_login_exits_quietly_when_the_school_says_so)
{
  test::Sandbox sandbox;
  std::filesystem::create_directories(sandbox.path("home"));
  std::filesystem::create_directories(sandbox.path("runtime"));
  std::filesystem::permissions(sandbox.path("runtime"), std::filesystem::perms::owner_all);
  const auto policy = sandbox.path("policy.conf");
  test::writeFile(policy, "autostart_tray = false\n");
  const Poco::Process::Env env{{"HOME", sandbox.path("home")},
                               {"XDG_RUNTIME_DIR", sandbox.path("runtime")},
                               {"PUPITRE_POLICY_FILE", policy}};
  const std::vector<std::string> args{
      "--tray",     "--db", sandbox.path("pupitre.db"), "--socket", sandbox.path("no-daemon.sock"),
      "--no-daemon"};
  auto tray = Poco::Process::launch(PUPITRE_APP, args, nullptr, nullptr, nullptr, env);
  int exitCode = -1; // tryWait: -1 while it runs
  const bool ended = test::waitUntil([&] { return (exitCode = tray.tryWait()) != -1; }, 20000);
  if (!ended) {
    Poco::Process::kill(tray);
  }
  BOOST_TEST(ended);
  BOOST_TEST(exitCode == 0);
  // It opened nothing: not even the database.
  BOOST_TEST(!std::filesystem::exists(sandbox.path("pupitre.db")));
}

BOOST_AUTO_TEST_SUITE_END()
