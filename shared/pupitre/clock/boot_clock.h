#pragma once
// The boot clock: time since the computer started, counting suspend, which no one sets by
// hand and which never jumps, and the id of the current boot. With the server's time read at
// the last sync it tells the time when the wall clock is set back or ahead between syncs
// (docs/sync-protocol.md, "Clocks"): while the boot is the same, a wall clock that disagrees
// with "server time at the last sync + boot-clock time elapsed" is corrected by it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace pupitre::clock {

// One reading of the boot clock.
struct BootTime
{
  std::string bootId;           // another value after every start of the computer; "" = unknown
  std::int64_t sinceBootMs = 0; // milliseconds since the start, suspend included
};

// Injectable like WallClock: tests and the simulation drive their own. An empty BootClock
// means none (the corrected time is the wall clock plus the server offset, as after a reboot).
using BootClock = std::function<BootTime()>;

// The system's: CLOCK_BOOTTIME and /proc/sys/kernel/random/boot_id on Linux,
// mach_continuous_time and kern.bootsessionuuid on macOS, GetTickCount64 and the boot time it
// implies on Windows. The boot id is read once; PUPITRE_BOOT_ID replaces it (tests use it to
// play a computer that was restarted).
BootClock systemBootClock();

// The server's time at a sync together with the boot clock read at that moment.
struct ClockAnchor
{
  std::string bootId;
  std::int64_t serverMs = 0;
  std::int64_t sinceBootMs = 0;
};

// A wall clock within this of the anchor's time is believed; the boot clock's own drift
// allowance grows with the time since the anchor (0.01 %: 8.6 s a day).
constexpr std::int64_t kBootClockToleranceMs = 2000;
constexpr std::int64_t kBootClockDriftDivisor = 10'000;

// "Server time at the anchor + boot-clock time elapsed", or nullopt when the anchor is from
// another boot (or the boot is unknown, or the boot clock went backwards).
std::optional<std::int64_t> anchoredTimeMs(const ClockAnchor& anchor, const BootTime& now);

// The time new stamps get: `offsetCorrectedMs` (the wall clock plus the server offset), unless
// the anchor, from this boot, disagrees with it by more than the tolerance: then the anchor's.
std::int64_t correctedTimeMs(std::int64_t offsetCorrectedMs,
                             const std::optional<ClockAnchor>& anchor, const BootTime& now);

// "BOOT_ID SERVER_MS SINCE_BOOT_MS", as the device database keeps it; parseAnchor gives
// nullopt for text that is not one.
std::string formatAnchor(const ClockAnchor& anchor);
std::optional<ClockAnchor> parseAnchor(const std::string& text);

} // namespace pupitre::clock
