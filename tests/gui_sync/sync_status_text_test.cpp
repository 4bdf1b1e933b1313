// The status bar's words for each state of the daemon and of a sync.
#include "sync/sync_ui.h"

#include "pupitre/ipc/protocol.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using gui::DaemonStatus;
using gui::SyncReport;
using gui::syncStatusText;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

DaemonStatus signedIn(const char* state = ipc::states::kIdle)
{
  DaemonStatus status;
  status.reachable = true;
  status.signedIn = true;
  status.licence = "multi";
  status.state = state;
  return status;
}

std::string text(const DaemonStatus& status, const SyncReport& report = {})
{
  return syncStatusText(status, report, kNow).utf8_string();
}

} // namespace

BOOST_AUTO_TEST_SUITE(sync_status_text_tests)

BOOST_AUTO_TEST_CASE(no_daemon_means_working_offline)
{
  BOOST_TEST(text(DaemonStatus{}) == "Daemon not running — working offline");
}

BOOST_AUTO_TEST_CASE(a_device_not_signed_in_says_so)
{
  DaemonStatus status;
  status.reachable = true;
  status.state = ipc::states::kSignedOut;
  BOOST_TEST(text(status) == "Not signed in");
}

BOOST_AUTO_TEST_CASE(an_unreachable_server_is_offline)
{
  auto status = signedIn(ipc::states::kOffline);
  status.pending = 3;
  BOOST_TEST(text(status) == "Offline · 3 changes waiting");
  status.pending = 0;
  BOOST_TEST(text(status) == "Offline");
}

BOOST_AUTO_TEST_CASE(a_running_sync_shows_its_percentage)
{
  SyncReport report;
  report.stage = "push";
  report.done = 6;
  report.total = 15;
  BOOST_TEST(text(signedIn(ipc::states::kSyncing), report) == "Synchronising… 40%");
  report.total = 0; // pull: the total is not known
  BOOST_TEST(text(signedIn(ipc::states::kSyncing), report) == "Synchronising…");
}

BOOST_AUTO_TEST_CASE(changes_not_sent_yet_are_counted_next_to_the_last_sync)
{
  auto status = signedIn();
  status.lastSyncMs = kNow - 4 * 60'000;
  status.pending = 3;
  BOOST_TEST(text(status) == "Synchronised 4 min ago · 3 changes waiting");
  status.pending = 1;
  BOOST_TEST(text(status) == "Synchronised 4 min ago · 1 change waiting");
  status.lastSyncMs.reset();
  BOOST_TEST(text(status) == "Never synchronised · 1 change waiting");
  BOOST_TEST(text(signedIn(ipc::states::kError)) == "Synchronisation failed");
  status.state = ipc::states::kError;
  BOOST_TEST(text(status) == "Synchronisation failed · 1 change waiting");
  DaemonStatus none;
  none.pending = 2;
  BOOST_TEST(text(none) == "Daemon not running — working offline · 2 changes waiting");
}

BOOST_AUTO_TEST_CASE(the_last_sync_is_told_in_minutes_hours_or_days)
{
  auto status = signedIn();
  status.lastSyncMs = kNow - 4 * 60'000 - 10'000;
  BOOST_TEST(text(status) == "Synchronised 4 min ago");
  status.lastSyncMs = kNow - 20'000;
  BOOST_TEST(text(status) == "Synchronised just now");
  status.lastSyncMs = kNow - 3 * 3'600'000;
  BOOST_TEST(text(status) == "Synchronised 3 h ago");
  status.lastSyncMs = kNow - 2 * 86'400'000;
  BOOST_TEST(text(status) == "Synchronised 2 days ago");
  status.lastSyncMs.reset();
  BOOST_TEST(text(status) == "Never synchronised");
}

BOOST_AUTO_TEST_CASE(a_refused_sync_and_a_single_device_licence_are_named)
{
  BOOST_TEST(text(signedIn(ipc::states::kError)) == "Synchronisation failed");
  auto single = signedIn();
  single.licence = "single";
  BOOST_TEST(text(single) == "Licence without synchronisation");
}

BOOST_AUTO_TEST_CASE(why_a_device_cannot_sync_is_a_sentence_with_what_to_do)
{
  BOOST_TEST(signedIn().canSync());
  BOOST_TEST(signedIn().whyCannotSync().empty());
  DaemonStatus none;
  BOOST_TEST(!none.canSync());
  BOOST_TEST(none.whyCannotSync().find("not running") != std::string::npos);
  DaemonStatus out;
  out.reachable = true;
  BOOST_TEST(out.whyCannotSync().find("Sign in") != std::string::npos);
  auto single = signedIn();
  single.licence = "single";
  BOOST_TEST(!single.canSync());
  BOOST_TEST(single.whyCannotSync().find("multi-device licence") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_tray_menu_tells_a_sync_made_before_the_app_started)
{
  // The schedule or pupitrectl synchronised before the app started: the tray's menu says
  // when, as the status bar does, instead of "Not synchronised yet".
  auto status = signedIn();
  BOOST_TEST(gui::trayLastSyncText({}, status, kNow).utf8_string() == "Not synchronised yet");
  status.lastSyncMs = kNow - 4 * 60'000;
  BOOST_TEST(gui::trayLastSyncText({}, status, kNow).utf8_string() == "Synchronised 4 min ago");
  // What this app saw end comes first.
  BOOST_TEST(gui::trayLastSyncText("Last sync failed", status, kNow).utf8_string() ==
             "Last sync failed");
}

BOOST_AUTO_TEST_SUITE_END()
