#include "server/time_text.h"

#include "pupitre/clock/calendar.h"

#include <chrono>
#include <ctime>

namespace pupitre::server {

std::string isoUtc(std::int64_t ms)
{
  if (ms <= 0) {
    return {};
  }
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  const std::tm utc = clock::utcCalendar(seconds);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::int64_t systemNowMs()
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace pupitre::server
