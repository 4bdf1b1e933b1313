#include "sync_runner.h"

#include "blob_sync.h"
#include "effective_settings.h"
#include "sync_schedule.h"

#include "pupitre/backup/backups.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/sync/engine.h"

#include <Poco/JSON/Array.h>
#include <spdlog/spdlog.h>

#include <cmath>

namespace pupitre::daemon {
namespace {

namespace notifications = ipc::notifications;
namespace states = ipc::states;
using Poco::JSON::Object;

// sync.finished's warning when the automatic backup before applying remote changes failed.
constexpr const char* kBackupFailedSentence =
    PUPITRE_TR("Couldn't back up this computer's data before receiving your other devices' "
               "changes (%1). The changes were received anyway and nothing was lost; free some "
               "disk space so that the next backups can be made.");

constexpr std::chrono::seconds kLongestSleep{1}; // the schedule is looked at every second

Object::Ptr syncEvent(const std::string& id)
{
  Object::Ptr params = new Object;
  params->set("id", id);
  return params;
}

// The blob stages' figures in sync.finished: per stage, the account's storage and the
// warnings (files refused by the server, after `warnings` already given), which are also
// kept for `status`.
void addBlobResults(Object& finished, const std::vector<BlobStageReport>& stages,
                    store::Database& db, spdlog::logger& log, Poco::JSON::Array::Ptr warnings)
{
  blobs::StorageFigures storage;
  for (const auto& stage : stages) {
    finished.set(stage.stage, blobStageJson(stage));
    for (const auto& warning : stage.transfer.warnings) {
      warnings->add(warning);
      log.warn("{}: {}", stage.stage, warning);
    }
    if (stage.transfer.storage.quota > 0) {
      storage = stage.transfer.storage;
    }
  }
  finished.set("warnings", warnings);
  if (storage.quota > 0) {
    db.setSetting(settings::kStorageUsed, std::to_string(storage.used));
    db.setSetting(settings::kStorageQuota, std::to_string(storage.quota));
    finished.set("storage_used", storage.used);
    finished.set("storage_quota", storage.quota);
  }
}

} // namespace

Object::Ptr heldRecordJson(const sync::HeldRecord& record)
{
  Object::Ptr json = new Object;
  json->set("table", record.table);
  json->set("row_id", record.rowId);
  json->set("field", record.field);
  json->set("size", record.size);
  json->set("limit", record.limit);
  json->set("code", record.code);
  json->set("message", record.sentence);
  return json;
}

SyncRunner::SyncRunner(std::string databasePath, SharedDatabase& db, Account& account,
                       TransportFactory transports, net::TlsTrust tls, Notify notify,
                       std::shared_ptr<spdlog::logger> log, clock::WallClock wallClock)
    : m_databasePath(std::move(databasePath)), m_db(db), m_account(account),
      m_transports(std::move(transports)), m_tls(std::move(tls)), m_notify(std::move(notify)),
      m_log(std::move(log)), m_clock(std::move(wallClock)), m_state(states::kIdle)
{
}

SyncRunner::~SyncRunner()
{
  stop();
}

SyncParts SyncRunner::automaticParts()
{
  // The data, and the optional parts as this device last chose them in the app.
  // The school's policy may preset or lock them (effective_settings.h).
  const auto effective = effectiveSettings(m_policy, m_db);
  return {true, effective.syncPictures, effective.syncResources};
}

void SyncRunner::start()
{
  const auto schedule = effectiveSettings(m_policy, m_db).scheduleMinutes;
  const auto lastSync = m_db.intSetting(settings::kLastSync);
  const bool signedIn = m_account.credentials().has_value();
  {
    std::lock_guard lock(m_mutex);
    m_scheduleMinutes = schedule;
    m_lastSyncMs = lastSync;
    m_signedIn = signedIn;
    m_published = {effectiveStateLocked(), m_reason};
    m_started = true;
  }
  m_thread = std::thread([this] { loop(); });
}

void SyncRunner::stop()
{
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

std::string SyncRunner::requestSync(SyncParts parts)
{
  if (!m_account.credentials()) {
    throw NotSignedIn();
  }
  // A sync already running may have pushed before the caller's last edit: queue one more,
  // shared by every request that comes until it starts.
  std::lock_guard lock(m_mutex);
  if (!m_requested) {
    m_requested = true;
    m_requestedId = "sync-" + std::to_string(m_nextId++);
    m_requestedParts = {false, false, false};
    m_wake.notify_all();
  }
  m_requestedParts.data = m_requestedParts.data || parts.data;
  m_requestedParts.pictures = m_requestedParts.pictures || parts.pictures;
  m_requestedParts.resources = m_requestedParts.resources || parts.resources;
  return m_requestedId;
}

std::optional<std::string> SyncRunner::cancelSync()
{
  std::lock_guard lock(m_mutex);
  std::optional<std::string> cancelled;
  if (m_requested) {
    m_requested = false; // the sync queued after the running one
    m_requestedParts = {false, false, false};
    cancelled = m_requestedId;
  }
  if (!m_runningId.empty()) {
    m_cancelRequested = true;
    if (m_transport) {
      m_transport->cancel();
    }
    cancelled = m_runningId;
  }
  if (cancelled) {
    m_log->info("Sync {} cancelled on request", *cancelled);
  }
  return cancelled;
}

void SyncRunner::setSchedule(std::optional<std::int64_t> minutes)
{
  policy::checkSchedule(m_policy, minutes);
  if (minutes && (*minutes < 0 || *minutes > kMaxScheduleMinutes)) {
    throw ValidationError("The interval must be between 1 and " +
                          std::to_string(kMaxScheduleMinutes) + " minutes (or off).");
  }
  if (minutes && *minutes == 0) {
    minutes.reset();
  }
  // "0": the teacher chose "only when asked" (a school's preset no longer applies).
  m_db.setSetting(settings::kScheduleMinutes, minutes ? std::to_string(*minutes) : "0");
  minutes = effectiveSettings(m_policy, m_db).scheduleMinutes;
  {
    std::lock_guard lock(m_mutex);
    m_scheduleMinutes = minutes;
    if (!minutes) {
      m_retryAtMs.reset();
    }
  }
  if (minutes) {
    m_log->info("Automatic sync every {} minutes", *minutes);
  } else {
    m_log->info("Automatic sync off: syncs run when asked");
  }
  m_wake.notify_all();
  publishState(true);
}

void SyncRunner::accountChanged()
{
  const bool signedIn = m_account.credentials().has_value();
  {
    std::lock_guard lock(m_mutex);
    m_signedIn = signedIn;
    m_state = states::kIdle;
    m_reason.clear();
    m_failures = 0;
    m_retryAtMs.reset();
  }
  m_wake.notify_all();
  if (m_started) {
    publishState();
  }
}

std::string SyncRunner::effectiveStateLocked() const
{
  if (!m_runningId.empty()) {
    return states::kSyncing;
  }
  return m_signedIn ? m_state : states::kSignedOut;
}

SyncState SyncRunner::snapshot()
{
  std::lock_guard lock(m_mutex);
  SyncState state{effectiveStateLocked(), m_reason,          m_runningId,
                  m_lastSyncMs,           m_scheduleMinutes, std::nullopt};
  if (m_signedIn) {
    if (const auto due = nextAutomaticSync(m_scheduleMinutes, m_lastSyncMs, m_retryAtMs)) {
      state.nextSyncMs = std::max(*due, m_clock());
    }
  }
  return state;
}

void SyncRunner::publishState(bool force)
{
  Object::Ptr params = new Object;
  {
    std::lock_guard lock(m_mutex);
    std::pair<std::string, std::string> current{effectiveStateLocked(), m_reason};
    if (current == m_published && !force) {
      return;
    }
    m_published = current;
    params->set("state", current.first);
    params->set("reason",
                current.second.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(current.second));
    params->set("schedule_minutes",
                m_scheduleMinutes ? Poco::Dynamic::Var(*m_scheduleMinutes) : Poco::Dynamic::Var());
  }
  m_notify(notifications::kStateChanged, params);
}

void SyncRunner::loop()
{
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    bool automatic = false;
    if (!m_requested) {
      const auto due = m_signedIn ? nextAutomaticSync(m_scheduleMinutes, m_lastSyncMs, m_retryAtMs)
                                  : std::nullopt;
      const std::int64_t now = m_clock();
      if (!due || *due > now) {
        auto sleep = std::chrono::milliseconds(kLongestSleep);
        if (due) {
          sleep = std::min(sleep, std::chrono::milliseconds(*due - now));
        }
        m_wake.wait_for(lock, sleep);
        continue;
      }
      m_requestedId = "sync-" + std::to_string(m_nextId++);
      automatic = true;
      m_log->info("Automatic sync {} is due", m_requestedId);
    }
    m_requested = false;
    SyncParts parts = m_requestedParts;
    m_runningId = m_requestedId;
    m_cancelRequested = false;
    const std::string id = m_runningId;
    lock.unlock();
    if (automatic) {
      parts = automaticParts(); // reads the database: not under m_mutex
    }
    publishState();
    // The outcome is announced once the state is no longer "syncing", so a client that
    // asks for the status on sync.finished sees the state after the sync.
    const auto outcome = runOnce(id, parts);
    lock.lock();
    m_runningId.clear();
    m_cancelRequested = false;
    lock.unlock();
    publishState();
    for (const auto& [method, params] : outcome) {
      m_notify(method, params);
    }
    lock.lock();
  }
}

std::vector<std::pair<std::string, Object::Ptr>> SyncRunner::runOnce(const std::string& id,
                                                                     SyncParts parts)
{
  Object::Ptr started = syncEvent(id);
  started->set("data", parts.data);
  started->set("pictures", parts.pictures);
  started->set("resources", parts.resources);
  m_notify(notifications::kSyncStarted, started);
  m_log->info("Sync {} started", id);
  try {
    auto operation = m_account.holdForSync();
    const auto credentials = m_account.credentials();
    if (!credentials) {
      throw NotSignedIn();
    }
    if (!m_engineDb) {
      m_engineDb = std::make_unique<store::Database>(m_databasePath);
    }
    std::shared_ptr<sync::Transport> transport = m_transports(credentials->server);
    transport->setToken(credentials->token);
    // cancelSync() interrupts the transport; between requests and stages, the progress
    // reports stop the sync (outside any transaction: nothing is half-written).
    const auto throwIfCancelled = [this] {
      std::lock_guard lock(m_mutex);
      if (m_cancelRequested) {
        throw sync::SyncCancelled();
      }
    };
    {
      std::lock_guard lock(m_mutex);
      m_transport = transport.get();
      if (m_cancelRequested) {
        transport->cancel();
      }
    }
    struct Forget
    {
      SyncRunner* runner;
      ~Forget()
      {
        std::lock_guard lock(runner->m_mutex);
        runner->m_transport = nullptr;
      }
    } forget{this};
    const auto reportProgress = [&](const std::string& stage, std::int64_t done,
                                    std::int64_t total) {
      throwIfCancelled();
      Object::Ptr params = syncEvent(id);
      params->set("stage", stage);
      params->set("done", done);
      params->set("total", total);
      m_notify(notifications::kSyncProgress, params);
    };
    m_account.sendPendingName(*transport); // a rename made offline
    sync::SyncSummary summary;
    std::string backupFailure;
    if (parts.data) {
      sync::SyncOptions options;
      options.server = credentials->server;
      // Before other devices' changes are applied: a backup of this state (docs/backups.md).
      // A backup that fails (a full disk) does not stop the sync — merging loses nothing, and
      // sending this device's pending edits is their best protection — but is logged and
      // reported to the teacher in sync.finished's warnings.
      options.beforeApplyingRemote = [&] {
        try {
          backup::BackupRequest request;
          request.reason = backup::kReasonSync;
          request.nowMs = m_clock();
          backup::createBackup(*m_engineDb, request);
        } catch (const std::exception& e) {
          m_log->warn("Sync {}: couldn't back up the database before applying other devices' "
                      "changes: {}",
                      id, e.what());
          backupFailure = e.what();
        }
      };
      sync::SyncEngine engine(*m_engineDb, *transport, options);
      summary = engine.run([&](const sync::SyncProgress& progress) {
        reportProgress(progress.stage, progress.done, progress.total);
      });
    }
    if (summary.conflicts > 0) {
      // The conflict list names the devices that made the changes: their names as the
      // server has them now (a new device, a renamed one).
      try {
        m_account.rememberAccount(transport->account());
      } catch (const sync::TransportError& e) {
        m_log->warn("Sync {}: couldn't read the devices' names ({})", id, e.what());
      }
    }
    std::vector<BlobStageReport> blobStages;
    for (const auto kind : {blobs::BlobKind::Pictures, blobs::BlobKind::Resources}) {
      if (kind == blobs::BlobKind::Pictures ? parts.pictures : parts.resources) {
        throwIfCancelled();
        blobStages.push_back(syncBlobs(*m_engineDb, credentials->server, credentials->token, m_tls,
                                       kind, reportProgress));
      }
    }
    const std::int64_t now = m_clock();
    m_engineDb->setSetting(settings::kLastSync, std::to_string(now));
    {
      std::lock_guard lock(m_mutex);
      m_lastSyncMs = now;
      m_failures = 0;
      m_retryAtMs.reset();
      m_state = states::kIdle;
      m_reason.clear();
    }
    m_log->info("Sync {} finished: sent {} changes, received {}, {} conflicts", id,
                summary.uploaded, summary.downloaded, summary.conflicts);
    if (summary.restamped > 0) {
      m_log->warn("Sync {}: the server refused changes stamped too far ahead of its clock; {} "
                  "were re-stamped at their edit time less this computer's clock error ({} s)",
                  id, summary.restamped, std::llround(summary.clockErrorMs / 1000.0));
    }
    if (summary.refusedBatches > 0) {
      m_log->info("Sync {}: {} batches were refused as too large and sent again in smaller ones",
                  id, summary.refusedBatches);
    }
    Object::Ptr finished = syncEvent(id);
    finished->set("uploaded", summary.uploaded);
    finished->set("downloaded", summary.downloaded);
    finished->set("conflicts", summary.conflicts);
    // Records the server cannot take: named for the teacher, kept here, the rest synced.
    Poco::JSON::Array::Ptr held = new Poco::JSON::Array;
    Poco::JSON::Array::Ptr warnings = new Poco::JSON::Array;
    for (const auto& record : sync::heldRecords(*m_engineDb)) {
      held->add(heldRecordJson(record));
      warnings->add(record.sentence);
      m_log->warn("Sync {}: record {} {} held back on this device ({}: {} bytes, the server "
                  "accepts {})",
                  id, record.table, record.rowId, record.code, record.size, record.limit);
    }
    finished->set("held", held);
    if (!backupFailure.empty()) {
      warnings->add(fillSentence(kBackupFailedSentence, {backupFailure}));
    }
    addBlobResults(*finished, blobStages, *m_engineDb, *m_log, warnings);
    std::vector<std::pair<std::string, Object::Ptr>> outcome{
        {notifications::kSyncFinished, finished}};
    if (summary.downloaded > 0 || summary.conflicts > 0) {
      Object::Ptr changed = new Object;
      changed->set("downloaded", summary.downloaded);
      changed->set("conflicts", summary.conflicts);
      outcome.emplace_back(notifications::kDataChanged, changed);
    }
    return outcome;
  } catch (...) {
    const std::string code = recordFailure(id);
    Object::Ptr failed = syncEvent(id);
    if (code == ipc::reasons::kCancelled) {
      failed->set("reason", std::string("The synchronisation was cancelled. The changes not "
                                        "sent yet stay on this computer and go with the next "
                                        "sync."));
    } else {
      std::lock_guard lock(m_mutex);
      failed->set("reason", m_reason);
    }
    failed->set("code", code);
    return {{notifications::kSyncFailed, failed}};
  }
}

std::string SyncRunner::recordFailure(const std::string& id)
{
  const std::int64_t now = m_clock();
  std::string state = states::kError;
  std::string reason;
  std::string code;
  bool offline = false;
  std::optional<std::int64_t> retryAfterMs;
  try {
    throw;
  } catch (const sync::SyncCancelled&) {
    // Left by the teacher: not a failure of the server, no backoff; the state is as before
    // the sync began would suggest nothing happened, so idle.
    std::lock_guard lock(m_mutex);
    m_state = states::kIdle;
    m_reason.clear();
    if (m_scheduleMinutes) {
      m_retryAtMs = now + *m_scheduleMinutes * 60'000;
    }
    m_log->info("Sync {} cancelled: what was not sent stays pending for the next sync", id);
    return ipc::reasons::kCancelled;
  } catch (const NotSignedIn& e) {
    state = states::kSignedOut;
    reason = e.what();
    code = ipc::reasons::kNotSignedIn;
  } catch (const sync::TransportError& e) {
    state = states::kOffline;
    reason = e.what();
    code = ipc::reasons::kOffline;
    offline = true;
  } catch (const sync::ApiRefusal& e) {
    reason = e.what();
    code = e.error().code;
    if (code == sync::errors::kUnauthorized || code == sync::errors::kDeviceUnlinked) {
      m_account.forgetDevice(reason); // signed out; the data stay
    } else if (code == sync::errors::kRateLimited && e.error().retryAfterSeconds > 0) {
      retryAfterMs = e.error().retryAfterSeconds * 1000;
    }
  } catch (const std::exception& e) {
    reason = std::string("Couldn't sync the data on this computer: ") + e.what();
    code = ipc::reasons::kLocalData;
    m_engineDb.reset(); // reopened for the next sync
  }
  std::lock_guard lock(m_mutex);
  m_state = state;
  m_reason = reason;
  if (offline) {
    ++m_failures;
  }
  if (m_scheduleMinutes) {
    const auto delay =
        offline ? offlineRetryDelay(m_failures, m_scheduleMinutes)
                : std::chrono::milliseconds(retryAfterMs.value_or(*m_scheduleMinutes * 60'000));
    m_retryAtMs = now + delay.count();
  }
  if (offline) {
    m_log->warn("Sync {}: offline ({}); attempt {} failed", id, reason, m_failures);
  } else {
    m_log->error("Sync {} failed ({}): {}", id, code, reason);
  }
  return code;
}

} // namespace pupitre::daemon
