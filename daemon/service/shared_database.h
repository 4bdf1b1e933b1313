#pragma once
// The daemon's connection to the database for its IPC threads: settings, the pending count.
// One mutex serialises them (a store::Database is one SQLite connection and not meant for
// several threads); the sync worker has its own connection. Every call is a short
// transaction, never one across a network call.
#include "pupitre/store/database.h"
#include "pupitre/sync/held_records.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::daemon {

class SharedDatabase
{
public:
  explicit SharedDatabase(const std::string& path) : m_db(path) {}

  const std::string& path() const { return m_db.path(); }
  const std::string& deviceId() const { return m_db.deviceId(); }

  std::optional<std::string> setting(const std::string& key);
  void setSetting(const std::string& key, const std::string& value);
  std::optional<std::int64_t> intSetting(const std::string& key);
  std::int64_t pendingCount();
  // The records the server cannot take, held back on this device (sync/held_records.h).
  std::vector<sync::HeldRecord> heldRecords();

private:
  std::mutex m_mutex;
  store::Database m_db;
};

} // namespace pupitre::daemon
