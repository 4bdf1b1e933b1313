#include "pupitre/clock/hlc.h"

#include "pupitre/clock/calendar.h"

#include "pupitre/error.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace pupitre::clock {

Hlc tick(Hlc last, std::int64_t wallMs)
{
  const std::uint64_t wall = wallMs < 0 ? 0 : static_cast<std::uint64_t>(wallMs);
  const std::uint64_t lastMs = physicalMs(last);
  if (wall > lastMs && wall <= kMaxPhysicalMs) {
    return makeHlc(wall, 0);
  }
  if (counterOf(last) < kCounterMask) {
    return last + 1;
  }
  if (lastMs >= kMaxPhysicalMs) {
    throw Error("The clock has reached its maximum value; no more changes can be recorded.");
  }
  return makeHlc(lastMs + 1, 0);
}

std::string formatHlc(Hlc stamp)
{
  const auto ms = physicalMs(stamp);
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  const std::tm tm = utcCalendar(seconds);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ#%u", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<unsigned>(ms % 1000), static_cast<unsigned>(counterOf(stamp)));
  return text;
}

WallClock systemWallClock()
{
  std::int64_t skew = 0;
  if (const char* text = std::getenv("PUPITRE_CLOCK_SKEW_MS")) {
    char* end = nullptr;
    const long long parsed = std::strtoll(text, &end, 10);
    if (end != text && *end == '\0') {
      skew = parsed;
    }
  }
  return [skew] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count() +
           skew;
  };
}

} // namespace pupitre::clock
