#pragma once
// Licences: "single" (one device, no sync) and "multi" (sync between several devices).
#include <cstdint>
#include <string>

namespace pupitre::server::licence {

inline constexpr const char* kSingle = "single";
inline constexpr const char* kMulti = "multi";
inline constexpr std::int64_t kDefaultMultiDevices = 5;
inline constexpr std::int64_t kDefaultStorageQuota = 1'000'000'000; // 1 GB, shown as "1.0 GB"

inline bool isKnown(const std::string& licence)
{
  return licence == kSingle || licence == kMulti;
}
inline bool allowsSync(const std::string& licence)
{
  return licence == kMulti;
}
inline std::int64_t defaultDevices(const std::string& licence)
{
  return licence == kMulti ? kDefaultMultiDevices : 1;
}

} // namespace pupitre::server::licence
