#include "pupitre/sync/engine.h"

#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"
#include "pupitre/sync/wire.h"

#include <algorithm>
#include <cstdlib>
#include <future>

namespace pupitre::sync {
namespace {

std::int64_t settingInt(store::Database& db, const char* key, std::int64_t fallback)
{
  const auto text = db.setting(key);
  return text && !text->empty() ? std::strtoll(text->c_str(), nullptr, 10) : fallback;
}

// Only offsets that move by more than this are stored (each store is a write).
constexpr std::int64_t kOffsetToleranceMs = 250;

} // namespace

SyncEngine::SyncEngine(store::Database& db, Transport& transport, SyncOptions options)
    : m_db(db), m_transport(transport), m_options(options)
{
}

SyncSummary SyncEngine::run(const std::function<void(const SyncProgress&)>& progress)
{
  SyncSummary summary;
  push(summary, progress);
  pull(summary, progress);
  return summary;
}

void SyncEngine::updateClockOffset()
{
  const auto serverTime = m_transport.lastServerTimeMs();
  if (!serverTime) {
    return;
  }
  const std::int64_t offset = *serverTime - m_db.wallMs();
  if (std::llabs(offset - m_db.serverOffsetMs()) > kOffsetToleranceMs) {
    m_db.setServerOffsetMs(offset);
  }
}

PushResult SyncEngine::sendBatch(const PushRequest& request)
{
  try {
    const PushResult result = m_transport.push(request);
    updateClockOffset();
    return result;
  } catch (const ApiRefusal&) {
    updateClockOffset();
    throw;
  }
}

void SyncEngine::push(SyncSummary& summary,
                      const std::function<void(const SyncProgress&)>& progress)
{
  // What was pending when the sync started bounds the work: edits made meanwhile wait for
  // the next sync instead of keeping this one going.
  const std::int64_t total = pendingCount(m_db);
  std::int64_t sent = 0;
  bool restamped = false;
  // Every batch sends at least one change: `total` batches (plus a re-stamped one) suffice.
  for (std::int64_t round = 0; round < total + 2; ++round) {
    if (round > 0 && sent >= total) {
      break;
    }
    PushRequest request;
    if (const auto inflight = m_db.setting(settings::kInflightBatch);
        inflight && !inflight->empty()) {
      request = decodePush(*inflight); // resend exactly what may have reached the server
    } else {
      request.changes = pendingChanges(m_db, m_options.pushBatchSize, m_options.pushBatchTextBytes);
      if (request.changes.empty()) {
        break;
      }
      store::WriteTxn txn(m_db, store::WriteTxn::Kind::RemoteApply);
      request.batch = settingInt(m_db, settings::kNextBatch, 1);
      m_db.setSetting(settings::kNextBatch, std::to_string(request.batch + 1));
      m_db.setSetting(settings::kInflightBatch, encodePush(request));
      txn.commit();
    }
    if (progress) {
      progress({"push", sent,
                std::max(total, sent + static_cast<std::int64_t>(request.changes.size()))});
    }
    PushResult result;
    try {
      result = sendBatch(request);
    } catch (const ApiRefusal& refusal) {
      if (refusal.error().code != errors::kClockAhead || restamped) {
        throw;
      }
      // Never applied: rebuild the batch from re-stamped changes under a new number.
      restamped = true;
      restampPending(m_db);
      m_db.setSetting(settings::kInflightBatch, "");
      continue;
    }
    store::WriteTxn txn(m_db, store::WriteTxn::Kind::RemoteApply);
    acknowledge(txn, request.changes);
    m_db.setSetting(settings::kInflightBatch, "");
    txn.commit();
    sent += static_cast<std::int64_t>(request.changes.size());
    // Conflicts the server found here come back with the pull, which counts them.
    summary.uploaded += result.applied;
  }
  if (progress && total > 0) {
    progress({"push", sent, std::max(total, sent)});
  }
}

void SyncEngine::pull(SyncSummary& summary,
                      const std::function<void(const SyncProgress&)>& progress)
{
  std::int64_t received = 0; // items: writes and conflicts
  PullPage page =
      m_transport.pullCounting(settingInt(m_db, settings::kCursor, 0), m_options.pullPageSize);
  // What the first page and the count after it make: the pull's work as it started (changes
  // pushed meanwhile may add to it).
  std::int64_t total =
      page.remaining < 0
          ? 0
          : static_cast<std::int64_t>(page.changes.size() + page.conflicts.size()) + page.remaining;
  for (;;) {
    updateClockOffset();
    std::future<PullPage> next;
    if (page.more && m_options.prefetchPages) {
      next = std::async(std::launch::async, [this, after = page.cursor] {
        return m_transport.pull(after, m_options.pullPageSize);
      });
    }
    // A failure here waits for the page in flight (the future's destructor), then propagates;
    // the cursor stays at the last committed page either way.
    store::WriteTxn txn(m_db, store::WriteTxn::Kind::RemoteApply);
    const MergeResult merged = applyRemote(txn, page.changes);
    std::int64_t newConflicts = 0;
    for (const auto& conflict : page.conflicts) {
      newConflicts += recordConflict(txn, conflict) ? 1 : 0;
    }
    m_db.setSetting(settings::kCursor, std::to_string(page.cursor));
    clock::Hlc maxReceived = 0;
    for (const auto& w : page.changes) {
      maxReceived = std::max(maxReceived, w.stamp.hlc);
    }
    if (maxReceived > static_cast<clock::Hlc>(settingInt(m_db, settings::kMaxReceivedHlc, 0))) {
      m_db.setSetting(settings::kMaxReceivedHlc, std::to_string(maxReceived));
    }
    txn.commit();
    received += static_cast<std::int64_t>(page.changes.size() + page.conflicts.size());
    summary.downloaded += static_cast<std::int64_t>(merged.applied);
    // New entries in this device's conflict list: found by the merge, or reported by the server
    // (an entry both saw has one id and is counted once).
    summary.conflicts += static_cast<std::int64_t>(merged.conflicts) + newConflicts;
    if (progress) {
      progress({"pull", received, total > 0 ? std::max(total, received) : 0});
    }
    if (!page.more) {
      break;
    }
    page = next.valid() ? next.get() : m_transport.pull(page.cursor, m_options.pullPageSize);
  }
}

void restampPending(store::Database& db)
{
  store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
  const std::int64_t now = db.correctedWallMs();
  const clock::Hlc limit =
      clock::makeHlc(static_cast<std::uint64_t>(now + kMaxClockAheadMs), clock::kCounterMask);
  // The server refuses stamps beyond `limit`, so this device's stamps there were never
  // accepted by anyone: they can be given new ones.
  std::vector<clock::Hlc> ahead;
  {
    auto& query = db.statement("SELECT DISTINCT hlc FROM field_version WHERE device = ? AND hlc > ?"
                               " ORDER BY hlc");
    query.bind(1, db.deviceId());
    query.bind(2, static_cast<std::int64_t>(limit));
    while (query.executeStep()) {
      ahead.push_back(static_cast<clock::Hlc>(query.getColumn(0).getInt64()));
    }
    query.reset();
  }
  clock::Hlc start = clock::makeHlc(static_cast<std::uint64_t>(std::max<std::int64_t>(now, 0)), 0);
  {
    auto& query = db.statement("SELECT coalesce(max(hlc), 0) FROM field_version"
                               " WHERE NOT (device = ? AND hlc > ?)");
    query.bind(1, db.deviceId());
    query.bind(2, static_cast<std::int64_t>(limit));
    query.executeStep();
    start = std::max(start, static_cast<clock::Hlc>(query.getColumn(0).getInt64()));
    query.reset();
  }
  start = std::max(start, static_cast<clock::Hlc>(settingInt(db, settings::kMaxReceivedHlc, 0)));
  clock::Hlc current = start;
  auto& update = db.statement("UPDATE field_version SET hlc = ? WHERE device = ? AND hlc = ?");
  for (const clock::Hlc old : ahead) {
    // One new stamp per old one: fields saved together keep winning or losing together.
    current = clock::tick(current, now);
    update.reset();
    update.bind(1, static_cast<std::int64_t>(current));
    update.bind(2, db.deviceId());
    update.bind(3, static_cast<std::int64_t>(old));
    update.exec();
  }
  txn.rewindClock(current);
  txn.commit();
}

} // namespace pupitre::sync
