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

// Up to `limit` pending field writes with their current values, grouped by row, taking about
// `maxWireBytes` once encoded for a push (estimated from each write's JSON: its value as
// escaped, its row id and field, and its share of a group; the first write always, however
// long). Records held back (held_records.h) are left out.
std::vector<FieldWrite>
pendingChanges(store::Database& db, std::size_t limit = std::numeric_limits<std::size_t>::max(),
               std::size_t maxWireBytes = std::numeric_limits<std::size_t>::max());
// Every pending field write, held back or not.
std::int64_t pendingCount(store::Database& db);
// About the bytes `w` takes in an encoded push (wire.h), never less.
std::size_t wireBytesEstimate(const FieldWrite& w);

// The server accepted `pushed` (as read by pendingChanges). A field edited again since then
// stays pending, now based on the pushed version. Runs in the caller's transaction if one
// is given.
void acknowledge(store::Database& db, const std::vector<FieldWrite>& pushed);
void acknowledge(store::WriteTxn& txn, const std::vector<FieldWrite>& pushed);

} // namespace pupitre::sync
