#pragma once
// Runs many seeds, spread over worker threads. Each scenario stays single-threaded and
// deterministic; only whole seeds run side by side, each thread in its own workspace, so a
// seed's result does not depend on the number of threads.
#include "scenario.h"

#include <cstdint>
#include <vector>

namespace pupitre::sim {

// Results in seed order: first, first + 1, ...
std::vector<ScenarioResult> runSeeds(std::uint64_t first, std::uint64_t count, unsigned jobs);

} // namespace pupitre::sim
