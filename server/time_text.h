#pragma once
// Times as the API and the admin commands show them.
#include <cstdint>
#include <string>

namespace pupitre::server {

// "2026-11-28T10:15:02Z" (UTC) for milliseconds since the Unix epoch; "" for 0.
std::string isoUtc(std::int64_t ms);
// The system clock, in milliseconds since the Unix epoch.
std::int64_t systemNowMs();

} // namespace pupitre::server
