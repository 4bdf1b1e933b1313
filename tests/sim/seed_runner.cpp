#include "seed_runner.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

namespace pupitre::sim {

std::vector<ScenarioResult> runSeeds(std::uint64_t first, std::uint64_t count, unsigned jobs)
{
  std::vector<ScenarioResult> results(count);
  std::atomic<std::uint64_t> next{0};
  std::mutex errorMutex;
  std::exception_ptr error;
  auto work = [&] {
    try {
      SimWorkspace workspace;
      for (std::uint64_t i = next++; i < count; i = next++) {
        const auto start = std::chrono::steady_clock::now();
        results[i] = runScenario(first + i, workspace);
        results[i].seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      }
    } catch (...) { // the workspace could not be made: nothing a seed did
      std::lock_guard lock(errorMutex);
      error = std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) {
    threads.emplace_back(work);
  }
  work();
  for (auto& thread : threads) {
    thread.join();
  }
  if (error) {
    std::rethrow_exception(error);
  }
  return results;
}

} // namespace pupitre::sim
