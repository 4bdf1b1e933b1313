#pragma once
// pupitred's sync worker: one sync at a time on its own thread and its own database
// connection, started on request or by the schedule (sync_schedule.h). It reports through
// notifications (sync.started, sync.progress, sync.finished, sync.failed, data.changed,
// state.changed) and keeps the state `status` shows: idle, syncing, offline (the server
// could not be reached), error (it refused, with its sentence) or signed_out.
#include "account.h"
#include "shared_database.h"

#include "pupitre/clock/hlc.h"
#include "pupitre/policy/policy.h"
#include "pupitre/store/database.h"
#include "pupitre/sync/held_records.h"

#include <Poco/JSON/Object.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace spdlog {
class logger;
}

namespace pupitre::daemon {

using Notify =
    std::function<void(const std::string& method, const Poco::JSON::Object::Ptr& params)>;

// What a sync transfers: the data (rows), and the bytes of students' pictures and of
// resource files (blob_sync.h).
struct SyncParts
{
  bool data = true;
  bool pictures = false;
  bool resources = false;
};

struct SyncState
{
  std::string state;     // ipc::states
  std::string reason;    // why offline / error / signed out; empty when idle
  std::string runningId; // the sync in progress, if any
  std::optional<std::int64_t> lastSyncMs;
  std::optional<std::int64_t> scheduleMinutes; // nullopt: only when asked
  std::optional<std::int64_t> nextSyncMs;
};

// A record held back from the sync (sync/held_records.h) as IPC JSON: {"table", "row_id",
// "field", "size", "limit", "code", "message"} (`message`: the sentence for the teacher).
Poco::JSON::Object::Ptr heldRecordJson(const sync::HeldRecord& record);

class SyncRunner
{
public:
  SyncRunner(std::string databasePath, SharedDatabase& db, Account& account,
             TransportFactory transports, net::TlsTrust tls, Notify notify,
             std::shared_ptr<spdlog::logger> log,
             clock::WallClock wallClock = clock::systemWallClock());
  ~SyncRunner(); // stops
  SyncRunner(const SyncRunner&) = delete;
  SyncRunner& operator=(const SyncRunner&) = delete;

  // The school's policy the schedule and the automatic syncs' parts follow (before start()).
  void setPolicy(policy::Policy policy) { m_policy = std::move(policy); }
  void start();
  // Waits for a running sync to end (the engine leaves nothing half-done either way).
  void stop();

  // Asks for a sync of the data: at once, or after the one running (which may have missed
  // the latest edits). Requests made before it starts share it. Returns the id its
  // notifications carry. A queued sync does everything its requests asked for. Throws
  // NotSignedIn.
  std::string requestSync(SyncParts parts = {});
  // Cancels the running sync (the request under way is abandoned at once; what was not
  // acknowledged stays pending, an in-flight batch is sent again by the next sync) and the
  // one queued after it. The sync ends with sync.failed, code "cancelled", and the state
  // goes back to idle. Returns the id of the sync cancelled, nullopt when none ran or waited.
  std::optional<std::string> cancelSync();
  // nullopt or 0: only when asked. Throws ValidationError outside 1..kMaxScheduleMinutes,
  // policy::PolicyRefusal when the school's policy locks the schedule or sets a longer
  // minimum. The schedule that applies is the effective one (effective_settings.h).
  void setSchedule(std::optional<std::int64_t> minutes);
  // After a sign-in or sign-out: resets the state and the retry delays.
  void accountChanged();
  SyncState snapshot();

private:
  void loop();
  // What an automatic (scheduled) sync includes: the data, and pictures and resources as
  // this device last chose them (sync::settings::kIncludePictures / kIncludeResources).
  SyncParts automaticParts();
  // Runs one sync; returns the notifications that announce its outcome.
  std::vector<std::pair<std::string, Poco::JSON::Object::Ptr>> runOnce(const std::string& id,
                                                                       SyncParts parts);
  // Records the outcome of a failed sync and returns the code for sync.failed.
  std::string recordFailure(const std::string& id);
  std::string effectiveStateLocked() const;
  void publishState(bool force = false);

  const std::string m_databasePath;
  SharedDatabase& m_db;
  Account& m_account;
  TransportFactory m_transports;
  net::TlsTrust m_tls; // for the blob stages' connections
  Notify m_notify;
  std::shared_ptr<spdlog::logger> m_log;
  clock::WallClock m_clock;
  policy::Policy m_policy;

  std::unique_ptr<store::Database> m_engineDb; // the worker thread's own connection
  std::thread m_thread;

  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_started = false;
  bool m_stopping = false;
  bool m_signedIn = false;
  bool m_requested = false;
  std::string m_requestedId;
  SyncParts m_requestedParts{false, false, false};
  std::string m_runningId;
  bool m_cancelRequested = false;         // for m_runningId
  sync::Transport* m_transport = nullptr; // the running sync's, for cancelSync()
  std::uint64_t m_nextId = 1;
  std::string m_state;
  std::string m_reason;
  int m_failures = 0;
  std::optional<std::int64_t> m_retryAtMs;
  std::optional<std::int64_t> m_scheduleMinutes;
  std::optional<std::int64_t> m_lastSyncMs;
  std::pair<std::string, std::string> m_published;
};

} // namespace pupitre::daemon
