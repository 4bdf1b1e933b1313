// File → Export my account's data… (issue 17): the app asks pupitred, through DaemonLink, for
// the server's export of the signed-in account; the daemon writes the file and the app says
// where it is. Against a real pupitred and pupitre-server; the result dialog's screenshots in
// English and Spanish go to <build>/screenshots.
#include "fixtures/daemon_fixture.h"
#include "gui_sync_fixture.h"
#include "sync/account_export.h"

#include <boost/test/unit_test.hpp>
#include <wx/dialog.h>
#include <wx/filename.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace pupitre;
using test::child;
namespace fs = std::filesystem;

namespace {

std::string readFile(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Linked
{
  Linked() { link.start(false); }
  bool reachable()
  {
    return test::pumpUntil([&] { return link.status().reachable; });
  }
  void signIn()
  {
    const auto login =
        daemon.ctl({"login", server.url(), server.kEmail}, std::string(server.kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(login.exitCode == 0, login.err);
    link.refreshStatus();
    BOOST_REQUIRE(test::pumpUntil([&] { return link.status().signedIn; }));
  }
  std::string userExport()
  {
    const auto result =
        test::serverCommand({"--data", sandbox.path("server"), "user", "export", server.kEmail});
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, result.err);
    return result.out;
  }

  test::Sandbox sandbox;
  test::Pupitred daemon{sandbox};
  test::ServerWithAccount server{sandbox};
  gui::DaemonLink link{daemon.socket(), daemon.database()};
};

// The result's text with its wrapping undone.
std::string resultText(wxDialog* dialog)
{
  auto* text = child<wxStaticText>(dialog, "account_export_message");
  std::string label = text ? text->GetLabel().utf8_string() : "<no account_export_message>";
  for (auto& c : label) {
    c = c == '\n' ? ' ' : c;
  }
  return label;
}

} // namespace

BOOST_AUTO_TEST_SUITE(account_export_tests)

BOOST_AUTO_TEST_CASE(not_signed_in_the_app_says_so_and_the_daemon_writes_nothing)
{
  Linked side;
  BOOST_REQUIRE(side.reachable());
  const std::string why = side.link.status().whyCannotExportAccount();
  BOOST_TEST(why.find("not signed in") != std::string::npos, why);
  BOOST_TEST(why.find("Settings, Account") != std::string::npos, why);

  // Asked anyway (the status was not known yet): the daemon's sentence, no file.
  const std::string file = side.sandbox.path("mine.json");
  const auto outcome = gui::fetchAccountExport(nullptr, side.link, file);
  BOOST_TEST(outcome.error.find("not signed in") != std::string::npos, outcome.error);
  BOOST_TEST(!fs::exists(file));
  BOOST_TEST(!fs::exists(file + ".part"));

  gui::DaemonStatus none;
  BOOST_TEST(none.whyCannotExportAccount().find("pupitred") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(signed_in_the_file_is_the_servers_user_export_and_the_result_says_where)
{
  Linked side;
  BOOST_REQUIRE(side.reachable());
  side.signIn();
  BOOST_TEST(side.link.status().whyCannotExportAccount().empty());

  const std::string file = side.sandbox.path("Pupitre account data.json");
  const auto outcome = gui::fetchAccountExport(nullptr, side.link, file);
  BOOST_TEST_REQUIRE(outcome.error.empty(), outcome.error);
  const std::string written = readFile(file);
  BOOST_TEST(outcome.bytes == static_cast<std::int64_t>(written.size()));
  BOOST_TEST(written == side.userExport());

  wxDialog* dialog = gui::createAccountExportResult(nullptr, file, outcome.bytes);
  dialog->Show();
  test::pumpFor(std::chrono::milliseconds(200));
  const std::string text = resultText(dialog);
  BOOST_TEST(text.find("Your account's data are in " + file) != std::string::npos, text);
  test::screenshot(dialog, "account-export-result");
  dialog->Destroy();

  // In Spanish.
  {
    test::SpanishCatalog spanish;
    BOOST_REQUIRE(spanish.loaded);
    wxDialog* spanishDialog = gui::createAccountExportResult(nullptr, file, outcome.bytes);
    spanishDialog->Show();
    test::pumpFor(std::chrono::milliseconds(200));
    const std::string spanishText = resultText(spanishDialog);
    BOOST_TEST(spanishText.find("Los datos de tu cuenta están en " + file) != std::string::npos,
               spanishText);
    test::screenshot(spanishDialog, "account-export-result-es");
    spanishDialog->Destroy();
    BOOST_TEST(gui::accountExportFileName().StartsWith("Datos de la cuenta de Pupitre "));
  }
  test::pumpFor(std::chrono::milliseconds(50));
}

BOOST_AUTO_TEST_CASE(a_server_that_is_down_is_told_and_nothing_is_left)
{
  Linked side;
  BOOST_REQUIRE(side.reachable());
  side.signIn();
  side.server.server.reset(); // stopped
  const std::string file = side.sandbox.path("mine.json");
  const auto outcome = gui::fetchAccountExport(nullptr, side.link, file);
  BOOST_TEST(outcome.error.find("could not be reached") != std::string::npos, outcome.error);
  BOOST_TEST(!fs::exists(file));
  BOOST_TEST(!fs::exists(file + ".part"));
}

BOOST_AUTO_TEST_SUITE_END()
