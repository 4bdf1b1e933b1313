#pragma once
// A small seeded random source (SplitMix64) whose sequence is the same on every platform and
// standard library, so a workload generated from a seed is the same everywhere.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>

namespace pupitre::bench {

class Random
{
public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}

  std::uint64_t next()
  {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // 0 <= result < n (n > 0).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  // 0 <= result < 1.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double probability) { return unit() < probability; }
  // Normally distributed (Box–Muller).
  double normal(double mean, double deviation)
  {
    const double u1 = 1.0 - unit(); // (0, 1]
    const double u2 = unit();
    return mean +
           deviation * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  template <class T, std::size_t N> const T& pick(const T (&items)[N]) { return items[below(N)]; }

private:
  std::uint64_t m_state;
};

} // namespace pupitre::bench
