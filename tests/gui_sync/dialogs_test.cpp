// The Synchronise and Settings dialogs over a real daemon (and server), opened without a
// modal loop so the test drives them; screenshots of each state go to <build>/screenshots.
#include "fixtures/daemon_fixture.h"
#include "gui_sync_fixture.h"
#include "sync/sync_settings.h"
#include "sync/sync_ui.h"

#include "pupitre/error.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/store/database.h"

#include <Poco/Net/ServerSocket.h>
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/radiobut.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <fstream>

using namespace pupitre;
using gui::DaemonLink;
using test::child;

namespace {

// A dialog shown without its modal loop, destroyed at the end of the test.
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

void click(wxButton* button)
{
  BOOST_REQUIRE(button);
  BOOST_REQUIRE(button->IsEnabled());
  wxCommandEvent event(wxEVT_BUTTON, button->GetId());
  event.SetEventObject(button);
  button->ProcessWindowEvent(event);
}

std::string label(wxWindow* dialog, const char* name)
{
  auto* text = child<wxStaticText>(dialog, name);
  if (!text) {
    return std::string("<no ") + name + ">";
  }
  wxString shown = text->GetLabel(); // as wrapped on screen: lines joined again
  shown.Replace("\n", " ");
  return shown.utf8_string();
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

// A daemon on a sandbox with the app's own connection to its database, and a link to it.
struct AppSide
{
  test::Sandbox sandbox;
  test::Pupitred daemon{sandbox};
  store::Database db{daemon.database()};
  DaemonLink link{daemon.socket(), daemon.database()};

  AppSide()
  {
    link.start(false);
    BOOST_REQUIRE(test::pumpUntil([&] { return link.status().reachable; }));
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(dialogs_tests)

BOOST_AUTO_TEST_CASE(without_a_daemon_the_synchronise_dialog_explains_and_offers_settings)
{
  test::Sandbox sandbox;
  store::Database db(sandbox.path("pupitre.db"));
  DaemonLink link(sandbox.path("run/pupitred.sock"), sandbox.path("pupitre.db"));
  link.start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return !link.status().reason.empty(); }));
  Shown shown(gui::createSynchroniseDialog(nullptr, link, db));
  auto* dialog = shown.dialog;
  BOOST_TEST(!child<wxButton>(dialog, "sync_start")->IsEnabled());
  BOOST_TEST(child<wxButton>(dialog, "sync_open_settings")->IsShown());
  BOOST_TEST(label(dialog, "sync_message") == link.status().whyCannotSync());
  BOOST_TEST(contains(label(dialog, "sync_message"), "not running"));
  test::screenshot(dialog, "synchronise-no-daemon");

  // The app goes on: Settings opens too, and says why the schedule cannot change.
  Shown settings(gui::createSettingsDialog(nullptr, link, db, gui::SettingsPage::Sync));
  BOOST_TEST(!child<wxRadioButton>(settings.dialog, "sync_every")->IsEnabled());
  test::screenshot(settings.dialog, "settings-sync-no-daemon");
}

BOOST_FIXTURE_TEST_CASE(a_device_not_signed_in_is_sent_to_settings, AppSide)
{
  Shown shown(gui::createSynchroniseDialog(nullptr, link, db));
  BOOST_TEST(!child<wxButton>(shown.dialog, "sync_start")->IsEnabled());
  BOOST_TEST(child<wxButton>(shown.dialog, "sync_open_settings")->IsShown());
  BOOST_TEST(contains(label(shown.dialog, "sync_message"), "Sign in to synchronise"));
  test::screenshot(shown.dialog, "synchronise-not-signed-in");
}

BOOST_FIXTURE_TEST_CASE(signing_in_in_settings_then_synchronising_in_the_dialog, AppSide)
{
  test::ServerWithAccount server(sandbox);
  BOOST_REQUIRE(
      test::runProcess(PUPITRECTL, {"--db", daemon.database(), "class", "add", "4B Maths"})
          .exitCode == 0);

  {
    Shown settings(gui::createSettingsDialog(nullptr, link, db, gui::SettingsPage::Account));
    auto* page = settings.dialog;
    BOOST_TEST(child<wxButton>(page, "account_sign_in")->IsEnabled());
    BOOST_TEST(!child<wxButton>(page, "account_sign_out")->IsEnabled());
    child<wxTextCtrl>(page, "account_server")->SetValue(server.url());
    child<wxTextCtrl>(page, "account_email")->SetValue(server.kEmail);
    child<wxTextCtrl>(page, "account_password")->SetValue("wrong password");
    click(child<wxButton>(page, "account_sign_in"));
    BOOST_REQUIRE(
        test::pumpUntil([&] { return child<wxButton>(page, "account_sign_in")->IsEnabled(); }));
    BOOST_TEST(contains(label(page, "account_message"), "refused the password for ana@school.es"));
    test::screenshot(page, "settings-account-wrong-password");

    child<wxTextCtrl>(page, "account_password")->SetValue(server.kPassword);
    click(child<wxButton>(page, "account_sign_in"));
    auto* devices = child<wxListCtrl>(page, "account_devices");
    BOOST_REQUIRE(test::pumpUntil([&] { return devices->GetItemCount() == 1; }));
    BOOST_TEST(link.status().signedIn);
    BOOST_TEST(child<wxButton>(page, "account_sign_out")->IsEnabled());
    BOOST_TEST(contains(devices->GetItemText(0).utf8_string(), "(this computer)"));
    test::screenshot(page, "settings-account");

    auto* notebook = child<wxNotebook>(page, "settings_notebook");
    notebook->SetSelection(2);
    test::screenshot(page, "settings-grading");
  }

  Shown shown(gui::createSynchroniseDialog(nullptr, link, db));
  auto* dialog = shown.dialog;
  BOOST_TEST(child<wxCheckBox>(dialog, "sync_data")->GetValue());
  BOOST_TEST(!child<wxCheckBox>(dialog, "sync_pictures")->GetValue());
  BOOST_TEST(!child<wxCheckBox>(dialog, "sync_resources")->GetValue());
  BOOST_TEST(!child<wxButton>(dialog, "sync_open_settings")->IsShown());
  test::screenshot(dialog, "synchronise-before");

  click(child<wxButton>(dialog, "sync_start"));
  BOOST_TEST(!child<wxCheckBox>(dialog, "sync_data")->IsEnabled());
  test::screenshot(dialog, "synchronise-during");
  BOOST_REQUIRE(test::pumpUntil([&] { return link.lastReport().finished; }));
  BOOST_REQUIRE(
      test::pumpUntil([&] { return child<wxButton>(dialog, "sync_start")->IsEnabled(); }));
  const auto summary = label(dialog, "sync_message");
  BOOST_TEST(link.lastReport().uploaded > 0);
  BOOST_TEST(contains(summary, "Sent "));
  BOOST_TEST(contains(summary, "received 0, 0 conflicts"));
  BOOST_TEST(child<wxGauge>(dialog, "sync_gauge")->GetValue() == 100);
  test::screenshot(dialog, "synchronise-after");

  // A server that takes the connection and never answers: the dialog shows the sync running;
  // once the connection drops, the failure in words.
  const auto port = server.server->port();
  server.server.reset();
  auto silent =
      std::make_unique<Poco::Net::ServerSocket>(Poco::Net::SocketAddress("127.0.0.1", port));
  BOOST_REQUIRE(
      test::runProcess(PUPITRECTL, {"--db", daemon.database(), "class", "add", "4C"}).exitCode ==
      0);
  click(child<wxButton>(dialog, "sync_start"));
  BOOST_REQUIRE(test::pumpUntil([&] { return link.status().state == ipc::states::kSyncing; }));
  BOOST_TEST(!child<wxButton>(dialog, "sync_start")->IsEnabled());
  const auto running = label(dialog, "sync_message");
  BOOST_TEST((contains(running, "Sending changes") || contains(running, "Starting") ||
              contains(running, "Synchronising")),
             running);
  test::screenshot(dialog, "synchronise-during");
  silent.reset();
  BOOST_REQUIRE(test::pumpUntil([&] { return child<wxButton>(dialog, "sync_start")->IsEnabled(); },
                                std::chrono::seconds(150)));
  BOOST_TEST(contains(label(dialog, "sync_message"), "The server could not be reached"));
  test::screenshot(dialog, "synchronise-error");

  // Pictures and resources are remembered for this device as soon as they are ticked.
  auto* pictures = child<wxCheckBox>(dialog, "sync_pictures");
  pictures->SetValue(true);
  wxCommandEvent ticked(wxEVT_CHECKBOX, pictures->GetId());
  ticked.SetEventObject(pictures);
  ticked.SetInt(1);
  pictures->ProcessWindowEvent(ticked);
  BOOST_TEST(gui::defaultSyncOptions(db).pictures);
  Shown again(gui::createSynchroniseDialog(nullptr, link, db));
  BOOST_TEST(child<wxCheckBox>(again.dialog, "sync_data")->GetValue());
  BOOST_TEST(child<wxCheckBox>(again.dialog, "sync_pictures")->GetValue());
  BOOST_TEST(!child<wxCheckBox>(again.dialog, "sync_resources")->GetValue());
}

BOOST_FIXTURE_TEST_CASE(a_file_over_the_storage_quota_is_named_in_the_summary, AppSide)
{
  test::ServerWithAccount server(sandbox);
  const auto quota = test::serverCommand(
      {"--data", sandbox.path("server"), "user", "quota", server.kEmail, "1MB"});
  BOOST_REQUIRE_MESSAGE(quota.exitCode == 0, quota.err);
  const auto ctl = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", daemon.database()});
    const auto result = test::runProcess(PUPITRECTL, args);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, result.err);
    return test::firstLine(result.out);
  };
  const auto classId = ctl({"class", "add", "4B Maths"});
  {
    std::ofstream large(sandbox.path("term-plan.pdf"), std::ios::binary);
    large << std::string(1'200'000, 'x'); // over the quota on its own
  }
  ctl({"resource", "add", classId, sandbox.path("term-plan.pdf")});
  test::Answer signedIn;
  link.signIn(server.url(), server.kEmail, server.kPassword, signedIn.done());
  BOOST_REQUIRE(signedIn.wait());

  Shown shown(gui::createSynchroniseDialog(nullptr, link, db));
  auto* dialog = shown.dialog;
  child<wxCheckBox>(dialog, "sync_resources")->SetValue(true);
  click(child<wxButton>(dialog, "sync_start"));
  BOOST_REQUIRE(
      test::pumpUntil([&] { return child<wxButton>(dialog, "sync_start")->IsEnabled(); }));
  const auto summary = label(dialog, "sync_message");
  BOOST_TEST(link.lastReport().finished); // the data went up; only the file was refused
  BOOST_TEST(contains(summary, "Sent "), summary);
  BOOST_TEST(contains(summary, "storage is full"), summary);
  BOOST_TEST(link.lastReport().filesSent == 0);
  test::screenshot(dialog, "synchronise-quota");
}

BOOST_FIXTURE_TEST_CASE(the_sync_page_sets_the_daemons_schedule, AppSide)
{
  Shown settings(gui::createSettingsDialog(nullptr, link, db, gui::SettingsPage::Sync));
  auto* page = settings.dialog;
  BOOST_TEST(child<wxRadioButton>(page, "sync_manual")->GetValue());
  BOOST_TEST(!child<wxSpinCtrl>(page, "sync_minutes")->IsEnabled());
  auto* every = child<wxRadioButton>(page, "sync_every");
  every->SetValue(true);
  wxCommandEvent chosen(wxEVT_RADIOBUTTON, every->GetId());
  chosen.SetEventObject(every);
  every->ProcessWindowEvent(chosen);
  BOOST_TEST(child<wxSpinCtrl>(page, "sync_minutes")->IsEnabled());
  child<wxSpinCtrl>(page, "sync_minutes")->SetValue(20);
  test::screenshot(page, "settings-sync");
  click(dynamic_cast<wxButton*>(page->FindWindow(wxID_OK)));
  BOOST_REQUIRE(test::pumpUntil([&] { return link.status().scheduleMinutes.has_value(); }));
  BOOST_TEST(*link.status().scheduleMinutes == 20);
}

BOOST_AUTO_TEST_CASE(grading_defaults_are_kept_per_device_and_checked)
{
  test::Sandbox sandbox;
  store::Database db(sandbox.path("pupitre.db"));
  BOOST_TEST(gui::gradingDefaults(db).scale == "0..10");
  BOOST_TEST(gui::gradingDefaults(db).passMark == 5);
  gui::saveGradingDefaults(db, {"0..20", 10, 0.5});
  const auto kept = gui::gradingDefaults(db);
  BOOST_TEST(kept.scale == "0..20");
  BOOST_TEST(kept.passMark == 10);
  BOOST_TEST(kept.rounding == 0.5);
  BOOST_TEST(db.setting("grading.scale").value_or("") == "0..20");
  BOOST_CHECK_THROW(gui::saveGradingDefaults(db, {"0..10", 12, 0.1}), ValidationError);
  BOOST_TEST(gui::gradingDefaults(db).scale == "0..20"); // nothing changed
  for (const auto& choice : gui::scaleChoices()) {
    BOOST_CHECK_NO_THROW(gui::scaleFromSpec(choice.spec));
  }
  const auto letters = gui::scaleFromSpec("A=10;B=8;C=6;D=4;F=0", 4);
  BOOST_TEST(letters.passes(store::Value(std::string("D"))));

  DaemonLink link(sandbox.path("run/none.sock"), db.path());
  Shown shown(gui::createSettingsDialog(nullptr, link, db, gui::SettingsPage::Grading));
  BOOST_TEST(child<wxChoice>(shown.dialog, "grading_scale")->GetStringSelection() == "0 to 20");
  BOOST_TEST(child<wxSpinCtrlDouble>(shown.dialog, "grading_pass_mark")->GetValue() == 10);
  child<wxChoice>(shown.dialog, "grading_scale")->SetSelection(4); // letters
  wxCommandEvent changed(wxEVT_CHOICE);
  child<wxChoice>(shown.dialog, "grading_scale")->ProcessWindowEvent(changed);
  click(dynamic_cast<wxButton*>(shown.dialog->FindWindow(wxID_OK)));
  BOOST_TEST(gui::gradingDefaults(db).scale == "A=10;B=8;C=6;D=4;F=0");
  test::screenshot(shown.dialog, "settings-grading-letters");
}

BOOST_AUTO_TEST_SUITE_END()
