// Faults in the middle of a sync (sync.md, rule 2, "Push is idempotent", "Pull is
// resumable"): pupitred killed with SIGKILL while it pushes or pulls, the server killed or
// stopped during a push or a pull, the same push batch sent twice. Afterwards every device and
// the server hold the same data, nothing a command confirmed is missing, and every file is
// sound.
//
// Each fault lands where the sync provably has work left: the device reaches the server
// through a RequestGate that holds the n-th push batch or pull page (and every later one), so
// pupitred waits there, and the fault comes while it waits or while the one batch let through
// is under way. The test then checks what the daemon itself reported last (`done` < `total`)
// and what its database holds (changes still unsent, pages still to pull).
#include "cluster.h"
#include "request_gate.h"
#include "sync_watch.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <thread>

using namespace pupitre::e2e;

namespace {

// About 29,000 field changes: six push batches and six pull pages.
const std::vector<std::string> kYear{"--classes", "3",      "--students", "25",     "--assessments",
                                     "30",        "--days", "40",         "--seed", "7"};
// pupitred's push batch and pull page (sync::SyncOptions, sync::kDefaultPullLimit).
constexpr std::int64_t kPerRequest = 5000;
constexpr const char* kPush = "/api/v1/push";
constexpr const char* kPull = "/api/v1/pull";

// A seed per run, printed, so a failing run can be replayed as far as the choices go (the
// faults' timing within a batch is the machine's anyway).
std::mt19937 randomSource()
{
  const auto seed = static_cast<unsigned>(
      std::chrono::steady_clock::now().time_since_epoch().count() & 0xffffffffu);
  BOOST_TEST_MESSAGE("fault seed " << seed);
  return std::mt19937(seed);
}

void pause(std::mt19937& random, int maxMs)
{
  std::this_thread::sleep_for(std::chrono::milliseconds(random() % (maxMs + 1)));
}

// A whole number in [low, high].
int between(std::mt19937& random, int low, int high)
{
  return low + static_cast<int>(random() % static_cast<unsigned>(high - low + 1));
}

std::int64_t requestsFor(std::int64_t items)
{
  return (items + kPerRequest - 1) / kPerRequest;
}

std::string setting(const std::string& databaseFile, const std::string& key)
{
  SQLite::Database db(databaseFile, SQLite::OPEN_READONLY, 10'000);
  SQLite::Statement query(db, "SELECT value FROM setting WHERE key = ?");
  query.bind(1, key);
  return query.executeStep() ? query.getColumn(0).getString() : "";
}

// Where the device's pull stands.
std::int64_t cursorOf(const Device& device)
{
  const auto text = setting(device.database(), "sync.cursor");
  return text.empty() ? 0 : std::stoll(text);
}

// What a device at `cursor` still has to pull: the server's items (writes and conflicts)
// after it.
std::int64_t itemsAfter(const ServerNode& server, std::int64_t cursor)
{
  SQLite::Database db(server.databaseFile(), SQLite::OPEN_READONLY, 10'000);
  std::int64_t count = 0;
  for (const char* sql : {"SELECT count(*) FROM field_version WHERE seq > ? AND seq > 0",
                          "SELECT count(*) FROM conflict WHERE seq > ?"}) {
    SQLite::Statement query(db, sql);
    query.bind(1, cursor);
    query.executeStep();
    count += query.getColumn(0).getInt64();
  }
  return count;
}

// Bounded wait until the gate has had `count` answers to `path` back from the server.
void waitForAnswers(const RequestGate& gate, const std::string& path, int count)
{
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (gate.answered(path) < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  BOOST_REQUIRE_MESSAGE(gate.answered(path) >= count, "the server did not answer " << path);
}

// The daemon's last report of `stage` before the fault: work was left.
void requireWorkLeft(const SyncWatch& watch, const std::string& stage)
{
  const auto last = watch.lastProgress(stage);
  BOOST_REQUIRE_MESSAGE(last, "no " << stage << " progress was reported before the fault");
  BOOST_TEST_MESSAGE("  last " << stage << " progress before the fault: " << last->done << " of "
                               << last->total);
  BOOST_TEST(last->done < last->total,
             "the daemon's last report of the " << stage << " does not show work left");
  BOOST_TEST(watch.ended() != "finished");
}

void loginThrough(const Device& device, const std::string& url)
{
  const auto result = device.login(url);
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0,
                        "login on " << device.name() << " failed: " << result.err);
}

// How a fault meets the request held at the gate.
enum class Moment {
  Waiting,    // while the request waits: the server never sees it
  AnswerLost, // (daemon killed) while it waits; then the server gets it, its answer is lost
  UnderWay    // the request is let through and the fault comes 0-40 ms later, somewhere
              // between it and the next one, which waits at the gate
};

const char* nameOf(Moment moment)
{
  switch (moment) {
  case Moment::Waiting:
    return "while the request waits at the gate";
  case Moment::AnswerLost:
    return "while it waits, its answer then lost";
  case Moment::UnderWay:
    return "while the request is under way";
  }
  return "";
}

} // namespace

BOOST_AUTO_TEST_SUITE(fault_tests)

BOOST_AUTO_TEST_CASE(killing_the_daemon_during_pushes_and_pulls_loses_nothing)
{
  auto random = randomSource();
  Cluster cluster({.devices = 1, .schoolYears = {{0, kYear}}});
  Device& a = cluster[0];
  RequestGate gateA(cluster.server.port());
  loginThrough(a, gateA.url());
  BOOST_TEST_REQUIRE(a.pending() > 5 * kPerRequest);

  // A pushes its year; SIGKILL at batch n, right after the teacher saved something.
  std::vector<std::string> savedDuringSync;
  for (const Moment moment : {Moment::Waiting, Moment::AnswerLost, Moment::UnderWay}) {
    const std::int64_t pendingAtStart = a.pending();
    const auto batches = requestsFor(pendingAtStart);
    BOOST_TEST_REQUIRE(batches >= 2); // a batch after the held one
    const int n = between(random, 1, static_cast<int>(std::min<std::int64_t>(2, batches - 1)));
    BOOST_TEST_MESSAGE("push: kill at batch " << n << " of " << batches << ", " << nameOf(moment));
    const int answered = gateA.answered(kPush);
    gateA.holdFrom(kPush, n);
    SyncWatch watch(a.socket());
    BOOST_TEST_REQUIRE(gateA.waitForHeld().has_value());
    // Reported before each batch: batch n was to go, and after it more.
    const auto atHold = watch.waitForProgress("push", n);
    BOOST_TEST_REQUIRE(atHold.has_value());
    BOOST_TEST(atHold->done < atHold->total);

    const auto before = a.pending();
    savedDuringSync.push_back(
        a.write({"class", "add", "Saved during push " + std::to_string(savedDuringSync.size())}));
    const auto saved = a.pending() - before; // the new class's fields
    if (moment == Moment::UnderWay) {
      gateA.passOne();
      pause(random, 40);
    }
    a.kill();
    BOOST_TEST(watch.readUntilClosed());
    requireWorkLeft(watch, "push");
    // Batches after n never reached the server: their changes are still pending.
    const auto unsent = a.pending() - saved;
    BOOST_TEST(unsent >= pendingAtStart - n * kPerRequest);
    if (moment == Moment::Waiting) {
      gateA.drop();
    } else {
      const int lost = gateA.held();
      gateA.open(); // the batches the dead daemon sent reach the server now
      waitForAnswers(gateA, kPush, answered + (moment == Moment::UnderWay ? 1 : 0) + lost);
    }
    a.start();
  }
  a.syncOk();
  BOOST_TEST(a.pending() == 0);
  const auto everythingOnA = a.exportJson(); // all A's teacher ever saved
  for (const auto& id : savedDuringSync) {
    BOOST_TEST(exportedRow(everythingOnA, "classes", id));
  }

  // Fresh devices pull it all; SIGKILL at page n, after at least one page was applied.
  std::vector<std::unique_ptr<RequestGate>> gates; // the fresh devices' roads to the server
  for (const Moment moment : {Moment::Waiting, Moment::AnswerLost, Moment::UnderWay}) {
    Device& fresh = cluster.addDevice();
    RequestGate& gate = *gates.emplace_back(std::make_unique<RequestGate>(cluster.server.port()));
    loginThrough(fresh, gate.url());
    const auto pages = requestsFor(itemsAfter(cluster.server, 0));
    BOOST_TEST_REQUIRE(pages >= 3);
    const int n = between(random, 2, static_cast<int>(std::min<std::int64_t>(4, pages - 1)));
    BOOST_TEST_MESSAGE("pull on " << fresh.name() << ": kill at page " << n << " of " << pages
                                  << ", " << nameOf(moment));
    gate.holdFrom(kPull, n);
    SyncWatch watch(fresh.socket());
    BOOST_TEST_REQUIRE(gate.waitForHeld().has_value());
    // Reported after each page applied: page n - 1 was, and more was to come.
    const auto atHold = watch.waitForProgress("pull", n - 1);
    BOOST_TEST_REQUIRE(atHold.has_value());
    BOOST_TEST(atHold->done < atHold->total);
    if (moment == Moment::UnderWay) {
      gate.passOne();
      pause(random, 40);
    }
    fresh.kill();
    BOOST_TEST(watch.readUntilClosed());
    requireWorkLeft(watch, "pull");
    // Pages after n never reached the device: its cursor stands before them.
    const auto cursor = cursorOf(fresh);
    BOOST_TEST(cursor > 0);
    BOOST_TEST(itemsAfter(cluster.server, cursor) >=
               itemsAfter(cluster.server, 0) - n * kPerRequest);
    moment == Moment::Waiting ? gate.drop() : gate.open();
    fresh.start();
    fresh.syncOk(); // through the gate, open now
  }
  cluster.syncUntilQuiet();
  const auto all = cluster.requireConverged();
  const bool nothingLost = all == everythingOnA;
  BOOST_TEST(nothingLost, "the converged data differ from what was saved on A");
  for (std::size_t i = 1; i < cluster.size(); ++i) {
    BOOST_TEST(cluster[i].conflicts()->size() == 0u);
  }
  cluster.requireIntegrity();
}

BOOST_AUTO_TEST_CASE(a_server_killed_or_stopped_during_a_sync_comes_back_and_everyone_converges)
{
  auto random = randomSource();
  Cluster cluster({.devices = 3, .schoolYears = {{0, kYear}}});
  Device& a = cluster[0];
  Device& b = cluster[1];
  Device& c = cluster[2];
  RequestGate gateA(cluster.server.port());
  RequestGate gateB(cluster.server.port());
  loginThrough(a, gateA.url());
  loginThrough(b, gateB.url());
  loginThrough(c, cluster.server.url());
  const auto onC = c.write({"class", "add", "C's own class"});
  c.syncOk();

  // The server goes down while A pushes: killed while batch n waits at the gate, killed
  // while it is applied (or just after), stopped cleanly then.
  for (int round = 0; round < 3; ++round) {
    const Moment moment = round == 0 ? Moment::Waiting : Moment::UnderWay;
    const std::int64_t pendingAtStart = a.pending();
    const auto batches = requestsFor(pendingAtStart);
    BOOST_TEST_REQUIRE(batches >= 2);
    const int n = between(random, 1, static_cast<int>(std::min<std::int64_t>(2, batches - 1)));
    BOOST_TEST_MESSAGE("push: server " << (round == 2 ? "stopped" : "killed") << " at batch " << n
                                       << " of " << batches << ", " << nameOf(moment));
    gateA.holdFrom(kPush, n);
    SyncWatch watch(a.socket());
    BOOST_TEST_REQUIRE(gateA.waitForHeld().has_value());
    const auto atHold = watch.waitForProgress("push", n);
    BOOST_TEST_REQUIRE(atHold.has_value());
    BOOST_TEST(atHold->done < atHold->total);
    if (moment == Moment::UnderWay) {
      gateA.passOne();
      pause(random, 40);
    }
    round == 2 ? cluster.server.stop() : cluster.server.kill();
    gateA.open(); // what waits meets a server that is gone
    BOOST_TEST(watch.waitForEnd() == "failed");
    requireWorkLeft(watch, "push");
    BOOST_TEST(a.status()->getValue<std::string>("state") == "offline");
    BOOST_TEST(a.pending() >= pendingAtStart - n * kPerRequest);
    cluster.server.start();
  }
  a.syncOk();
  BOOST_TEST(a.pending() == 0);

  // The server is killed while B pulls: while page n waits, then while it is under way.
  for (const Moment moment : {Moment::Waiting, Moment::UnderWay}) {
    const auto cursorAtStart = cursorOf(b);
    const auto pages = requestsFor(itemsAfter(cluster.server, cursorAtStart));
    BOOST_TEST_REQUIRE(pages >= 3);
    const int n = between(random, 2, static_cast<int>(std::min<std::int64_t>(3, pages - 1)));
    BOOST_TEST_MESSAGE("pull: server killed at page " << n << " of " << pages << ", "
                                                      << nameOf(moment));
    gateB.holdFrom(kPull, n);
    SyncWatch watch(b.socket());
    BOOST_TEST_REQUIRE(gateB.waitForHeld().has_value());
    const auto atHold = watch.waitForProgress("pull", n - 1);
    BOOST_TEST_REQUIRE(atHold.has_value());
    BOOST_TEST(atHold->done < atHold->total);
    if (moment == Moment::UnderWay) {
      gateB.passOne();
      pause(random, 40);
    }
    cluster.server.kill();
    gateB.open();
    BOOST_TEST(watch.waitForEnd() == "failed");
    requireWorkLeft(watch, "pull");
    BOOST_TEST(b.status()->getValue<std::string>("state") == "offline");
    BOOST_TEST(itemsAfter(cluster.server, cursorOf(b)) >=
               itemsAfter(cluster.server, cursorAtStart) - n * kPerRequest);
    cluster.server.start();
  }
  cluster.syncUntilQuiet();
  const auto all = cluster.requireConverged();
  BOOST_TEST(exportedRow(all, "classes", onC));
  const auto marks = parseObject(all)->getArray("marks");
  BOOST_TEST(marks->size() == 3u * 25u * 30u); // every mark of the generated year
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
    const auto answer = postJson(cluster.server.port(), "/api/v1/push", a.token(), batch);
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
