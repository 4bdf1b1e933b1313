#include "pupitre/clock/calendar.h"

namespace pupitre::clock {

std::tm utcCalendar(std::time_t seconds) noexcept
{
  std::tm fields{};
#ifdef _WIN32
  if (gmtime_s(&fields, &seconds) != 0) {
    fields = std::tm{};
  }
#else
  if (gmtime_r(&seconds, &fields) == nullptr) {
    fields = std::tm{};
  }
#endif
  return fields;
}

std::tm localCalendar(std::time_t seconds) noexcept
{
  std::tm fields{};
#ifdef _WIN32
  if (localtime_s(&fields, &seconds) != 0) {
    fields = std::tm{};
  }
#else
  if (localtime_r(&seconds, &fields) == nullptr) {
    fields = std::tm{};
  }
#endif
  return fields;
}

} // namespace pupitre::clock
