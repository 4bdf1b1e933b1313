// The school's policy in the Settings and Synchronise dialogs, over a real pupitred started
// with the same PUPITRE_POLICY_FILE as the app: what the policy locks is greyed with "Set by
// your school" ("Lo fija tu centro" in Spanish), the sign-in page is prefilled with the
// school's server, the minimum interval is the least one offered. Screenshots in English and
// Spanish go to <build>/screenshots.
#include "fixtures/daemon_fixture.h"
#include "gui_sync_fixture.h"
#include "sync/sync_ui.h"

#include "pupitre/store/database.h"

#include "support/scoped_env.h"

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/filename.h>
#include <wx/radiobut.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/textctrl.h>
#include <wx/translation.h>

using namespace pupitre;
using test::child;

namespace {

struct Shown
{
  explicit Shown(wxDialog* d) : dialog(d) { dialog->Show(); }
  ~Shown()
  {
    dialog->Destroy();
    test::pumpFor(std::chrono::milliseconds(50));
  }
  wxDialog* dialog;
};

std::string text(wxWindow* parent, const char* name)
{
  auto* label = child<wxStaticText>(parent, name);
  return label ? label->GetLabel().utf8_string() : std::string("<no ") + name + ">";
}

// A policy file, named by PUPITRE_POLICY_FILE for the app (this process) and the daemon.
struct PolicySide
{
  explicit PolicySide(const std::string& policy)
      : file(sandbox.path("policy.conf")), written((test::writeFile(file, policy), true)),
        env("PUPITRE_POLICY_FILE", file.c_str())
  {
    link.start(false);
    BOOST_REQUIRE(test::pumpUntil([&] { return link.status().reachable; }));
  }

  test::Sandbox sandbox;
  std::string file;
  bool written;
  test::ScopedEnv env;
  test::Pupitred daemon{sandbox};
  store::Database db{daemon.database()};
  gui::DaemonLink link{daemon.socket(), daemon.database()};
};

const std::string kLockedPolicy = "server_url = https://pupitre.norte.example\n"
                                  "lock_server_url = true\n"
                                  "sync_every_minutes = 45\n"
                                  "sync_pictures = true\n"
                                  "lock_sync_options = true\n"
                                  "allow_sign_out = false\n";

// The Sync and Account pages with the locked policy, checked and photographed.
void checkLockedPages(PolicySide& side, const std::string& setBySchool, const std::string& suffix)
{
  {
    Shown settings(gui::createSettingsDialog(nullptr, side.link, side.db, gui::SettingsPage::Sync));
    auto* page = settings.dialog;
    BOOST_REQUIRE(test::pumpUntil([&] { return side.link.status().scheduleMinutes == 45; }));
    BOOST_TEST(!child<wxRadioButton>(page, "sync_manual")->IsEnabled());
    BOOST_TEST(!child<wxRadioButton>(page, "sync_every")->IsEnabled());
    BOOST_TEST(child<wxRadioButton>(page, "sync_every")->GetValue());
    BOOST_TEST(child<wxSpinCtrl>(page, "sync_minutes")->GetValue() == 45);
    BOOST_TEST(!child<wxSpinCtrl>(page, "sync_minutes")->IsEnabled());
    BOOST_TEST(text(page, "sync_every_policy") == setBySchool);
    auto* pictures = child<wxCheckBox>(page, "sync_default_pictures");
    BOOST_TEST(pictures->GetValue());
    BOOST_TEST(!pictures->IsEnabled());
    BOOST_TEST(text(page, "sync_default_pictures_policy") == setBySchool);
    // Not set by the policy: the teacher's.
    BOOST_TEST(child<wxCheckBox>(page, "sync_default_resources")->IsEnabled());
    BOOST_TEST(!child<wxStaticText>(page, "sync_default_resources_policy"));
    test::screenshot(page, "settings-sync-policy" + suffix);
  }
  {
    Shown settings(
        gui::createSettingsDialog(nullptr, side.link, side.db, gui::SettingsPage::Account));
    auto* page = settings.dialog;
    auto* server = child<wxTextCtrl>(page, "account_server");
    BOOST_TEST(server->GetValue().utf8_string() == "https://pupitre.norte.example");
    BOOST_TEST(!server->IsEnabled());
    BOOST_TEST(text(page, "account_server_policy") == setBySchool);
    BOOST_TEST(text(page, "account_sign_out_policy") == setBySchool);
    BOOST_TEST(child<wxTextCtrl>(page, "account_email")->IsEnabled());
    test::screenshot(page, "settings-account-policy" + suffix);
  }
  {
    Shown dialog(gui::createSynchroniseDialog(nullptr, side.link, side.db));
    BOOST_TEST(child<wxCheckBox>(dialog.dialog, "sync_pictures")->GetValue());
    BOOST_TEST(text(dialog.dialog, "sync_pictures_policy") == setBySchool);
    BOOST_TEST(!child<wxCheckBox>(dialog.dialog, "sync_pictures")->IsEnabled());
    test::screenshot(dialog.dialog, "synchronise-policy" + suffix);
  }
}

} // namespace

BOOST_AUTO_TEST_SUITE(school_policy_tests)

BOOST_AUTO_TEST_CASE(locked_settings_are_greyed_with_set_by_your_school)
{
  PolicySide side(kLockedPolicy);
  checkLockedPages(side, "Set by your school", "");
}

BOOST_AUTO_TEST_CASE(locked_settings_say_lo_fija_tu_centro_in_spanish)
{
  PolicySide side(kLockedPolicy);
  test::SpanishCatalog spanish;
  BOOST_REQUIRE(spanish.loaded);
  checkLockedPages(side, "Lo fija tu centro", "-es");
}

BOOST_AUTO_TEST_CASE(the_schools_server_is_prefilled_and_the_minimum_is_the_least_interval)
{
  PolicySide side("server_url = https://pupitre.sur.example/\nsync_every_minutes_min = 20\n");
  {
    Shown settings(
        gui::createSettingsDialog(nullptr, side.link, side.db, gui::SettingsPage::Account));
    auto* server = child<wxTextCtrl>(settings.dialog, "account_server");
    BOOST_TEST(server->GetValue().utf8_string() == "https://pupitre.sur.example");
    BOOST_TEST(server->IsEnabled()); // not locked: the teacher may type another
    BOOST_TEST(!child<wxStaticText>(settings.dialog, "account_server_policy"));
    BOOST_TEST(!child<wxStaticText>(settings.dialog, "account_sign_out_policy"));
  }
  Shown settings(gui::createSettingsDialog(nullptr, side.link, side.db, gui::SettingsPage::Sync));
  BOOST_TEST(child<wxRadioButton>(settings.dialog, "sync_every")->IsEnabled());
  BOOST_TEST(child<wxSpinCtrl>(settings.dialog, "sync_minutes")->GetMin() == 20);
  BOOST_TEST(child<wxCheckBox>(settings.dialog, "sync_default_pictures")->IsEnabled());
  test::screenshot(settings.dialog, "settings-sync-policy-minimum");
}

BOOST_AUTO_TEST_CASE(the_minimum_is_named_in_spanish)
{
  PolicySide side("sync_every_minutes_min = 20\n");
  test::SpanishCatalog spanish;
  BOOST_REQUIRE(spanish.loaded);
  Shown settings(gui::createSettingsDialog(nullptr, side.link, side.db, gui::SettingsPage::Sync));
  BOOST_TEST(text(settings.dialog, "sync_every_policy") == "(al menos 20: lo fija tu centro)");
  test::screenshot(settings.dialog, "settings-sync-policy-minimum-es");
}

BOOST_AUTO_TEST_SUITE_END()
