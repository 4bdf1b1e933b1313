// The tray icon without a tray host (a bare Xvfb): the app goes on, visible() says there is
// no icon; and the embedded icons the tray and the windows use.
#include "gui_sync_fixture.h"
#include "sync/icons.h"
#include "sync/sync_ui.h"

#include "pupitre/store/database.h"
#include "support/preconditions.h"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(tray_icon_tests)

// Under `dbus-run-session`, as ctest runs it (no StatusNotifierWatcher on that bus): the
// AppIndicator is built, follows the link's states and goes away cleanly; nothing shows it,
// so it is not visible.
BOOST_AUTO_TEST_CASE(with_a_session_bus_the_indicator_follows_the_link,
                     *boost::unit_test::precondition(test::needsEnvironment(
                         "DBUS_SESSION_BUS_ADDRESS",
                         "run under dbus-run-session to test the AppIndicator")))
{
  test::Sandbox sandbox;
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  const std::string savedRuntime = runtime ? runtime : "";
  ::setenv("XDG_RUNTIME_DIR", sandbox.path("runtime").c_str(), 1);
  store::Database db(sandbox.path("pupitre.db"));
  gui::DaemonLink link(sandbox.path("run/pupitred.sock"), db.path());
  {
    gui::TrayIcon tray(link, db, {[] {}, [] {}});
    link.start(false);
    BOOST_REQUIRE(test::pumpUntil([&] { return !link.status().reason.empty(); }));
    test::pumpFor(std::chrono::milliseconds(500));
    BOOST_TEST(!tray.visible());
    BOOST_TEST(
        std::filesystem::exists(sandbox.path("runtime/pupitre/icons/pupitre-tray-offline.png")));
  }
  test::pumpFor(std::chrono::milliseconds(100));
  if (savedRuntime.empty()) {
    ::unsetenv("XDG_RUNTIME_DIR");
  } else {
    ::setenv("XDG_RUNTIME_DIR", savedRuntime.c_str(), 1);
  }
}

BOOST_AUTO_TEST_CASE(without_a_tray_host_the_icon_is_not_visible_and_nothing_breaks)
{
  test::Sandbox sandbox;
  store::Database db(sandbox.path("pupitre.db"));
  gui::DaemonLink link(sandbox.path("run/pupitred.sock"), db.path());
  ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
  bool opened = false;
  gui::TrayIcon tray(link, db, {[&] { opened = true; }, [] {}});
  link.start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return !link.status().reason.empty(); }));
  BOOST_TEST(!tray.visible());
}

BOOST_AUTO_TEST_CASE(the_app_and_tray_icons_are_embedded_in_every_size)
{
  const auto bundle = gui::appIcons();
  BOOST_TEST(bundle.GetIconCount() == 8u);
  BOOST_TEST(bundle.GetIcon(wxSize(48, 48)).GetWidth() == 48);
  for (auto state : {gui::TrayState::Idle, gui::TrayState::Syncing, gui::TrayState::Error,
                     gui::TrayState::Offline}) {
    for (int size : {16, 22, 24, 32, 20}) {
      const auto bitmap = gui::trayBitmap(state, size);
      BOOST_TEST_CONTEXT(gui::trayStateName(state) << " " << size)
      {
        BOOST_TEST(bitmap.IsOk());
        BOOST_TEST(bitmap.GetWidth() == size);
      }
    }
  }
  test::Sandbox sandbox;
  BOOST_REQUIRE(gui::writeTrayIcons(sandbox.path("icons"), 48));
  for (const char* name : {"idle", "syncing", "error", "offline"}) {
    BOOST_TEST(std::filesystem::file_size(sandbox.path("icons/pupitre-tray-") + name + ".png") >
               100u);
  }
}

BOOST_AUTO_TEST_SUITE_END()
