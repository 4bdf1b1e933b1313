#pragma once
// Wall-clock and CPU time of a stretch of a benchmark. On a busy machine the CPU time (of
// this process, user + system) is the steadier figure; the wall time is what a teacher waits.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

namespace pupitre::bench {

struct Timing
{
  double wallSeconds = 0;
  double cpuSeconds = 0;
};

class Stopwatch
{
public:
  Stopwatch() : m_wall(std::chrono::steady_clock::now()), m_cpu(std::clock()) {}

  Timing elapsed() const
  {
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - m_wall;
    return {wall.count(), static_cast<double>(std::clock() - m_cpu) / CLOCKS_PER_SEC};
  }

private:
  std::chrono::steady_clock::time_point m_wall;
  std::clock_t m_cpu;
};

// The median wall time and the median CPU time of several runs (the lower middle ones for an
// even count).
inline Timing median(const std::vector<Timing>& runs)
{
  if (runs.empty()) {
    return {};
  }
  std::vector<double> wall;
  std::vector<double> cpu;
  for (const auto& run : runs) {
    wall.push_back(run.wallSeconds);
    cpu.push_back(run.cpuSeconds);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  const std::size_t middle = (runs.size() - 1) / 2;
  return {wall[middle], cpu[middle]};
}

} // namespace pupitre::bench
