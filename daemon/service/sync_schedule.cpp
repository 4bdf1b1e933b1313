#include "sync_schedule.h"

#include <algorithm>

namespace pupitre::daemon {

std::chrono::milliseconds offlineRetryDelay(int failures,
                                            std::optional<std::int64_t> scheduleMinutes)
{
  std::chrono::milliseconds delay = kFirstRetryDelay;
  for (int i = 1; i < failures && delay < kMaxRetryDelay; ++i) {
    delay *= 2;
  }
  delay = std::min(delay, kMaxRetryDelay);
  if (scheduleMinutes && *scheduleMinutes > 0) {
    delay = std::min<std::chrono::milliseconds>(delay, std::chrono::minutes(*scheduleMinutes));
  }
  return delay;
}

std::optional<std::int64_t> nextAutomaticSync(std::optional<std::int64_t> scheduleMinutes,
                                              std::optional<std::int64_t> lastSuccessMs,
                                              std::optional<std::int64_t> retryAtMs)
{
  if (!scheduleMinutes || *scheduleMinutes <= 0) {
    return std::nullopt;
  }
  if (retryAtMs) {
    return retryAtMs;
  }
  if (!lastSuccessMs) {
    return 0; // never synced: due now
  }
  return *lastSuccessMs + *scheduleMinutes * 60'000;
}

} // namespace pupitre::daemon
