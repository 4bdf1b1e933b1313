// Devices have names (issue 13, "Sync a teacher can trust"): Settings → Account offers this
// computer's name (its host name by default), sends it at sign-in, and the device list tells
// apart two devices of the same name.
#include "fixtures/daemon_fixture.h"
#include "gui_sync_fixture.h"
#include "sync/sync_ui.h"

#include "pupitre/store/database.h"

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>
#include <wx/translation.h>
#include <wx/utils.h>

#include <filesystem>

#include <set>

using namespace pupitre;
using test::child;

namespace {

void click(wxButton* button)
{
  BOOST_REQUIRE(button);
  BOOST_REQUIRE(button->IsEnabled());
  wxCommandEvent event(wxEVT_BUTTON, button->GetId());
  event.SetEventObject(button);
  button->ProcessWindowEvent(event);
}

struct SettingsShown
{
  explicit SettingsShown(wxDialog* d) : dialog(d) { dialog->Show(); }
  ~SettingsShown()
  {
    dialog->Destroy();
    test::pumpFor(std::chrono::milliseconds(50));
  }
  wxDialog* dialog;
};

} // namespace

BOOST_AUTO_TEST_SUITE(device_name_tests)

BOOST_AUTO_TEST_CASE(this_computers_name_is_sent_at_sign_in_and_same_names_are_told_apart)
{
  test::Sandbox sandbox;
  test::Pupitred daemon{sandbox};
  store::Database db{daemon.database()};
  gui::DaemonLink link{daemon.socket(), daemon.database()};
  link.start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return link.status().reachable; }));
  test::ServerWithAccount server(sandbox);

  // Another device signed in with the computer's name (pupitrectl's default).
  test::Sandbox otherSandbox;
  test::Pupitred other{otherSandbox};
  const auto otherLogin =
      other.ctl({"login", server.url(), server.kEmail}, std::string(server.kPassword) + "\n");
  BOOST_REQUIRE_MESSAGE(otherLogin.exitCode == 0, otherLogin.err);

  {
    SettingsShown settings(
        gui::createSettingsDialog(nullptr, link, db, gui::SettingsPage::Account));
    auto* page = settings.dialog;
    auto* name = child<wxTextCtrl>(page, "account_device_name");
    BOOST_REQUIRE(name);
    BOOST_TEST(name->GetValue() == wxGetHostName()); // the default
    child<wxTextCtrl>(page, "account_server")->SetValue(server.url());
    child<wxTextCtrl>(page, "account_email")->SetValue(server.kEmail);
    child<wxTextCtrl>(page, "account_password")->SetValue(server.kPassword);
    name->SetValue("Kitchen laptop");
    test::screenshot(page, "settings-account-device-name");
    click(child<wxButton>(page, "account_sign_in"));
    auto* devices = child<wxListCtrl>(page, "account_devices");
    BOOST_REQUIRE(test::pumpUntil([&] { return devices->GetItemCount() == 2; }));
    std::set<std::string> shown;
    for (long row = 0; row < 2; ++row) {
      shown.insert(devices->GetItemText(row).utf8_string());
    }
    BOOST_TEST(shown.count("Kitchen laptop (this computer)") == 1u);
    BOOST_TEST(shown.count(wxGetHostName().utf8_string()) == 1u);
    test::screenshot(page, "settings-account-devices");
  }

  // Sign out, and in again under the computer's name: now two devices share it, and the
  // list tells them apart.
  test::Answer out;
  link.signOut(out.done());
  BOOST_REQUIRE(out.wait());
  {
    SettingsShown settings(
        gui::createSettingsDialog(nullptr, link, db, gui::SettingsPage::Account));
    auto* page = settings.dialog;
    child<wxTextCtrl>(page, "account_server")->SetValue(server.url());
    child<wxTextCtrl>(page, "account_email")->SetValue(server.kEmail);
    child<wxTextCtrl>(page, "account_password")->SetValue(server.kPassword);
    child<wxTextCtrl>(page, "account_device_name")->SetValue(wxGetHostName());
    click(child<wxButton>(page, "account_sign_in"));
    auto* devices = child<wxListCtrl>(page, "account_devices");
    BOOST_REQUIRE(test::pumpUntil([&] {
      return devices->GetItemCount() == 2 &&
             devices->GetItemText(0).utf8_string() != devices->GetItemText(1).utf8_string() &&
             devices->GetItemText(0).Contains(" #") && devices->GetItemText(1).Contains(" #");
    }));
    test::screenshot(page, "settings-account-same-names");
  }
}

BOOST_AUTO_TEST_CASE(the_account_page_in_spanish)
{
  wxFileTranslationsLoader::AddCatalogLookupPathPrefix(
      (std::filesystem::path(GUI_SYNC_SCREENSHOTS).parent_path() / "locale").string());
  auto* translations = new wxTranslations;
  translations->SetLanguage(wxLANGUAGE_SPANISH);
  translations->AddCatalog("pupitre");
  wxTranslations::Set(translations);
  {
    test::Sandbox sandbox;
    test::Pupitred daemon{sandbox};
    store::Database db{daemon.database()};
    gui::DaemonLink link{daemon.socket(), daemon.database()};
    link.start(false);
    BOOST_REQUIRE(test::pumpUntil([&] { return link.status().reachable; }));
    SettingsShown settings(
        gui::createSettingsDialog(nullptr, link, db, gui::SettingsPage::Account));
    BOOST_TEST(child<wxTextCtrl>(settings.dialog, "account_device_name")->GetValue() ==
               wxGetHostName());
    test::screenshot(settings.dialog, "settings-account-device-name-es");
  }
  wxTranslations::Set(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
