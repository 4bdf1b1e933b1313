#pragma once
// The simulation's server: server.db in the sandbox and a SyncService on simulated time, as in
// pupitre-server but without HTTP. restart() closes both and opens them again, like a server
// process that stopped and came back.
#include "pupitre/clock/hlc.h"
#include "server/service/sync_service.h"
#include "server/store/sqlite_server_store.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pupitre::sim {

class SimServer
{
public:
  static constexpr const char* kEmail = "teacher@school.example";

  // Opens `path`, which must hold the account (see createAccount). `maxClockAheadMs`: as
  // `serve --max-clock-ahead`; `maxTextBytes`: the longest text value a push may hold.
  SimServer(std::string path, clock::WallClock clock,
            std::int64_t maxClockAheadMs = sync::kMaxClockAheadMs,
            std::size_t maxTextBytes = sync::ServerLimits{}.maxTextBytes);

  // The multi-device account kEmail, made directly in the store: password logins (Argon2id)
  // are deliberately slow and are tested elsewhere.
  static void createAccount(const std::string& path, std::int64_t nowMs);

  server::SyncService& service() { return *m_service; }
  server::ServerStore& store() { return *m_store; }
  std::int64_t accountId() const { return m_accountId; }
  std::int64_t nowMs() const { return m_clock(); }
  // What it announces on every answer, as pupitre-server does.
  sync::ServerLimits limits() const;

  void restart();
  // Links the device with `token` (as a login would) and returns false if refused.
  bool linkDevice(const std::string& deviceId, const std::string& token);
  // The account's data in the canonical export format.
  std::string exportJson();
  // The account's conflict list.
  std::vector<sync::Conflict> conflicts();
  // PRAGMA integrity_check of server.db ("ok" when sound).
  std::string integrityCheck();

private:
  void open();

  std::string m_path;
  clock::WallClock m_clock;
  std::int64_t m_maxClockAheadMs;
  std::size_t m_maxTextBytes;
  std::int64_t m_accountId = 0;
  std::unique_ptr<server::SqliteServerStore> m_store;
  std::unique_ptr<server::SyncService> m_service;
};

} // namespace pupitre::sim
