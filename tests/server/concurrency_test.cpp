// Several devices pushing and pulling at once, as the HTTP server's threads do: every write
// lands once, sequence numbers stay unique, nobody sees "database is locked".
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <set>
#include <thread>

using namespace pupitre;
using namespace pupitre::test;

BOOST_AUTO_TEST_SUITE(concurrency)

BOOST_FIXTURE_TEST_CASE(parallel_pushes_and_pulls_lose_nothing, ServiceFixture)
{
  const std::string email = "ana@school.es";
  addAccount(email, "multi", 8);
  constexpr int kDevices = 6;
  constexpr int kBatches = 15;
  constexpr int kRowsPerBatch = 20;
  std::vector<std::string> tokens;
  for (int d = 0; d < kDevices; ++d) {
    tokens.push_back(login(email, "dev-" + std::to_string(d)));
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int d = 0; d < kDevices; ++d) {
    threads.emplace_back([&, d] {
      try {
        for (int b = 1; b <= kBatches; ++b) {
          std::vector<sync::FieldWrite> writes;
          for (int r = 0; r < kRowsPerBatch; ++r) {
            const std::string row =
                "d" + std::to_string(d) + "-b" + std::to_string(b) + "-r" + std::to_string(r);
            writes.push_back(
                fieldWrite("class", row, "name", store::Value{row},
                           stampAt(clock.now() - 1000, "dev-" + std::to_string(d), b)));
          }
          const auto pushed = service.push(tokens[static_cast<std::size_t>(d)], {b, writes});
          const auto pulled = service.pull(tokens[static_cast<std::size_t>(d)], 0, 50);
          if (!pushed.ok() || pushed.value().applied != kRowsPerBatch || !pulled.ok()) {
            ++failures;
          }
        }
      } catch (const std::exception& e) {
        BOOST_TEST_MESSAGE("device " << d << ": " << e.what());
        ++failures;
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  BOOST_TEST(failures.load() == 0);

  const auto all = pullAll(tokens[0], 0, 37);
  BOOST_TEST(all.changes.size() == static_cast<std::size_t>(kDevices * kBatches * kRowsPerBatch));
  std::set<std::string> rows;
  for (const auto& w : all.changes) {
    rows.insert(w.rowId);
  }
  BOOST_TEST(rows.size() == all.changes.size());
  BOOST_TEST(all.cursor == static_cast<std::int64_t>(kDevices * kBatches * kRowsPerBatch));
}

BOOST_AUTO_TEST_SUITE_END()
