#pragma once
// Retention on this device when it does not sync (docs/sync-protocol.md, "Retention"). A
// device that syncs receives the server's erasure of deleted records' values with its pulls.
// A device that does not — not signed in, or signed in with a single-device licence, which
// cannot sync — erases them itself, by the same rule: past the retention its server last
// announced at sign-in (30 days when it never signed in), a deleted record keeps only the fact
// that it was deleted, and the picture files only such records named are removed. A pass runs
// at start, then every tenth of the retention (at least every second, at most every hour).
#include "account.h"
#include "shared_database.h"

#include "pupitre/clock/hlc.h"
#include "pupitre/sync/retention.h"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace spdlog {
class logger;
}

namespace pupitre::daemon {

class RetentionKeeper
{
public:
  using Notify = std::function<void(const std::string& method, const Poco::JSON::Object::Ptr&)>;

  RetentionKeeper(std::string databasePath, SharedDatabase& db, Account& account, Notify notify,
                  std::shared_ptr<spdlog::logger> log,
                  clock::WallClock wallClock = clock::systemWallClock());
  ~RetentionKeeper(); // stops
  RetentionKeeper(const RetentionKeeper&) = delete;
  RetentionKeeper& operator=(const RetentionKeeper&) = delete;

  void start();
  void stop();

  // One pass now: what it erased (nothing on a device that syncs, or with retention 0).
  sync::LocalPurge sweep();
  // The retention this device goes by (ms; 0: deleted records keep their values).
  std::int64_t retentionMs();

private:
  void loop();

  std::string m_databasePath;
  SharedDatabase& m_db;
  Account& m_account;
  Notify m_notify;
  std::shared_ptr<spdlog::logger> m_log;
  clock::WallClock m_wallClock;
  std::unique_ptr<store::Database> m_ownDb; // the keeper thread's connection

  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;
};

// How often the keeper looks: a tenth of the retention, between a second and an hour.
std::chrono::milliseconds retentionSweepInterval(std::int64_t retentionMs);

} // namespace pupitre::daemon
