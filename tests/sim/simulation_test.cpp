// The seeded simulation of sync.md ("What must be tested"): thousands of scenarios per run.
//   PUPITRE_SIM_SEEDS=N  runs seeds 1..N (default 2000)
//   PUPITRE_SIM_FIRST_SEED=F  starts there instead of 1 (to explore further: F..F+N-1)
//   PUPITRE_SIM_SEED=N   runs seed N alone and prints its steps if it fails
//   PUPITRE_SIM_TRACE=1  prints the steps of a seed run alone even when it passes
//   PUPITRE_SIM_FOLLOW=ID  adds to those steps every write of the records whose id starts
//                        with ID that a device makes, sends or receives
//   PUPITRE_SIM_JOBS=N   threads running seeds side by side (default: the processors, at most
//                        8); a scenario itself never uses threads
#include "scenario.h"
#include "seed_runner.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pupitre::sim {
namespace {

constexpr std::uint64_t kDefaultSeeds = 2000;
constexpr std::size_t kFailuresShown = 5;

std::optional<std::uint64_t> envNumber(const char* name)
{
  const char* text = std::getenv(name);
  if (!text || !*text) {
    return std::nullopt;
  }
  char* end = nullptr;
  const auto value = std::strtoull(text, &end, 10);
  if (*end != '\0') {
    BOOST_FAIL(name << " must be a number, not '" << text << "'");
  }
  return value;
}

bool envFlag(const char* name)
{
  const char* text = std::getenv(name);
  return text && *text && std::string(text) != "0";
}

unsigned jobs()
{
  if (const auto n = envNumber("PUPITRE_SIM_JOBS")) {
    return static_cast<unsigned>(std::max<std::uint64_t>(1, *n));
  }
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

// Runs `seed` alone; the test fails with the scenario's message (and steps) if it fails, or
// if none of its steps mentions `step` (the case a regression seed was kept for).
void expectSeedPasses(std::uint64_t seed, const std::string& step = {})
{
  SimWorkspace workspace;
  const auto result = runScenario(seed, workspace, true);
  if (envFlag("PUPITRE_SIM_TRACE") || !result.passed) {
    std::cout << "--- steps of seed " << seed << "\n" << result.trace << "---\n";
  }
  BOOST_CHECK_MESSAGE(result.passed, result.failure);
  BOOST_CHECK_MESSAGE(result.trace.find(step) != std::string::npos,
                      "seed " << seed << " no longer takes the step '" << step
                              << "': the scenario generator changed; find a seed that does");
}

} // namespace

BOOST_AUTO_TEST_SUITE(simulation)

BOOST_AUTO_TEST_CASE(random_seeds)
{
  if (const auto seed = envNumber("PUPITRE_SIM_SEED")) {
    expectSeedPasses(*seed);
    return;
  }
  const std::uint64_t seeds = envNumber("PUPITRE_SIM_SEEDS").value_or(kDefaultSeeds);
  const unsigned threads = jobs();
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t firstSeed = envNumber("PUPITRE_SIM_FIRST_SEED").value_or(1);
  const auto results = runSeeds(firstSeed, seeds, threads);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ScenarioResult total;
  std::vector<std::uint64_t> failed;
  for (const auto& result : results) {
    total.devices += result.devices;
    total.edits += result.edits;
    total.skippedEdits += result.skippedEdits;
    total.syncs += result.syncs;
    total.faults += result.faults;
    total.deviceRestarts += result.deviceRestarts;
    total.serverRestarts += result.serverRestarts;
    if (!result.passed) {
      failed.push_back(result.seed);
      if (failed.size() <= kFailuresShown) {
        BOOST_ERROR(result.failure);
      }
    }
  }
  BOOST_TEST_MESSAGE("simulation: "
                     << seeds << " seeds in " << seconds << " s (" << threads
                     << " threads): " << total.devices << " devices, " << total.edits << " edits ("
                     << total.skippedEdits << " refused by the rules), " << total.syncs
                     << " syncs, " << total.faults << " faults, " << total.deviceRestarts
                     << " device restarts, " << total.serverRestarts << " server restarts");
  std::vector<const ScenarioResult*> slowest;
  for (const auto& result : results) {
    slowest.push_back(&result);
  }
  const std::size_t shown = std::min<std::size_t>(5, slowest.size());
  std::partial_sort(slowest.begin(), slowest.begin() + static_cast<std::ptrdiff_t>(shown),
                    slowest.end(),
                    [](const auto* a, const auto* b) { return a->seconds > b->seconds; });
  std::string slow;
  for (std::size_t i = 0; i < shown; ++i) {
    slow += " " + std::to_string(slowest[i]->seed) + " (" +
            std::to_string(static_cast<int>(slowest[i]->seconds * 1000)) + " ms)";
  }
  BOOST_TEST_MESSAGE("slowest seeds:" << slow);
  std::string list;
  for (const auto seed : failed) {
    list += " " + std::to_string(seed);
  }
  BOOST_TEST(failed.empty(), failed.size() << " of " << seeds << " seeds failed:" << list);
}

// The same seed gives the same scenario, step by step, however the seeds are spread over
// threads.
BOOST_AUTO_TEST_CASE(a_seed_replays_step_by_step)
{
  SimWorkspace workspace;
  for (const std::uint64_t seed : {7, 847, 1999}) {
    const auto first = runScenario(seed, workspace, true);
    const auto second = runScenario(seed, workspace, true);
    BOOST_TEST(first.passed, first.failure);
    BOOST_TEST(!first.trace.empty());
    BOOST_TEST(first.trace == second.trace, "seed " << seed << " took other steps the second time");
    BOOST_TEST(first.finalJson == second.finalJson);
  }
  const auto parallel = runSeeds(7, 4, 2);
  const auto sequential = runSeeds(7, 4, 1);
  for (std::size_t i = 0; i < parallel.size(); ++i) {
    BOOST_TEST(parallel[i].finalJson == sequential[i].finalJson);
    BOOST_TEST(parallel[i].syncs == sequential[i].syncs);
  }
}

// The oracle notices what a bug in a device's outbox would do: a push that loses a change the
// device believes sent (the value never reaches the server), or sends a write with a wrong
// base (conflicts are then detected wrongly, though every replica may still agree).
BOOST_AUTO_TEST_CASE(the_oracle_notices_a_push_that_loses_a_change_or_carries_a_wrong_base)
{
  SimWorkspace workspace;
  for (const Sabotage sabotage : {Sabotage::LoseOneChange, Sabotage::WrongBase}) {
    int played = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      const auto result = runScenario(seed, workspace, false, sabotage);
      if (result.sabotaged) {
        ++played;
        BOOST_TEST(!result.passed, "seed " << seed << ": the oracle did not notice sabotage "
                                           << static_cast<int>(sabotage));
      } else {
        BOOST_TEST(result.passed, result.failure);
      }
    }
    BOOST_TEST(played >= 6, "sabotage " << static_cast<int>(sabotage) << " played in " << played
                                        << " of 12 seeds");
  }
}

BOOST_AUTO_TEST_SUITE_END()

// Seeds that once failed are reproduced directly in regressions_test.cpp. Seed 847 (a lost
// deletion of a record deleted again, restored) was kept here too until the generator's model
// changed with issue 11 ("7,5" is now a valid mark, among others): no seed of 1-1900 takes
// that step any more, so the direct reproduction is what guards it.

// Issue 12's clock cases, kept as seeds that take them (clock_regressions_test.cpp reproduces
// each directly). Seeds 8 and 2 failed with the offset rule alone (an edit after the clock
// was set back got a stamp 13 minutes old; after it jumped ahead, one 21 hours ahead); seed
// 113 was refused for good when the daemon re-stamped by its own 5 minutes instead of the
// 74 s the server announced; in seed 3 a device restarts its computer 34 minutes ahead and
// its edit is refused, then re-stamped at its own time.
BOOST_AUTO_TEST_SUITE(clock_seeds)

BOOST_AUTO_TEST_CASE(a_clock_set_back_after_a_sync)
{
  expectSeedPasses(8, "'s clock is set back");
}

BOOST_AUTO_TEST_CASE(a_clock_jumping_ahead_after_a_sync)
{
  expectSeedPasses(2, "'s clock jumps ahead");
}

BOOST_AUTO_TEST_CASE(a_computer_restarted_with_its_clock_ahead)
{
  expectSeedPasses(3, "restarts its computer, its clock 2026462 ms off");
  // Measured at the sync's first answer, before accepted batches corrected the clock (0 then).
  expectSeedPasses(3, "by a clock error of 2116622 ms");
}

BOOST_AUTO_TEST_CASE(a_server_allowing_less_than_five_minutes_ahead)
{
  expectSeedPasses(113, "server clock limit 73764 ms");
}

BOOST_AUTO_TEST_SUITE_END()

// Texts longer than the server takes (4 KiB in the simulation): the record is held back on
// its device, reaches no one else, and everything else converges. In seed 38 two devices each
// keep one to the end; in seed 10 device 0 shortens its entry later (after its clock jumped),
// which then syncs everywhere, while device 1 keeps its own.
BOOST_AUTO_TEST_SUITE(large_field_seeds)

BOOST_AUTO_TEST_CASE(a_text_longer_than_the_server_takes_stays_on_its_device)
{
  expectSeedPasses(38, "device 0 holds back 1 records, as it should");
  expectSeedPasses(38, "device 2 holds back 1 records, as it should");
}

BOOST_AUTO_TEST_CASE(a_long_text_shortened_later_syncs_everywhere)
{
  expectSeedPasses(10, "d0 after its clock jumped: update journal entry 23c5bed9");
  expectSeedPasses(10, "device 1 holds back 1 records, as it should");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(conflict_seeds)

// Seed 183: device 1's pending mark loses, during a pull, to a newer write from device 2 before
// it is sent; the loss was in device 1's conflict list only until devices reported such
// losses in their next push.
BOOST_AUTO_TEST_CASE(a_pending_edit_that_loses_before_it_is_sent_reaches_the_servers_list)
{
  expectSeedPasses(183);
}

BOOST_AUTO_TEST_SUITE_END()

} // namespace pupitre::sim
