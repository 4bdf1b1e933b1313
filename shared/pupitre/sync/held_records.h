#pragma once
// Records the server cannot take (sync.md: "one field too large for the server is a
// per-record error, never a blocked queue"): a value over the server's limit for its field,
// or a record whose changes alone make a request larger than the server accepts, or one the
// server refused by name. Their changes stay pending on this device, whole, and are left out
// of pushes while the record is unchanged; an edit of it (here, or pulled from another
// device) releases it for another try. Kept in the table `sync_held` (migration 0002).
#include "pupitre/store/database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pupitre::sync {

struct HeldRecord
{
  std::string table;
  std::string rowId;
  std::string field;      // the field at fault; empty for the record as a whole
  std::int64_t size = 0;  // the value's bytes (field_too_large) or the record's as sent (too_large)
  std::int64_t limit = 0; // what the server accepts there
  std::string code;       // errors::kFieldTooLarge, errors::kTooLarge, or the server's code
  std::string serverMessage; // the server's sentence, when it refused the record itself
  std::string sentence;      // for the teacher, filled in by heldRecords()
};

// Holds back `record` (its rowId) until it changes; replaces an earlier hold of it.
void holdRecord(store::Database& db, const HeldRecord& record);

// The records held back now (not changed since), each with the sentence that names it for
// the teacher: "The journal entry of 2026-11-03 in 3B is too long to synchronise (2.0 MiB,
// the server accepts 1 MiB); shorten it. …".
std::vector<HeldRecord> heldRecords(store::Database& db);

// Pending field changes of the records held back now.
std::int64_t heldChangeCount(store::Database& db);

// The SQL condition, on a field_version row aliased `f`, that its record is held back now.
extern const char* const kHeldCondition;

// The record as the teacher knows it: "The journal entry of 2026-11-03 in 3B", "The student
// Lucía Martín in 3B", "The mark of Lucía Martín in Test 1"; "A record (table id)" when it
// cannot be found.
std::string describeRecord(store::Database& db, const std::string& table, const std::string& rowId);

// "2.0 MiB", "512.0 KiB", "900 bytes" (a size measured); with `whole`, "1 MiB" when the
// size is a whole number of the unit (a limit).
std::string sizeText(std::int64_t bytes, bool whole = false);

} // namespace pupitre::sync
