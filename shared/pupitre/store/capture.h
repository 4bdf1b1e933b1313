#pragma once
// Change capture: SQL triggers on every synced table record each changed field's version
// (stamp, device, base, pending) in the same transaction as the change. The stamp comes
// from the SQL function pupitre_stamp(), which only a LocalEdit WriteTxn provides: a write
// from anywhere else (another program, a forgotten code path) fails instead of going
// unrecorded.
#include <string>

namespace SQLite {
class Database;
}

namespace pupitre::store {

// The DROP/CREATE TRIGGER statements for every table of schema.h.
std::string captureTriggersSql();

} // namespace pupitre::store
