#pragma once
// The conflict list: values that lost to a concurrent edit of the same field, kept for the
// teacher to review and restore.
#include "pupitre/store/database.h"
#include "pupitre/sync/field_write.h"

#include <string>
#include <vector>

namespace pupitre::sync {

struct Conflict
{
  std::string id; // derived from (row, field, lost stamp): the same on every device
  std::string table;
  std::string rowId;
  std::string field;
  store::Value lostValue;
  Stamp lostStamp;
  store::Value wonValue;
  Stamp wonStamp;
  bool restored = false;
};

std::string conflictId(const std::string& rowId, const std::string& field, const Stamp& lost);

// Records `conflict` (its id is computed) unless the list has it already; true if new.
// `report`: the loser is this device's own pending edit, never sent, so the server cannot know
// of the loss: the next push reports the entry (conflictsToReport), and through the server
// every device lists it.
bool recordConflict(store::WriteTxn& txn, Conflict conflict, bool report = false);

// Up to `limit` entries still to report to the server, and how many there are in all.
std::vector<Conflict> conflictsToReport(store::Database& db, std::size_t limit);
std::int64_t conflictsToReportCount(store::Database& db);
// The server accepted a push that carried `reported`.
void markReported(store::WriteTxn& txn, const std::vector<Conflict>& reported);

std::vector<Conflict> listConflicts(store::Database& db, bool includeRestored = false);

// What a restore replaced on the record, so that it can be undone.
struct Replaced
{
  store::Value value;   // the field's value before the restore (unused for "deleted")
  bool deleted = false; // the record's liveness before the restore
};

// Puts the lost value back as a new local edit (which is then the most recent one and
// syncs like any edit); a deleted record comes back with it. Returns what it replaced.
// Throws NotFoundError for an unknown id.
Replaced restoreConflict(store::Database& db, const std::string& conflictId);

// Undoes restoreConflict: the field and the record's liveness as they were (again as new
// local edits), and the conflict back in the list of values to restore.
void unrestoreConflict(store::Database& db, const std::string& conflictId,
                       const Replaced& replaced);

} // namespace pupitre::sync
