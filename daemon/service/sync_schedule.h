#pragma once
// When pupitred syncs by itself: every N minutes after the last successful sync (at once
// when that is already older than the interval), and after a failure sooner or later: an
// unreachable server is retried with a doubling delay capped at 5 minutes (never later than
// the interval), a refusal at the next interval. With the schedule off, only when asked.
#include <chrono>
#include <cstdint>
#include <optional>

namespace pupitre::daemon {

constexpr std::int64_t kMaxScheduleMinutes = 7 * 24 * 60;
constexpr std::chrono::milliseconds kFirstRetryDelay{15'000};
constexpr std::chrono::milliseconds kMaxRetryDelay{5 * 60'000};

// The delay before the next attempt after `failures` failed ones in a row (1, 2, ...).
std::chrono::milliseconds offlineRetryDelay(int failures,
                                            std::optional<std::int64_t> scheduleMinutes);

// The moment (ms) the next automatic sync is due, or nullopt when none is (schedule off).
// `retryAtMs` is set after a failure and wins over the regular time.
std::optional<std::int64_t> nextAutomaticSync(std::optional<std::int64_t> scheduleMinutes,
                                              std::optional<std::int64_t> lastSuccessMs,
                                              std::optional<std::int64_t> retryAtMs);

} // namespace pupitre::daemon
