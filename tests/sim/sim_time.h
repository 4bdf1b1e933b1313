#pragma once
// The simulation's time: it starts at a fixed moment, and durations are written in these units.
#include <cstdint>

namespace pupitre::sim {

constexpr std::int64_t kStartMs = 1'790'000'000'000;
constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

} // namespace pupitre::sim
