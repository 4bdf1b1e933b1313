#pragma once
// The outbox: local writes the server has not acknowledged yet. It is state, not a log:
// each field appears once with its newest value, however often it was edited offline.
#include "pupitre/store/database.h"
#include "pupitre/sync/field_write.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace pupitre::sync {

// Greater than every stamp (stamps are stored as SQLite integers).
inline constexpr clock::Hlc kAllStamps = std::numeric_limits<std::int64_t>::max();

// Up to `limit` pending field writes with their current values, grouped by row, taking about
// `maxWireBytes` once encoded for a push (estimated from each write's JSON: its value as
// escaped, its row id and field, and its share of a group; the first write always, however
// long). Records held back (held_records.h) are left out. Writes stamped at or before
// `firstUpTo` come before the others (a push owes them: they were pending when it started),
// each part in the order of table, row and field. `inFlight` is a batch read from here with
// the same `firstUpTo`, sent and not acknowledged yet: its fields are left out and the owed
// writes read from after its last one, so that the next batch can be read while it is on
// its way.
std::vector<FieldWrite>
pendingChanges(store::Database& db, std::size_t limit = std::numeric_limits<std::size_t>::max(),
               std::size_t maxWireBytes = std::numeric_limits<std::size_t>::max(),
               clock::Hlc firstUpTo = kAllStamps, const std::vector<FieldWrite>& inFlight = {});
// Every pending field write, held back or not.
std::int64_t pendingCount(store::Database& db);
// Whether a pending field write stamped at or before `stamp` is left, not held back.
bool pendingAtOrBefore(store::Database& db, clock::Hlc stamp);
// About the bytes `w` takes in an encoded push (wire.h), never less.
std::size_t wireBytesEstimate(const FieldWrite& w);

// The server accepted `pushed` (as read by pendingChanges). A field edited again since then
// stays pending, now based on the pushed version. Runs in the caller's transaction if one
// is given.
void acknowledge(store::Database& db, const std::vector<FieldWrite>& pushed);
void acknowledge(store::WriteTxn& txn, const std::vector<FieldWrite>& pushed);

} // namespace pupitre::sync
