#pragma once
// Change capture: SQL triggers on every synced table record each changed field's version
// (stamp, device, base, pending) in the same transaction as the change. The stamp comes
// from the SQL function pupitre_stamp(), which only a LocalEdit WriteTxn provides: a write
// from anywhere else (another program, a forgotten code path) fails instead of going
// unrecorded.
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace pupitre::store {

struct CaptureTrigger
{
  std::string name; // every capture trigger's name starts with "capture_"
  std::string sql;  // its CREATE TRIGGER statement, as sqlite_master keeps it
};

// The capture triggers for every table of schema.h.
std::vector<CaptureTrigger> captureTriggers();

// The DROP/CREATE TRIGGER statements for every table of schema.h.
std::string captureTriggersSql();

// True when the database's capture triggers are exactly captureTriggers() (a database made
// by an earlier version may hold older ones).
bool captureTriggersCurrent(SQLite::Database& db);
// Replaces every trigger named capture_* with captureTriggers(), in the caller's transaction.
void installCaptureTriggers(SQLite::Database& db);

} // namespace pupitre::store
