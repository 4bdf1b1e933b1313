#pragma once
// Operations on any record, whatever its kind (the CLI's `delete ID`).
#include "pupitre/store/database.h"

#include <string>
#include <vector>

namespace pupitre::model {

// Marks the record deleted and returns its kind ("student"). NotFoundError when there is no
// live record with that id.
std::string deleteRecord(store::Database& db, const std::string& id);

// Makes a deleted record live again, with its fields as they were (undo of a removal; a change
// like any other, so it syncs and is newer than the deletion). Returns its kind; a live record
// is left as it is. NotFoundError when there is no record with that id.
std::string restoreRecord(store::Database& db, const std::string& id);

// The same for several records in one transaction: all or none (undo and redo of an import).
void deleteRecords(store::Database& db, const std::vector<std::string>& ids);
void restoreRecords(store::Database& db, const std::vector<std::string>& ids);

} // namespace pupitre::model
