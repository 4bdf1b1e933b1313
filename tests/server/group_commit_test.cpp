// Group commit on server.db (server/store/sqlite_write_group.h): pushes that wait for the
// write lock are committed together, in one transaction (one commit record in the
// write-ahead log, one fsync), and each is answered only once it is committed; a push refused
// or abandoned inside the group leaves the others' changes in it. SQLite only: PostgreSQL
// commits each push on its own connection.
#include "server/store/sqlite_connection.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

using namespace pupitre;
using namespace pupitre::test;

namespace {

std::uint32_t bigEndian32(const std::string& bytes, std::size_t at)
{
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  }
  return value;
}

// Commits recorded in the write-ahead log `walPath` since it was last reset: frames of the
// log's current salt whose header gives the database size after a commit
// (https://www.sqlite.org/fileformat.html, "The WAL File Format").
std::size_t walCommits(const std::filesystem::path& walPath)
{
  std::ifstream in(walPath, std::ios::binary);
  const std::string wal{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (wal.size() < 32) {
    return 0;
  }
  const std::uint32_t pageSize = bigEndian32(wal, 8);
  const std::uint32_t salt1 = bigEndian32(wal, 16);
  const std::uint32_t salt2 = bigEndian32(wal, 20);
  std::size_t commits = 0;
  for (std::size_t frame = 32; frame + 24 + pageSize <= wal.size(); frame += 24 + pageSize) {
    if (bigEndian32(wal, frame + 8) != salt1 || bigEndian32(wal, frame + 12) != salt2) {
      break; // left over from before the log was reset
    }
    if (bigEndian32(wal, frame + 4) != 0) {
      ++commits;
    }
  }
  return commits;
}

struct Grouping : ServiceFixture
{
  std::filesystem::path db = sandbox.dir() / "server.db";
  server::WriteTurns& turns = server::WriteTurns::of(db.string());

  // Waits (bounded) until `n` writers wait for their turn.
  bool waitForWaiting(std::size_t n)
  {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (turns.waiting() < n && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return turns.waiting() >= n;
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(group_commit)

BOOST_FIXTURE_TEST_CASE(pushes_waiting_for_the_writer_are_committed_together, Grouping)
{
  if (testsOnPostgres()) {
    return; // a test of server.db's write-ahead log
  }
  constexpr std::size_t kAccounts = 6;
  std::vector<std::string> tokens;
  for (std::size_t a = 0; a < kAccounts; ++a) {
    const std::string email = "teacher" + std::to_string(a) + "@school.es";
    addAccount(email);
    tokens.push_back(login(email, "dev-" + std::to_string(a)));
  }
  // A writer holds the lock (as a push being applied would) while the six pushes arrive.
  turns.take();
  const std::size_t before = walCommits(db.string() + "-wal");
  std::atomic<int> answered{0};
  std::vector<std::thread> pushes;
  for (std::size_t a = 0; a < kAccounts; ++a) {
    pushes.emplace_back([&, a] {
      const std::string device = "dev-" + std::to_string(a);
      const auto result = service.push(
          tokens[a],
          {1,
           {fieldWrite("class", "c" + std::to_string(a), "name", store::Value{device},
                       stampAt(clock.now() - 1000, device)),
            fieldWrite("class", "c" + std::to_string(a), "subject",
                       store::Value{std::string("maths")}, stampAt(clock.now() - 1000, device))}});
      BOOST_CHECK(result.ok() && result.value().applied == 2);
      ++answered;
    });
    BOOST_REQUIRE(waitForWaiting(a + 1)); // in this order
  }
  BOOST_TEST(answered.load() == 0);
  turns.give();
  for (auto& t : pushes) {
    t.join();
  }
  // One commit for the six pushes (each committed on its own: six).
  BOOST_TEST(walCommits(db.string() + "-wal") - before == 1u);
  for (std::size_t a = 0; a < kAccounts; ++a) {
    BOOST_TEST(pullAll(tokens[a]).changes.size() == 2u);
  }
}

BOOST_FIXTURE_TEST_CASE(a_refused_push_in_a_group_leaves_the_others_committed, Grouping)
{
  if (testsOnPostgres()) {
    return;
  }
  addAccount("ana@school.es");
  addAccount("bruno@school.es");
  addAccount("carla@school.es");
  const std::string ana = login("ana@school.es", "dev-a");
  const std::string bruno = login("bruno@school.es", "dev-b");
  const std::string carla = login("carla@school.es", "dev-c");
  const auto edit = [&](const std::string& row, const std::string& device, std::int64_t ms) {
    return fieldWrite("class", row, "name", store::Value{row}, stampAt(ms, device));
  };
  turns.take();
  std::vector<std::thread> pushes;
  pushes.emplace_back([&] {
    BOOST_CHECK(service.push(ana, {1, {edit("a1", "dev-a", clock.now() - 1000)}}).ok());
  });
  BOOST_REQUIRE(waitForWaiting(1));
  // Refused inside the group (its stamp is a year ahead of the server's clock), after it
  // began: its savepoint is undone, not the group.
  pushes.emplace_back([&] {
    const auto refused =
        service.push(bruno, {1, {edit("b1", "dev-b", clock.now() + 365 * server::kDayMs)}});
    BOOST_CHECK(!refused.ok() && refused.error().code == "clock_ahead");
  });
  BOOST_REQUIRE(waitForWaiting(2));
  pushes.emplace_back([&] {
    BOOST_CHECK(service.push(carla, {1, {edit("c1", "dev-c", clock.now() - 1000)}}).ok());
  });
  BOOST_REQUIRE(waitForWaiting(3));
  turns.give();
  for (auto& t : pushes) {
    t.join();
  }
  BOOST_TEST(pullAll(ana).changes.size() == 1u);
  BOOST_TEST(pullAll(bruno).changes.empty());
  BOOST_TEST(pullAll(carla).changes.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_write_abandoned_last_in_a_group_still_commits_the_others, Grouping)
{
  if (testsOnPostgres()) {
    return;
  }
  addAccount("ana@school.es");
  addAccount("bruno@school.es");
  const std::string ana = login("ana@school.es", "dev-a");
  const std::int64_t brunoId = store.findAccount("bruno@school.es")->id;
  turns.take();
  std::thread pushing([&] {
    BOOST_CHECK(service
                    .push(ana, {1,
                                {fieldWrite("class", "a1", "name", store::Value{std::string("x")},
                                            stampAt(clock.now() - 1000, "dev-a"))}})
                    .ok());
  });
  BOOST_REQUIRE(waitForWaiting(1));
  // The group's last writer writes, then gives up (an exception in a push would): its
  // version goes, ana's stays and is committed by it.
  std::thread abandoning([&] {
    auto txn = store.beginWrite(brunoId, "dev-b");
    txn->putVersion({"class",
                     "b1",
                     "name",
                     store::Value{std::string("y")},
                     stampAt(clock.now() - 1000, "dev-b"),
                     {},
                     txn->nextSeq()});
  });
  BOOST_REQUIRE(waitForWaiting(2));
  turns.give();
  pushing.join();
  abandoning.join();
  BOOST_TEST(pullAll(ana).changes.size() == 1u);
  BOOST_TEST(store.readAfter(brunoId, 0, 10, {}).versions.empty());
  BOOST_TEST(store.lastSeq(brunoId) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
