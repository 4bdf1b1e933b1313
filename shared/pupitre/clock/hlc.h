#pragma once
// Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014): a 64-bit stamp
// of 48 bits of milliseconds since the Unix epoch and a 16-bit counter. Stamps compare as
// plain integers; ties between devices break on the device UUID (see sync::Stamp).
#include <cstdint>
#include <functional>
#include <string>

namespace pupitre::clock {

using Hlc = std::uint64_t;

constexpr int kCounterBits = 16;
constexpr std::uint64_t kCounterMask = (1u << kCounterBits) - 1;
constexpr std::uint64_t kMaxPhysicalMs = (std::uint64_t{1} << 48) - 1;

constexpr Hlc makeHlc(std::uint64_t ms, std::uint64_t counter)
{
  return (ms << kCounterBits) | (counter & kCounterMask);
}
constexpr std::uint64_t physicalMs(Hlc stamp) { return stamp >> kCounterBits; }
constexpr std::uint64_t counterOf(Hlc stamp) { return stamp & kCounterMask; }

// The next local stamp after `last`, given the (offset-corrected) wall clock `wallMs`.
// Always greater than `last`: a wall clock that goes backwards or stands still advances
// the counter, and a full counter borrows one millisecond.
Hlc tick(Hlc last, std::int64_t wallMs);

// `last` moved past a stamp received from elsewhere: the next tick() is greater than both.
constexpr Hlc observe(Hlc last, Hlc received) { return received > last ? received : last; }

// "2026-11-28T10:15:02.123Z#4" — for logs, conflict lists and the CLI.
std::string formatHlc(Hlc stamp);

// Milliseconds since the Unix epoch. Injectable so tests can move time.
using WallClock = std::function<std::int64_t()>;

// The system clock, shifted by PUPITRE_CLOCK_SKEW_MS (read once) when that is set: tests
// use it to play a device whose clock is wrong.
WallClock systemWallClock();

} // namespace pupitre::clock
