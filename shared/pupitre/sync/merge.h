#pragma once
// Applying other devices' writes to the local database: per-field last-writer-wins on
// (hlc, device), liveness as a field (every field write also asserts "alive" at its stamp;
// on equal stamps "deleted" wins), no echo into the outbox, and exact conflict detection
// through the local pending write's base. Merging is commutative, associative and
// idempotent: any order, split and repetition of the same writes gives the same data.
#include "pupitre/store/database.h"
#include "pupitre/sync/field_write.h"

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace pupitre::sync {

struct MergeResult
{
  std::size_t applied = 0;   // writes that changed the local data
  std::size_t ignored = 0;   // older than what the device has, or already applied
  std::size_t conflicts = 0; // new entries in the conflict list
  std::set<std::string> changedTables;
};

// In one RemoteApply transaction of its own.
MergeResult applyRemote(store::Database& db, const std::vector<FieldWrite>& writes);
// Inside the caller's RemoteApply transaction (so a pull can store its cursor with the page).
MergeResult applyRemote(store::WriteTxn& txn, const std::vector<FieldWrite>& writes);

} // namespace pupitre::sync
