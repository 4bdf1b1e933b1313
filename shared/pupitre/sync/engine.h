#pragma once
// One synchronisation of a device's data with the server (sync.md): push the outbox in
// numbered, idempotent batches (the batch in flight is kept in the database and resent
// unchanged after a failure), then pull pages after the stored cursor, each applied together
// with its new cursor in one transaction. The push sends every change pending when it started,
// those first: edits made while it runs go with it if the batches have room, else wait for the
// next sync, and never take the places of older ones. A push refused for a clock ahead of the
// server's corrects the clock, re-stamps the pending changes and retries once.
//
// Batches are bounded by their size on the wire, at half of what the server announces it
// takes (never more than half the default 16 MiB). A batch the server refuses without
// applying it (400, 413) is dropped, never resent unchanged: one refused as too large is
// built again half as large, down to a single change, and the size that passed is where the
// next syncs to that server start (learned_push_bytes.h); a record the server cannot take (a
// value over its field limit, a change too large for any request, a record refused by name)
// is held back (held_records.h) and the rest goes on.
#include "pupitre/store/database.h"
#include "pupitre/sync/held_records.h"
#include "pupitre/sync/transport.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace pupitre::sync {

struct SyncProgress
{
  std::string stage;      // "push" or "pull"
  std::int64_t done = 0;  // push: changes acknowledged; pull: writes and conflicts received
  std::int64_t total = 0; // what was to do when the stage started (at least `done`); 0 unknown
};

struct SyncSummary
{
  std::int64_t uploaded = 0;   // field changes the server accepted
  std::int64_t downloaded = 0; // field changes received that changed local data
  std::int64_t conflicts = 0;  // new entries in the conflict list
  // Stamps re-stamped after a clock_ahead refusal, and the clock error then measured (ms).
  std::int64_t restamped = 0;
  std::int64_t clockErrorMs = 0;
  // Batches the server refused as too large, sent again in smaller ones.
  std::int64_t refusedBatches = 0;
  // Records held back in this sync because the server cannot take them (held_records.h).
  std::int64_t held = 0;
};

struct SyncOptions
{
  std::size_t pushBatchSize = 5000;
  // The most bytes a push takes on the wire; 0: half of what the server takes (its announced
  // limit, never more than the default 16 MiB), so that a batch fits however long or however
  // full of escaped characters its values are. Never more than that half.
  std::size_t pushBatchBytes = 0;
  // The server's address, which a push size learned from refusals applies to
  // (learned_push_bytes.h); another address starts from the announced size.
  std::string server;
  std::size_t pullPageSize = kDefaultPullLimit;
  // Work at the same time as the server: ask for the next pull page (on another thread) while
  // this one is applied, and read the next push batch from the outbox while one is sent. The
  // transport is still used by one thread at a time. Off in the deterministic simulation,
  // whose transport runs hooks on the device.
  bool prefetchPages = true;
  // Called once per sync, before the first pulled page that holds other devices' changes is
  // applied (pupitred makes its automatic backup there: docs/backups.md). It must not throw.
  std::function<void()> beforeApplyingRemote;
};

// Keys of the sync state in the database's `setting` table.
namespace settings {
inline constexpr const char* kCursor = "sync.cursor";
inline constexpr const char* kNextBatch = "sync.next_batch";
inline constexpr const char* kInflightBatch = "sync.inflight_batch"; // encoded PushRequest
// The limits the server last announced (server_limits.h, encodeLimits).
inline constexpr const char* kServerLimits = "sync.server_limits";
// The push size learned from refusals, and the server it applies to (learned_push_bytes.h).
inline constexpr const char* kPushBytesLearned = "sync.push_bytes_learned";
// The greatest stamp received from the server: re-stamped changes must stay above it, or a
// local write that beat a remote one would fall below it and diverge from the server.
inline constexpr const char* kMaxReceivedHlc = "sync.max_received_hlc";
// This device's choice of the optional parts ("1" or "0"): the app's Synchronise dialog keeps
// it, the tray's "Synchronise now" and pupitred's automatic syncs follow it.
inline constexpr const char* kIncludePictures = "gui.sync.pictures";
inline constexpr const char* kIncludeResources = "gui.sync.resources";
} // namespace settings

// What a clock_ahead refusal tells: the server's time, how far this device's clock (as it
// stamps edits: corrected by the offset or the boot clock) was ahead of it, and the limit.
struct ClockCorrection
{
  std::int64_t serverNowMs = 0;
  std::int64_t errorMs = 0;
  std::int64_t maxAheadMs = kMaxClockAheadMs;
};

class SyncEngine
{
public:
  SyncEngine(store::Database& db, Transport& transport, SyncOptions options = {});

  // Throws TransportError (offline), ApiRefusal (refused), StoreError (local file).
  SyncSummary run(const std::function<void(const SyncProgress&)>& progress = {});

private:
  // How much the next batch may hold: changes, and bytes on the wire.
  struct BatchBudget
  {
    std::size_t changes = 0;
    std::size_t bytes = 0;
  };

  void push(SyncSummary& summary, const std::function<void(const SyncProgress&)>& progress);
  // The next batch of the outbox within `budget`, encoded in `encoded` (with batch number 0),
  // holding back the records the server cannot take; no changes when nothing is left.
  // The changes stamped at or before `owedUpTo` come first. `readAhead`, when it holds
  // changes, is what the outbox gave while the previous batch was sent (readAhead()).
  PushRequest nextBatch(const BatchBudget& budget, clock::Hlc owedUpTo, std::string& encoded,
                        SyncSummary& summary, std::vector<FieldWrite> readAhead = {});
  // Sends `request` (`encodedBytes` on the wire); with prefetchPages, when nextBatch read it in
  // this push (`readHere`) and it is full, reads the changes of the batch after it from the
  // outbox meanwhile (in `readAhead`: those of `request` left out, as if it were
  // acknowledged), so that this device and the server work at the same time.
  PushResult sendReadingAhead(const PushRequest& request, std::size_t encodedBytes, bool readHere,
                              const BatchBudget& budget, clock::Hlc owedUpTo,
                              std::vector<FieldWrite>& readAhead);
  // After a refusal of `request` (encoded: `encodedBytes`) that applied nothing: true when
  // the push can go on (a record held back, or smaller batches from now on).
  bool recover(const ApiError& refusal, const PushRequest& request, std::size_t encodedBytes,
               BatchBudget& budget, SyncSummary& summary);
  void hold(const HeldRecord& record, SyncSummary& summary);
  // What the server takes, as it last announced (defaults before it did).
  ServerLimits serverLimits();
  void updateServerLimits();
  void pull(SyncSummary& summary, const std::function<void(const SyncProgress&)>& progress);
  PushResult sendBatch(const PushRequest& request);
  void updateClockOffset();
  ClockCorrection clockCorrection(const ApiError& refusal);

  store::Database& m_db;
  Transport& m_transport;
  SyncOptions m_options;
  ClockCorrection m_correction; // of the last clock_ahead refusal
  // This device's corrected time less the server's at the first answer of this sync.
  std::optional<std::int64_t> m_stampErrorMs;
};

// After a clock_ahead refusal: give this device's stamps that lie beyond what the server
// accepts (never accepted by anyone) new ones, each at its own edit time corrected by the
// measured error (never later than the server's now), in the order of the old ones, and above
// every other stamp the device keeps or has received.
// Returns the number of stamps it replaced.
std::int64_t restampPending(store::Database& db, const ClockCorrection& correction);

} // namespace pupitre::sync
