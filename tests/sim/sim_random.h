#pragma once
// The simulation's only source of chance: std::mt19937_64 from the seed, with its own small
// helpers instead of std::uniform_*_distribution (whose results differ between standard
// libraries), so a seed replays the same scenario everywhere.
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace pupitre::sim {

class SimRandom
{
public:
  explicit SimRandom(std::uint64_t seed) : m_engine(seed) {}

  std::uint64_t next() { return m_engine(); }
  // 0 .. n-1 (0 when n is 0).
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(m_engine() % n); }
  // lo .. hi inclusive.
  std::int64_t between(std::int64_t lo, std::int64_t hi)
  {
    return lo + static_cast<std::int64_t>(m_engine() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  // True with probability p.
  bool chance(double p) { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53 < p; }
  template <class T> const T& pick(const std::vector<T>& items)
  {
    return items[below(items.size())];
  }

private:
  std::mt19937_64 m_engine;
};

} // namespace pupitre::sim
