// A hung sync can be left from the Synchronise dialog (issue 13, item 5): with a server that
// takes the connection and never answers, "Cancel synchronisation" stops the daemon's sync at
// once, the dialog closes, the state is idle again and every change is still pending.
#include "fixtures/daemon_fixture.h"
#include "gui_sync_fixture.h"
#include "sync/sync_ui.h"

#include "pupitre/ipc/protocol.h"
#include "pupitre/store/database.h"
#include "pupitre/sync/outbox.h"

#include <Poco/Net/ServerSocket.h>
#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/translation.h>

#include <filesystem>

using namespace pupitre;
using test::child;

namespace {

void cancelAHungSync(const std::string& screenshotName)
{
  test::Sandbox sandbox;
  test::Pupitred daemon{sandbox};
  store::Database db{daemon.database()};
  gui::DaemonLink link{daemon.socket(), daemon.database()};
  link.start(false);
  BOOST_REQUIRE(test::pumpUntil([&] { return link.status().reachable; }));
  test::ServerWithAccount server(sandbox);
  test::Answer signedIn;
  link.signIn(server.url(), server.kEmail, server.kPassword, signedIn.done());
  BOOST_REQUIRE(signedIn.wait());
  BOOST_REQUIRE(signedIn.error.empty());

  // The server is replaced by one that takes connections and never answers.
  const auto port = server.server->port();
  server.server.reset();
  Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", port));
  BOOST_REQUIRE(
      test::runProcess(PUPITRECTL, {"--db", daemon.database(), "class", "add", "4B Maths"})
          .exitCode == 0);
  const auto pending = sync::pendingCount(db);
  BOOST_REQUIRE(pending > 0);

  auto* dialog = gui::createSynchroniseDialog(nullptr, link, db);
  dialog->Show();
  const auto clickNamed = [&](const char* name) {
    auto* button = child<wxButton>(dialog, name);
    BOOST_REQUIRE(button);
    BOOST_REQUIRE(button->IsShown());
    BOOST_REQUIRE(button->IsEnabled());
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->ProcessWindowEvent(event);
  };
  clickNamed("sync_start");
  BOOST_REQUIRE(test::pumpUntil([&] { return link.lastReport().stage == "push"; }));
  test::pumpFor(std::chrono::milliseconds(200));
  test::screenshot(dialog, screenshotName);
  clickNamed("sync_cancel");
  // Far sooner than the daemon's 30 s read timeout would end it.
  BOOST_TEST(test::pumpUntil([&] { return !dialog->IsShown(); }, std::chrono::seconds(10)));
  BOOST_TEST(link.lastReport().failed);
  BOOST_TEST(test::pumpUntil([&] { return link.status().state == ipc::states::kIdle; },
                             std::chrono::seconds(10)),
             link.status().state);
  BOOST_TEST(sync::pendingCount(db) == pending);
  BOOST_TEST(test::contains(daemon.log(), "cancelled"));
  dialog->Destroy();
  test::pumpFor(std::chrono::milliseconds(50));
}

} // namespace

BOOST_AUTO_TEST_SUITE(cancel_sync_tests)

BOOST_AUTO_TEST_CASE(cancel_in_the_synchronise_dialog_stops_a_hung_sync_and_keeps_the_changes)
{
  cancelAHungSync("synchronise-cancel");
}

BOOST_AUTO_TEST_CASE(cancel_in_spanish)
{
  test::SpanishCatalog spanish;
  BOOST_TEST(wxGetTranslation("Cancel synchronisation").utf8_string() ==
             "Cancelar la sincronización");
  cancelAHungSync("synchronise-cancel-es");
}

BOOST_AUTO_TEST_SUITE_END()
