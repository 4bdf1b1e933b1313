// Faults in the middle of a sync (sync.md, rule 2, "Push is idempotent", "Pull is
// resumable"): pupitred killed with SIGKILL while it pushes or pulls, the server killed and
// restarted during a sync, the same push batch sent twice. Afterwards every device and the
// server hold the same data, nothing a command confirmed is missing, and every file is sound.
#include "cluster.h"
#include "sync_watch.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

using namespace pupitre::e2e;

namespace {

// About 19,500 field changes: four push batches and four pull pages of 5,000.
const std::vector<std::string> kYear{"--classes", "2",      "--students", "25",     "--assessments",
                                     "30",        "--days", "40",         "--seed", "7"};

// A seed per run, printed, so a failing run can be told apart (the faults' timing is the
// machine's anyway).
std::mt19937 randomSource()
{
  const auto seed = static_cast<unsigned>(
      std::chrono::steady_clock::now().time_since_epoch().count() & 0xffffffffu);
  BOOST_TEST_MESSAGE("fault timing seed " << seed);
  return std::mt19937(seed);
}

void pause(std::mt19937& random, int maxMs)
{
  std::this_thread::sleep_for(std::chrono::milliseconds(random() % (maxMs + 1)));
}

std::string setting(const std::string& databaseFile, const std::string& key)
{
  SQLite::Database db(databaseFile, SQLite::OPEN_READONLY, 10'000);
  SQLite::Statement query(db, "SELECT value FROM setting WHERE key = ?");
  query.bind(1, key);
  return query.executeStep() ? query.getColumn(0).getString() : "";
}

std::string tokenOf(const Device& device)
{
  for (const auto& entry : std::filesystem::directory_iterator(device.tokenFolder())) {
    std::ifstream in(entry.path());
    std::string token;
    std::getline(in, token);
    return token;
  }
  BOOST_FAIL("no token file in " << device.tokenFolder());
  return {};
}

struct HttpAnswer
{
  int status = 0;
  std::string body;
};

HttpAnswer postPush(std::uint16_t port, const std::string& token, const std::string& body)
{
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/push",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Pupitre-Protocol", "1");
  request.set("Authorization", "Bearer " + token);
  request.setContentType("application/json");
  request.setContentLength64(static_cast<std::int64_t>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  HttpAnswer answer;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), answer.body);
  answer.status = static_cast<int>(response.getStatus());
  return answer;
}

} // namespace

BOOST_AUTO_TEST_SUITE(fault_tests)

BOOST_AUTO_TEST_CASE(killing_the_daemon_during_pushes_and_pulls_loses_nothing)
{
  auto random = randomSource();
  Cluster cluster({.devices = 2, .schoolYears = {{0, kYear}}});
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  BOOST_TEST_REQUIRE(a.pending() > 15'000);

  // A pushes its year; SIGKILL at a random batch, right after the teacher saved something.
  std::vector<std::string> savedDuringSync;
  for (int round = 0; round < 3; ++round) {
    SyncWatch watch(a.socket());
    const int batch = 1 + static_cast<int>(random() % 3);
    const auto at = watch.waitForProgress("push", batch);
    BOOST_TEST_MESSAGE("push round " << round << ": kill at "
                                     << (at ? std::to_string(at->done) : "the end"));
    savedDuringSync.push_back(
        a.write({"class", "add", "Saved during push " + std::to_string(round)}));
    pause(random, 40);
    a.kill();
    a.start();
  }
  a.syncOk();
  BOOST_TEST(a.pending() == 0);
  const auto everythingOnA = a.exportJson(); // all A's teacher ever saved

  // B, fresh, pulls it all; SIGKILL at a random page, three times.
  for (int round = 0; round < 3; ++round) {
    SyncWatch watch(b.socket());
    const int page = 1 + static_cast<int>(random() % 3);
    const auto at = watch.waitForProgress("pull", page);
    BOOST_TEST_MESSAGE("pull round " << round << ": kill at "
                                     << (at ? std::to_string(at->done) : "the end"));
    pause(random, 40);
    b.kill();
    b.start();
  }
  cluster.syncUntilQuiet();
  const auto all = cluster.requireConverged();
  const bool nothingLost = all == everythingOnA;
  BOOST_TEST(nothingLost, "the converged data differ from what was saved on A");
  for (const auto& id : savedDuringSync) {
    BOOST_TEST(exportedRow(all, "classes", id));
  }
  BOOST_TEST(cluster[1].conflicts()->size() == 0u);
  cluster.requireIntegrity();
}

BOOST_AUTO_TEST_CASE(a_server_killed_or_stopped_during_a_sync_comes_back_and_everyone_converges)
{
  auto random = randomSource();
  Cluster cluster({.devices = 3, .schoolYears = {{0, kYear}}});
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  Device& c = cluster[2];
  const auto onC = c.write({"class", "add", "C's own class"});

  // SIGKILL, then SIGTERM, of the server while A pushes.
  for (int round = 0; round < 2; ++round) {
    SyncWatch watch(a.socket());
    const auto at = watch.waitForProgress("push", 2 + static_cast<int>(random() % 2));
    BOOST_TEST_MESSAGE("server down during push: " << (at ? "mid-sync" : "after it"));
    pause(random, 40);
    round == 0 ? cluster.server.kill() : cluster.server.stop();
    const auto end = watch.waitForEnd();
    BOOST_TEST((end == "failed" || end == "finished"), "the sync neither failed nor finished");
    if (end == "failed") {
      BOOST_TEST(a.status()->getValue<std::string>("state") == "offline");
    }
    cluster.server.start();
  }
  a.syncOk();

  // SIGKILL of the server while B pulls.
  {
    SyncWatch watch(b.socket());
    watch.waitForProgress("pull", 1 + static_cast<int>(random() % 2));
    pause(random, 40);
    cluster.server.kill();
    watch.waitForEnd();
    cluster.server.start();
  }
  cluster.syncUntilQuiet();
  const auto all = cluster.requireConverged();
  BOOST_TEST(exportedRow(all, "classes", onC));
  const auto marks = parseObject(all)->getArray("marks");
  BOOST_TEST(marks->size() == 2u * 25u * 30u); // every mark of the generated year
  cluster.requireIntegrity();
}

BOOST_AUTO_TEST_CASE(the_same_push_sent_twice_is_applied_once)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto student = a.write({"student", "add", cls, "Ana", "García"});
  cluster.syncUntilQuiet();

  // A's edit goes into a batch while the server is down: the batch stays in flight.
  cluster.server.stop();
  a.write({"student", "update", student, "--given", "Anita"});
  BOOST_TEST(a.sync().exitCode == 1);
  const auto batch = setting(a.database(), "sync.inflight_batch");
  BOOST_TEST_REQUIRE(contains(batch, "Anita"));
  cluster.server.start();
  const auto first = a.syncOk();
  BOOST_TEST(first.sent == 1);
  BOOST_TEST(setting(a.database(), "sync.inflight_batch").empty());
  b.syncOk();

  // B renames her later; then A's old batch arrives again, as after a lost reply.
  waitForLaterEditTime();
  b.write({"student", "update", student, "--given", "Ana María"});
  b.syncOk();
  a.syncOk();
  const auto before = cluster.server.exportAccount();
  for (int replay = 0; replay < 2; ++replay) {
    const auto answer = postPush(cluster.server.port(), tokenOf(a), batch);
    BOOST_TEST(answer.status == 200, answer.body);
    const auto result = parseObject(answer.body);
    BOOST_REQUIRE(result);
    BOOST_TEST(result->getValue<std::int64_t>("applied") == first.sent); // the stored answer
    BOOST_TEST(!result->has("conflicts"));                               // a count of 0 is left out
  }
  // Had it been applied again, Anita would now be a conflict that B and A would pull.
  BOOST_TEST(cluster.server.exportAccount() == before);
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    const auto counts = cluster[i].syncOk();
    BOOST_TEST(counts.received == 0);
    BOOST_TEST(counts.conflicts == 0);
    BOOST_TEST(cluster[i].conflicts()->size() == 0u);
  }
  BOOST_TEST(exportedRow(cluster.requireConverged(), "students", student)
                 ->getValue<std::string>("given_name") == "Ana María");
  cluster.requireIntegrity();
}

BOOST_AUTO_TEST_SUITE_END()
