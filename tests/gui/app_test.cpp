// The main window without a daemon, its sync entries, and the translations.
#include "gui_fixture.h"

#include "gradebook/gradebook_panel.h"
#include "ids.h"
#include "support/process.h"
#include "translations.h"

#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>
#include <wx/translation.h>

#include <Poco/Process.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(app)

BOOST_AUTO_TEST_CASE(without_a_daemon_the_app_works_offline_and_says_so)
{
  test::AppFixture app;
  BOOST_REQUIRE(test::waitUntil(
      [&] { return app.frame->GetStatusBar()->GetStatusText(1).Contains("offline"); }));
  BOOST_CHECK(!app.link->status().reachable);
  app.frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
  auto* bar = app.frame->GetMenuBar();
  BOOST_CHECK(!bar->IsEnabled(gui::ids::kSynchronise));
  // The Sync menu explains why, in the daemon link's words.
  BOOST_CHECK_EQUAL(bar->GetLabel(gui::ids::kSyncWhy).utf8_string(),
                    app.link->status().whyCannotSync());
  BOOST_CHECK(bar->GetLabel(gui::ids::kSynchronise).Contains("Ctrl+Shift+S") ||
              bar->FindItem(gui::ids::kSynchronise)->GetItemLabel().Contains("Ctrl+Shift+S"));
  // Everything else works offline: the grid is there with the class's students.
  BOOST_CHECK_GT(app.frame->gradebook()->grid()->GetNumberRows(), 0);
}

BOOST_AUTO_TEST_CASE(the_spanish_catalog_is_found_next_to_the_build)
{
  BOOST_TEST_MESSAGE("catalog folders: " << gui::catalogFolders().utf8_string());
  BOOST_REQUIRE(gui::setupTranslations(wxLANGUAGE_SPANISH));
  BOOST_CHECK_EQUAL(wxGetTranslation("Gradebook").utf8_string(), "Cuaderno de notas");
  BOOST_CHECK_EQUAL(wxGetTranslation("Attendance").utf8_string(), "Asistencia");
  {
    test::AppFixture app;
    BOOST_CHECK_EQUAL(app.frame->tabs()->GetPageText(0).utf8_string(), "Cuaderno de notas");
    test::screenshot(app.frame, "gradebook-es");
  }
  wxTranslations::Set(nullptr);
  BOOST_CHECK_EQUAL(wxGetTranslation("Gradebook").utf8_string(), "Gradebook");
}

namespace {

// How many windows titled "Pupitre" the process `pid` shows (xwininfo, then each window's
// _NET_WM_PID with xprop): this test process's own frames do not count.
int pupitreWindowsOf(int pid)
{
  const auto tree = test::runProcess("/usr/bin/xwininfo", {"-root", "-tree"});
  int count = 0;
  std::istringstream lines(tree.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"Pupitre\":") == std::string::npos) {
      continue;
    }
    std::istringstream words(line);
    std::string window;
    words >> window;
    const auto owner = test::runProcess("/usr/bin/xprop", {"-id", window, "_NET_WM_PID"});
    if (owner.out.find("= " + std::to_string(pid) + "\n") != std::string::npos) {
      ++count;
    }
  }
  return count;
}

} // namespace

// The real executable, twice, as a teacher double-clicking the icon again: the second start
// hands over to the running one (which shows its window) and exits; one window remains.
BOOST_AUTO_TEST_CASE(a_second_start_shows_the_running_window_instead_of_a_new_one)
{
  test::Sandbox sandbox;
  std::filesystem::create_directories(sandbox.path("home"));
  std::filesystem::create_directories(sandbox.path("runtime"));
  std::filesystem::permissions(sandbox.path("runtime"), std::filesystem::perms::owner_all);
  // Its own home and runtime folder: the instance lock and the hand-over socket live there.
  const Poco::Process::Env env{{"HOME", sandbox.path("home")},
                               {"XDG_RUNTIME_DIR", sandbox.path("runtime")}};
  const std::vector<std::string> args{"--db", sandbox.path("pupitre.db"), "--socket",
                                      sandbox.path("no-daemon.sock"), "--no-daemon"};
  auto first = Poco::Process::launch(PUPITRE_APP, args, nullptr, nullptr, nullptr, env);
  BOOST_REQUIRE(test::waitUntil([&] { return pupitreWindowsOf(first.id()) == 1; }, 20000));

  auto second = Poco::Process::launch(PUPITRE_APP, args, nullptr, nullptr, nullptr, env);
  int secondExit = -1; // tryWait: -1 while it runs (and reaps it once it has ended)
  BOOST_REQUIRE(test::waitUntil([&] { return (secondExit = second.tryWait()) != -1; }, 10000));
  BOOST_CHECK_EQUAL(secondExit, 0);
  BOOST_CHECK_EQUAL(first.tryWait(), -1); // the first one goes on
  test::pump(300);
  BOOST_CHECK_EQUAL(pupitreWindowsOf(first.id()), 1);

  Poco::Process::requestTermination(first.id());
  BOOST_CHECK(test::waitUntil([&] { return first.tryWait() != -1; }, 10000));
}

BOOST_AUTO_TEST_SUITE_END()
