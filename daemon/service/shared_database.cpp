#include "shared_database.h"

#include "pupitre/sync/outbox.h"

#include <cstdlib>

namespace pupitre::daemon {

std::optional<std::string> SharedDatabase::setting(const std::string& key)
{
  std::lock_guard lock(m_mutex);
  return m_db.setting(key);
}

void SharedDatabase::setSetting(const std::string& key, const std::string& value)
{
  std::lock_guard lock(m_mutex);
  m_db.setSetting(key, value);
}

std::optional<std::int64_t> SharedDatabase::intSetting(const std::string& key)
{
  const auto text = setting(key);
  if (!text || text->empty()) {
    return std::nullopt;
  }
  char* end = nullptr;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  return *end == '\0' ? std::optional<std::int64_t>(value) : std::nullopt;
}

std::int64_t SharedDatabase::pendingCount()
{
  std::lock_guard lock(m_mutex);
  return sync::pendingCount(m_db);
}

std::vector<sync::HeldRecord> SharedDatabase::heldRecords()
{
  std::lock_guard lock(m_mutex);
  return sync::heldRecords(m_db);
}

} // namespace pupitre::daemon
