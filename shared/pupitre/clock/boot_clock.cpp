#include "pupitre/clock/boot_clock.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#if defined(_WIN32)
#include <windows.h>
#elif defined(__APPLE__)
#include <mach/mach_time.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#else
#include <time.h>
#endif

namespace pupitre::clock {
namespace {

// Ids are kept in one line of text with blanks between its parts.
std::string oneWord(std::string text)
{
  for (char& c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      c = '_';
    }
  }
  return text;
}

#if defined(_WIN32)

// GetTickCount64 counts from the start of Windows, sleep and hibernation included.
std::int64_t sinceBootMs()
{
  return static_cast<std::int64_t>(GetTickCount64());
}

// Windows has no boot id a program can read cheaply: the start time (the wall clock minus the
// tick count) to the minute stands for it. A wall clock set between two programs' starts
// makes them see different boots, and the offset rule alone applies (docs/sync-protocol.md).
std::string systemBootId()
{
  FILETIME now{};
  GetSystemTimeAsFileTime(&now);
  ULARGE_INTEGER ticks{};
  ticks.LowPart = now.dwLowDateTime;
  ticks.HighPart = now.dwHighDateTime;
  const std::int64_t nowMs = static_cast<std::int64_t>(ticks.QuadPart / 10'000);
  const std::int64_t bootMs = nowMs - static_cast<std::int64_t>(GetTickCount64());
  return "windows-" + std::to_string((bootMs + 30'000) / 60'000);
}

#elif defined(__APPLE__)

// mach_continuous_time goes on while the Mac sleeps (mach_absolute_time does not).
std::int64_t sinceBootMs()
{
  static const mach_timebase_info_data_t timebase = [] {
    mach_timebase_info_data_t info{};
    mach_timebase_info(&info);
    return info;
  }();
  const long double ns = static_cast<long double>(mach_continuous_time()) * timebase.numer /
                         (timebase.denom ? timebase.denom : 1);
  return static_cast<std::int64_t>(ns / 1'000'000);
}

// kern.bootsessionuuid is new at every boot; kern.boottime (which moves with the wall clock)
// when it is missing.
std::string systemBootId()
{
  char uuid[128] = {};
  std::size_t size = sizeof uuid - 1;
  if (sysctlbyname("kern.bootsessionuuid", uuid, &size, nullptr, 0) == 0 && uuid[0] != '\0') {
    return uuid;
  }
  timeval boot{};
  size = sizeof boot;
  if (sysctlbyname("kern.boottime", &boot, &size, nullptr, 0) == 0) {
    return "macos-" + std::to_string(static_cast<long long>(boot.tv_sec));
  }
  return {};
}

#else

// CLOCK_BOOTTIME: CLOCK_MONOTONIC plus the time suspended; never set, never stepped. (Other
// Unix systems: CLOCK_MONOTONIC, and no boot id, so the rule does not apply there.)
std::int64_t sinceBootMs()
{
  timespec now{};
#ifdef CLOCK_BOOTTIME
  if (clock_gettime(CLOCK_BOOTTIME, &now) == 0) {
    return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
  }
#endif
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

std::string systemBootId()
{
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

#endif

} // namespace

BootClock systemBootClock()
{
  std::string bootId;
  if (const char* forced = std::getenv("PUPITRE_BOOT_ID"); forced && *forced) {
    bootId = forced;
  } else {
    bootId = systemBootId();
  }
  bootId = oneWord(bootId);
  return [bootId] { return BootTime{bootId, sinceBootMs()}; };
}

std::optional<std::int64_t> anchoredTimeMs(const ClockAnchor& anchor, const BootTime& now)
{
  if (anchor.bootId.empty() || anchor.bootId != now.bootId ||
      now.sinceBootMs < anchor.sinceBootMs) {
    return std::nullopt;
  }
  return anchor.serverMs + (now.sinceBootMs - anchor.sinceBootMs);
}

std::int64_t correctedTimeMs(std::int64_t offsetCorrectedMs,
                             const std::optional<ClockAnchor>& anchor, const BootTime& now)
{
  if (!anchor) {
    return offsetCorrectedMs;
  }
  const auto anchored = anchoredTimeMs(*anchor, now);
  if (!anchored) {
    return offsetCorrectedMs;
  }
  const std::int64_t tolerance =
      kBootClockToleranceMs + (now.sinceBootMs - anchor->sinceBootMs) / kBootClockDriftDivisor;
  const std::int64_t difference = offsetCorrectedMs - *anchored;
  return difference > tolerance || difference < -tolerance ? *anchored : offsetCorrectedMs;
}

std::string formatAnchor(const ClockAnchor& anchor)
{
  return oneWord(anchor.bootId) + " " + std::to_string(anchor.serverMs) + " " +
         std::to_string(anchor.sinceBootMs);
}

std::optional<ClockAnchor> parseAnchor(const std::string& text)
{
  std::istringstream in(text);
  ClockAnchor anchor;
  std::string serverMs;
  std::string sinceBootMs;
  if (!(in >> anchor.bootId >> serverMs >> sinceBootMs)) {
    return std::nullopt;
  }
  const auto number = [](const std::string& word, std::int64_t& out) {
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), out);
    return error == std::errc{} && end == word.data() + word.size();
  };
  if (!number(serverMs, anchor.serverMs) || !number(sinceBootMs, anchor.sinceBootMs)) {
    return std::nullopt;
  }
  return anchor;
}

} // namespace pupitre::clock
