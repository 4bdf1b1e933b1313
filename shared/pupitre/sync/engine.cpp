#include "pupitre/sync/engine.h"

#include "pupitre/store/schema.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/learned_push_bytes.h"
#include "pupitre/sync/merge.h"
#include "pupitre/sync/outbox.h"
#include "pupitre/sync/server_limits.h"
#include "pupitre/sync/wire.h"

#include <algorithm>
#include <cstdlib>
#include <future>
#include <optional>

namespace pupitre::sync {
namespace {

std::int64_t settingInt(store::Database& db, const char* key, std::int64_t fallback)
{
  const auto text = db.setting(key);
  return text && !text->empty() ? std::strtoll(text->c_str(), nullptr, 10) : fallback;
}

// The hold of the record of `w`: `field` at fault (or none), `size` bytes over `limit`.
HeldRecord heldBack(const FieldWrite& w, std::string field, std::size_t size, std::size_t limit,
                    std::string code, std::string serverMessage = {})
{
  HeldRecord record;
  record.table = w.table;
  record.rowId = w.rowId;
  record.field = std::move(field);
  record.size = static_cast<std::int64_t>(size);
  record.limit = static_cast<std::int64_t>(limit);
  record.code = std::move(code);
  record.serverMessage = std::move(serverMessage);
  return record;
}

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
  // The pull may have found this device's unsent edits beaten by newer writes: report those
  // losses now, so that the other devices see them at their next sync.
  if (conflictsToReportCount(m_db) > 0) {
    push(summary, progress);
  }
  return summary;
}

void SyncEngine::updateClockOffset()
{
  if (const auto serverTime = m_transport.lastServerTimeMs()) {
    if (!m_stampErrorMs) {
      m_stampErrorMs = m_db.correctedWallMs() - *serverTime;
    }
    m_db.observeServerTime(*serverTime);
  }
}

ClockCorrection SyncEngine::clockCorrection(const ApiError& refusal)
{
  ClockCorrection correction;
  const auto serverTime = refusal.serverTimeMs > 0 ? std::optional(refusal.serverTimeMs)
                                                   : m_transport.lastServerTimeMs();
  // The error of the clock that stamped the refused changes: as measured at this sync's first
  // answer, before the offset and the clock anchor learned the server's time (an earlier
  // batch of this sync may have been accepted, and corrected the clock already).
  const std::int64_t corrected = m_db.correctedWallMs();
  correction.serverNowMs = serverTime.value_or(corrected);
  correction.errorMs = m_stampErrorMs.value_or(corrected - correction.serverNowMs);
  // The limit this server applies (serve --max-clock-ahead), not the default.
  if (refusal.maxClockAheadMs > 0) {
    correction.maxAheadMs = refusal.maxClockAheadMs;
  } else if (const auto announced = m_transport.maxClockAheadMs(); announced && *announced > 0) {
    correction.maxAheadMs = *announced;
  }
  return correction;
}

ServerLimits SyncEngine::serverLimits()
{
  const auto stored = m_db.setting(settings::kServerLimits);
  return stored && !stored->empty() ? decodeLimits(*stored) : ServerLimits{};
}

void SyncEngine::updateServerLimits()
{
  const auto announced = m_transport.lastServerLimits();
  if (!announced) {
    return;
  }
  const std::string text = encodeLimits(*announced);
  if (m_db.setting(settings::kServerLimits) != text) {
    m_db.setSetting(settings::kServerLimits, text);
  }
}

PushResult SyncEngine::sendBatch(const PushRequest& request)
{
  try {
    const PushResult result = m_transport.push(request);
    updateClockOffset();
    updateServerLimits();
    return result;
  } catch (const ApiRefusal& refusal) {
    if (refusal.error().code == errors::kClockAhead) {
      m_correction = clockCorrection(refusal.error());
    }
    updateClockOffset();
    updateServerLimits();
    throw;
  }
}

void SyncEngine::hold(const HeldRecord& record, SyncSummary& summary)
{
  holdRecord(m_db, record);
  ++summary.held;
}

PushResult SyncEngine::sendReadingAhead(const PushRequest& request, std::size_t encodedBytes,
                                        bool readHere, const BatchBudget& budget,
                                        clock::Hlc owedUpTo, std::vector<FieldWrite>& readAhead)
{
  readAhead.clear();
  // A batch that is not full (in changes or in bytes) took all the outbox had: nothing to read
  // ahead, and a thread started for nothing would only delay a small sync.
  const bool full = request.changes.size() >= budget.changes || 2 * encodedBytes >= budget.bytes;
  if (!m_options.prefetchPages || !readHere || request.changes.empty() || !full) {
    return sendBatch(request);
  }
  // Only the transport on the other thread; the database stays on this one. A failure here
  // waits for the push in flight (the future's destructor), then propagates.
  std::future<PushResult> sent =
      std::async(std::launch::async, [this, &request] { return m_transport.push(request); });
  readAhead = pendingChanges(m_db, budget.changes, budget.bytes, owedUpTo, request.changes);
  try {
    const PushResult result = sent.get();
    updateClockOffset();
    updateServerLimits();
    return result;
  } catch (const ApiRefusal& refusal) {
    readAhead.clear(); // the push goes on from the outbox as it is
    if (refusal.error().code == errors::kClockAhead) {
      m_correction = clockCorrection(refusal.error());
    }
    updateClockOffset();
    updateServerLimits();
    throw;
  }
}

PushRequest SyncEngine::nextBatch(const BatchBudget& budget, clock::Hlc owedUpTo,
                                  std::string& encoded, SyncSummary& summary,
                                  std::vector<FieldWrite> readAhead)
{
  const ServerLimits limits = serverLimits();
  PushRequest request;
  for (bool held = true; held;) {
    held = false;
    if (!readAhead.empty()) {
      request.changes = std::move(readAhead);
      readAhead.clear();
    } else {
      request.changes = pendingChanges(m_db, budget.changes, budget.bytes, owedUpTo);
    }
    request.conflicts = conflictsToReport(m_db, kReportedConflictsPerPush);
    // A value over the server's limit for its field can never pass: its record waits here,
    // named for the teacher, and the rest goes on.
    for (const auto& w : request.changes) {
      const auto* text = std::get_if<std::string>(&w.value);
      const store::TableDef* table = store::findTable(w.table);
      const store::FieldDef* field = table ? table->field(w.field) : nullptr;
      if (text && field && text->size() > maxValueBytes(limits, field->type)) {
        hold(heldBack(w, w.field, text->size(), maxValueBytes(limits, field->type),
                      errors::kFieldTooLarge),
             summary);
        held = true;
      }
    }
  }
  // The estimate may fall short (groups, numbers): the encoded batch itself must fit.
  encoded = encodePush(request);
  while (encoded.size() > budget.bytes && request.changes.size() > 1) {
    request.changes.resize(request.changes.size() / 2);
    encoded = encodePush(request);
  }
  return request;
}

bool SyncEngine::recover(const ApiError& refusal, const PushRequest& request,
                         std::size_t encodedBytes, BatchBudget& budget, SyncSummary& summary)
{
  // A 400 or 413 refuses the batch before applying it (a 400 between its parts leaves whole
  // records applied, which the next push repeats harmlessly): it is built again from the
  // outbox, never sent unchanged.
  if ((refusal.status != 400 && refusal.status != 413) || request.changes.empty()) {
    return false;
  }
  m_db.setSetting(settings::kInflightBatch, "");
  if (!refusal.rowId.empty()) {
    // The server named the record it cannot take.
    for (const auto& w : request.changes) {
      if (w.rowId == refusal.rowId) {
        HeldRecord record = heldBack(w, refusal.field, 0, 0, refusal.code, refusal.message);
        record.size = refusal.size;
        record.limit = refusal.limit;
        hold(record, summary);
        return true;
      }
    }
    return false;
  }
  // Too large: the server's too_large, or a 413 from a proxy in front of it with a smaller
  // body limit of its own (nginx answers one with an HTML page).
  if (refusal.status != 413) {
    return false;
  }
  ++summary.refusedBatches;
  const ServerLimits limits = serverLimits(); // the refusal announced the server's own
  if (request.changes.size() > 1) {
    budget.changes = std::max<std::size_t>(1, std::min(budget.changes, request.changes.size() / 2));
    budget.bytes = std::max<std::size_t>(
        1, std::min({budget.bytes, encodedBytes / 2,
                     std::min(limits.maxPushBytes, ServerLimits{}.maxPushBytes) / 2}));
    // The next syncs start from here, not from a size refused again each time.
    learnPushBytes(m_db, m_options.server, budget.bytes);
    return true;
  }
  // One change too large for any request: of the server's announced size, or of a proxy's
  // unknown one (0).
  const std::size_t limit = refusal.code == errors::kTooLarge ? limits.maxPushBytes : 0;
  hold(heldBack(request.changes.front(), {}, encodedBytes, limit, errors::kTooLarge), summary);
  return true;
}

void SyncEngine::push(SyncSummary& summary,
                      const std::function<void(const SyncProgress&)>& progress)
{
  // What was pending when the sync started bounds the work: edits made meanwhile wait for
  // the next sync instead of keeping this one going. Records held back wait too. The push owes
  // every change stamped at or before `owedUpTo` and sends those first: edits made meanwhile
  // (to a table that sorts first) must not take their places and leave them for later.
  clock::Hlc owedUpTo = m_db.lastHlc();
  std::int64_t total = pendingCount(m_db) - heldChangeCount(m_db) + conflictsToReportCount(m_db);
  const ServerLimits limits = serverLimits();
  const std::size_t half = std::min(limits.maxPushBytes, ServerLimits{}.maxPushBytes) / 2;
  BatchBudget budget;
  budget.changes =
      std::max<std::size_t>(1, std::min(m_options.pushBatchSize, limits.maxPushChanges / 2));
  budget.bytes = std::max<std::size_t>(
      1, m_options.pushBatchBytes > 0 ? std::min(m_options.pushBatchBytes, half) : half);
  // What earlier syncs learned from refusals (a proxy with a smaller body limit).
  const std::size_t announcedBytes = budget.bytes;
  const auto learned = learnedPushBytes(m_db, m_options.server);
  if (learned) {
    budget.bytes = std::min(budget.bytes, learned->bytes);
  }
  const std::int64_t refusedBefore = summary.refusedBatches;
  std::size_t largestSent = 0; // bytes of the largest batch accepted
  std::int64_t sent = 0;
  bool restamped = false;
  // Every round sends at least one change, holds a record back, halves the batches (a few
  // dozen times at most) or re-stamps (once).
  const std::int64_t rounds = 2 * total + 64;
  std::int64_t heldSeen = summary.held;
  // The changes of the next batch, read while the previous one was sent (sendReadingAhead).
  std::vector<FieldWrite> readAhead;
  for (std::int64_t round = 0; round < rounds; ++round) {
    if (summary.held != heldSeen) {
      // Records held back leave the work: what remains is pending and not held.
      heldSeen = summary.held;
      total = sent + std::max<std::int64_t>(0, pendingCount(m_db) - heldChangeCount(m_db) +
                                                   conflictsToReportCount(m_db));
    }
    if (round > 0 && sent >= total && !pendingAtOrBefore(m_db, owedUpTo)) {
      break;
    }
    PushRequest request;
    std::string encoded;
    bool readHere = false; // by nextBatch in this push, with this owedUpTo
    if (const auto inflight = m_db.setting(settings::kInflightBatch);
        inflight && !inflight->empty()) {
      request = decodePush(*inflight); // resend exactly what may have reached the server
      encoded = *inflight;
      readAhead.clear();
    } else {
      request = nextBatch(budget, owedUpTo, encoded, summary, std::move(readAhead));
      readAhead.clear();
      readHere = true;
      if (request.changes.empty() && request.conflicts.empty()) {
        break;
      }
      if (request.changes.size() == 1 && encoded.size() > serverLimits().maxPushBytes) {
        // One change larger than any request the server takes.
        const auto& w = request.changes.front();
        hold(heldBack(w, {}, encoded.size(), serverLimits().maxPushBytes, errors::kTooLarge),
             summary);
        continue;
      }
      store::WriteTxn txn(m_db, store::WriteTxn::Kind::RemoteApply);
      request.batch = settingInt(m_db, settings::kNextBatch, 1);
      encoded = encodePush(request);
      m_db.setSetting(settings::kNextBatch, std::to_string(request.batch + 1));
      m_db.setSetting(settings::kInflightBatch, encoded);
      txn.commit();
    }
    if (progress) {
      progress({"push", sent,
                std::max(total, sent + static_cast<std::int64_t>(request.changes.size()))});
    }
    PushResult result;
    try {
      result = sendReadingAhead(request, encoded.size(), readHere, budget, owedUpTo, readAhead);
    } catch (const ApiRefusal& refusal) {
      if (refusal.error().code != errors::kClockAhead || restamped) {
        if (!recover(refusal.error(), request, encoded.size(), budget, summary)) {
          throw;
        }
        continue;
      }
      // Never applied: rebuild the batch from re-stamped changes under a new number.
      restamped = true;
      summary.restamped += restampPending(m_db, m_correction);
      summary.clockErrorMs = m_correction.errorMs;
      // The owed changes now lie at or below the clock set back (edits made since the push
      // started, re-stamped with them, join them; edits made from now on do not).
      owedUpTo = m_db.lastHlc();
      m_db.setSetting(settings::kInflightBatch, "");
      continue;
    }
    store::WriteTxn txn(m_db, store::WriteTxn::Kind::RemoteApply);
    acknowledge(txn, request.changes);
    markReported(txn, request.conflicts);
    m_db.setSetting(settings::kInflightBatch, "");
    txn.commit();
    sent += static_cast<std::int64_t>(request.changes.size() + request.conflicts.size());
    largestSent = std::max(largestSent, encoded.size());
    // Conflicts the server found here come back with the pull, which counts them.
    summary.uploaded += result.applied;
  }
  if (learned && summary.refusedBatches == refusedBefore && largestSent > learned->bytes / 2) {
    // A batch near the learned size passed: after a few such syncs, try larger ones again.
    pushPassedUnderLearned(m_db, m_options.server, announcedBytes);
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
  bool announced = false;
  for (;;) {
    updateClockOffset();
    updateServerLimits();
    if (!announced && !page.changes.empty() && m_options.beforeApplyingRemote) {
      announced = true;
      m_options.beforeApplyingRemote();
    }
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

std::int64_t restampPending(store::Database& db, const ClockCorrection& correction)
{
  store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
  const std::int64_t now = std::max<std::int64_t>(correction.serverNowMs, 0);
  const clock::Hlc limit =
      clock::makeHlc(static_cast<std::uint64_t>(now + correction.maxAheadMs), clock::kCounterMask);
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
  // Every stamp this device keeps (but those) or has received stays below the new ones.
  clock::Hlc floor = 0;
  {
    auto& query = db.statement("SELECT coalesce(max(hlc), 0) FROM field_version"
                               " WHERE NOT (device = ? AND hlc > ?)");
    query.bind(1, db.deviceId());
    query.bind(2, static_cast<std::int64_t>(limit));
    query.executeStep();
    floor = static_cast<clock::Hlc>(query.getColumn(0).getInt64());
    query.reset();
  }
  floor = std::max(floor, static_cast<clock::Hlc>(settingInt(db, settings::kMaxReceivedHlc, 0)));
  clock::Hlc current = floor;
  auto& update = db.statement("UPDATE field_version SET hlc = ? WHERE device = ? AND hlc = ?");
  for (const clock::Hlc old : ahead) {
    // The edit's own time on the server's clock: its stamp less the error the clock had then
    // (taken to be the error measured now), never later than now. In the same order as the
    // old stamps, one new stamp per old one: fields saved together win or lose together.
    const std::int64_t editMs =
        static_cast<std::int64_t>(clock::physicalMs(old)) - correction.errorMs;
    current = clock::tick(current, std::clamp<std::int64_t>(editMs, 0, now));
    update.reset();
    update.bind(1, static_cast<std::int64_t>(current));
    update.bind(2, db.deviceId());
    update.bind(3, static_cast<std::int64_t>(old));
    update.exec();
  }
  // The clock goes back from beyond the limit, never below a stamp kept or received.
  const clock::Hlc before = db.lastHlc();
  txn.rewindClock(before > limit ? current : std::max(before, current));
  txn.commit();
  return static_cast<std::int64_t>(ahead.size());
}

} // namespace pupitre::sync
