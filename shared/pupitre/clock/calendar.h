#pragma once
// Calendar fields of a moment, thread-safe on every platform: gmtime_r/localtime_r on POSIX,
// gmtime_s/localtime_s on Windows (which has no *_r functions).
#include <ctime>

namespace pupitre::clock {

// The UTC calendar fields of `seconds` since the Unix epoch (all zero when out of range).
std::tm utcCalendar(std::time_t seconds) noexcept;

// The calendar fields of `seconds` in the machine's time zone (all zero when out of range).
std::tm localCalendar(std::time_t seconds) noexcept;

} // namespace pupitre::clock
