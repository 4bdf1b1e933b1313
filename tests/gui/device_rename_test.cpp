// A device's name can be changed after sign-in (issue 13, "Sync a teacher can trust"): in
// Settings, Account, the teacher types a new name and presses Rename; the real pupitred sends
// it to the real pupitre-server, and another device of the account lists it. A bad name is
// refused on the page with a sentence in the teacher's language.
#include "cluster.h"
#include "gui_fixture.h"
#include "spanish_session.h"

#include "sync/daemon_link.h"
#include "sync/sync_ui.h"

#include "pupitre/store/database.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace pupitre;

namespace {

// Settings (Account) of device `a`'s app: its own DaemonLink to `a`'s running daemon.
struct SettingsOfA
{
  explicit SettingsOfA(e2e::Device& a) : db(a.database())
  {
    link = std::make_unique<gui::DaemonLink>(a.socket(), a.database());
    link->start(false);
    BOOST_REQUIRE(test::waitUntil([&] { return link->status().reachable; }));
    BOOST_REQUIRE(test::waitUntil([&] { return link->status().signedIn; }));
    dialog = gui::createSettingsDialog(nullptr, *link, db);
    dialog->Show();
    test::pump(200);
    name = dynamic_cast<wxTextCtrl*>(dialog->FindWindowByName("account_device_name"));
    rename = dynamic_cast<wxButton*>(dialog->FindWindowByName("account_rename"));
    message = dynamic_cast<wxStaticText*>(dialog->FindWindowByName("account_message"));
  }
  ~SettingsOfA()
  {
    dialog->Destroy();
    test::pump(200); // deleted before the link it listens to
  }

  // Types `text` into the name field as the teacher does, and clicks Rename.
  // A name with letters the simulated keyboard lacks (á) is put in the field as an input
  // method would.
  void renameTo(const char* text)
  {
    BOOST_REQUIRE(name);
    BOOST_REQUIRE(rename);
    name->SetFocus();
    name->SelectAll();
    wxUIActionSimulator sim;
    const std::string typed(text);
    if (std::all_of(typed.begin(), typed.end(), [](char c) { return c > 0; })) {
      sim.Text(text);
    } else {
      name->SetValue(wxString::FromUTF8(text));
    }
    test::pump(100);
    BOOST_REQUIRE(rename->IsShownOnScreen());
    BOOST_REQUIRE(rename->IsEnabled());
    sim.MouseMove(rename->GetScreenRect().GetPosition() + wxPoint(8, 8));
    sim.MouseClick();
  }

  // The page's message as one line (the label wraps it).
  std::string shown() const
  {
    auto text = message->GetLabel().utf8_string();
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
  }

  store::Database db;
  std::unique_ptr<gui::DaemonLink> link;
  wxDialog* dialog = nullptr;
  wxTextCtrl* name = nullptr;
  wxButton* rename = nullptr;
  wxStaticText* message = nullptr;
};

bool listedAs(const e2e::Device& by, const e2e::Device& device, const std::string& name)
{
  return by.ctl({"devices"}).out.find(device.deviceId() + "\t" + name + "\t") != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(device_rename)

BOOST_AUTO_TEST_CASE(renaming_this_computer_in_settings_reaches_the_server)
{
  e2e::Cluster cluster;
  cluster.loginAll();
  e2e::Device& a = cluster[0];
  e2e::Device& b = cluster[1];
  SettingsOfA settings(a);
  settings.renameTo("   ");
  BOOST_REQUIRE(test::waitUntil(
      [&] { return settings.shown().find("The device's name is empty") != std::string::npos; }));
  test::screenshot(settings.dialog, "settings-device-name-empty");
  settings.renameTo("Kitchen laptop");
  BOOST_REQUIRE(test::waitUntil(
      [&] { return settings.shown().find("now called \"Kitchen laptop\"") != std::string::npos; },
      30'000));
  BOOST_TEST(settings.shown().find("on your other devices") != std::string::npos, settings.shown());
  BOOST_TEST(listedAs(b, a, "Kitchen laptop"));
  BOOST_TEST(test::waitUntil([&] { return !settings.rename->IsEnabled(); }));
  test::screenshot(settings.dialog, "settings-device-renamed");

  // Offline: the name stays here and the page says when the others get it.
  cluster.server.stop();
  settings.renameTo("School PC");
  test::waitUntil(
      [&] { return settings.shown().find("next synchronisation") != std::string::npos; }, 60'000);
  BOOST_REQUIRE_MESSAGE(settings.shown().find("next synchronisation") != std::string::npos,
                        settings.shown());
  BOOST_TEST(a.status()->getValue<bool>("device_name_pending"));
  cluster.server.start();
  a.syncOk();
  BOOST_TEST(listedAs(b, a, "School PC"));
}

BOOST_AUTO_TEST_CASE(a_bad_name_is_refused_on_the_page_in_spanish)
{
  e2e::Cluster cluster({.devices = 1});
  cluster.loginAll();
  e2e::Device& a = cluster[0];
  test::SpanishSession spanish;
  SettingsOfA settings(a);
  settings.renameTo("   ");
  BOOST_REQUIRE(
      test::waitUntil([&] { return settings.shown().find("vacío") != std::string::npos; }));
  BOOST_TEST(settings.shown().find("El nombre del dispositivo está vacío") != std::string::npos,
             settings.shown());
  test::screenshot(settings.dialog, "settings-device-name-empty-es");
  settings.renameTo("Portátil de la cocina");
  BOOST_REQUIRE(test::waitUntil(
      [&] { return settings.shown().find("se llama ahora") != std::string::npos; }, 30'000));
  BOOST_TEST(settings.shown().find("«Portátil de la cocina» en tus otros dispositivos") !=
                 std::string::npos,
             settings.shown());
  test::screenshot(settings.dialog, "settings-device-renamed-es");
  BOOST_TEST(listedAs(a, a, "Portátil de la cocina"));
}

BOOST_AUTO_TEST_SUITE_END()
