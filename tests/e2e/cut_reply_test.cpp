// A reply cut short on the way (a network that drops, a proxy that gives up) is a transport
// failure: the daemon says it is offline and retries with its offline delay, it never blames
// the data on this computer, and the next sync completes with nothing lost. The cuts are made
// by a proxy between the daemon and the real server (tests/support/fault_proxy.h).
#include "cluster.h"

#include "support/fault_proxy.h"

#include <Poco/DateTimeParser.h>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace pupitre;
using namespace pupitre::e2e;
using test::FaultProxy;

namespace {

// Seconds from now until the status's next automatic sync.
std::int64_t secondsToNextSync(const Poco::JSON::Object::Ptr& status)
{
  int zone = 0;
  const auto next =
      Poco::DateTimeParser::parse(status->getValue<std::string>("next_sync"), zone).timestamp();
  return (next.epochMicroseconds() - Poco::Timestamp().epochMicroseconds()) / 1'000'000;
}

// The sync failed as a transport failure: offline, retried soon (the schedule is an hour),
// and the reason says the connection broke, not that something is wrong on this computer.
void requireOfflineAfterCut(Device& device, const ProcessResult& sync)
{
  BOOST_TEST(sync.exitCode == 1);
  BOOST_TEST(!contains(sync.err, "on this computer"), sync.err);
  const auto status = device.status();
  BOOST_TEST(status->getValue<std::string>("state") == "offline");
  const auto reason = status->getValue<std::string>("state_reason");
  BOOST_TEST(contains(reason, "broke in the middle of an answer"), reason);
  BOOST_TEST(!contains(reason, "not valid JSON"), reason);
  // The offline delay (15 s the first time), not the hour of a refusal.
  BOOST_TEST(secondsToNextSync(status) <= 5 * 60);
}

struct ProxiedCluster
{
  ProxiedCluster() : proxy("127.0.0.1", cluster.server.port())
  {
    for (std::size_t i = 0; i < cluster.size(); ++i) {
      const auto login = cluster[i].login(proxy.url());
      BOOST_REQUIRE_MESSAGE(login.exitCode == 0, login.err);
      BOOST_REQUIRE(cluster[i].ctl({"schedule", "60"}).exitCode == 0);
    }
  }
  Cluster cluster;
  FaultProxy proxy;
};

} // namespace

BOOST_AUTO_TEST_SUITE(cut_reply_tests)

BOOST_FIXTURE_TEST_CASE(a_push_reply_cut_inside_its_header_is_offline_and_the_edits_arrive_later,
                        ProxiedCluster)
{
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "3B History"});
  const auto student = a.write({"student", "add", cls, "Lucía", "Martín"});
  // Only "HTTP/1.1 200 OK\r\n" arrives: the header that says how long the answer is never
  // does, and the server did apply the push.
  proxy.cutReplies("POST /api/v1/push", std::string("HTTP/1.1 200 OK\r\n").size());
  requireOfflineAfterCut(a, a.sync());
  BOOST_TEST(proxy.cuts() == 1);
  BOOST_TEST(a.pending() > 0); // not acknowledged: sent again

  const auto sent = a.syncOk();
  BOOST_TEST(a.status()->getValue<std::string>("state") == "idle");
  BOOST_TEST(sent.sent > 0);
  b.syncOk();
  const auto all = cluster.requireConverged();
  BOOST_TEST(exportedRow(all, "students", student));
}

BOOST_FIXTURE_TEST_CASE(a_push_reply_cut_inside_its_body_is_offline, ProxiedCluster)
{
  Device& a = cluster[0];
  const auto cls = a.write({"class", "add", "3B History"});
  a.write({"student", "add", cls, "Lucía", "Martín"});
  proxy.cutReplies("POST /api/v1/push", 5, 1, FaultProxy::From::BodyStart);
  requireOfflineAfterCut(a, a.sync());
  BOOST_TEST(proxy.cuts() == 1);
  a.syncOk();
  cluster[1].syncOk();
  cluster.requireConverged();
}

BOOST_FIXTURE_TEST_CASE(a_compressed_pull_page_cut_short_is_offline_and_resumes, ProxiedCluster)
{
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "3B History"});
  for (int i = 0; i < 40; ++i) {
    a.write({"student", "add", cls, "Pupil" + std::to_string(i), "Cut"});
  }
  a.syncOk();
  // The page is gzip-compressed (over 1 KB); a few hundred bytes of it arrive.
  proxy.cutReplies("GET /api/v1/pull", 300, 1, FaultProxy::From::BodyStart);
  requireOfflineAfterCut(b, b.sync());
  BOOST_TEST(proxy.cuts() == 1);
  BOOST_TEST(b.syncOk().received > 40);
  cluster.requireConverged();
}

// The account's export (issue 17) cut in the middle of its body: the teacher is told the
// connection broke, no file and no FILE.part are left (an older file stays as it was), and
// asking again writes the whole export.
BOOST_FIXTURE_TEST_CASE(an_account_export_cut_short_leaves_no_file_and_works_again, ProxiedCluster)
{
  Device& a = cluster[0];
  const auto cls = a.write({"class", "add", "3B History"});
  for (int i = 0; i < 40; ++i) {
    a.write({"student", "add", cls, "Pupil" + std::to_string(i), "Cut"});
  }
  a.syncOk();
  const std::string file = cluster.sandbox.path("mine.json");
  {
    std::ofstream(file) << "older";
  }
  proxy.cutReplies("GET /api/v1/account/export", 300, 1, FaultProxy::From::BodyStart);
  const auto cut = a.ctl({"account", "export", "-o", file});
  BOOST_TEST(cut.exitCode == 1);
  BOOST_TEST(contains(cut.err, "broke in the middle of an answer"), cut.err);
  BOOST_TEST(!contains(cut.err, "on this computer"), cut.err);
  BOOST_TEST(proxy.cuts() == 1);
  std::ifstream older(file);
  BOOST_TEST(std::string(std::istreambuf_iterator<char>(older), {}) == "older");
  BOOST_TEST(!std::filesystem::exists(file + ".part"));

  const auto again = a.ctl({"account", "export", "-o", file});
  BOOST_TEST_REQUIRE(again.exitCode == 0, again.err);
  std::ifstream whole(file);
  BOOST_TEST(std::string(std::istreambuf_iterator<char>(whole), {}) ==
             cluster.server.admin({"user", "export", kEmail}).out);
}

BOOST_AUTO_TEST_SUITE_END()
