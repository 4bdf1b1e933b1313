#pragma once
// Operations on any record, whatever its kind (the CLI's `delete ID`).
#include "pupitre/store/database.h"

#include <string>

namespace pupitre::model {

// Marks the record deleted and returns its kind ("student"). NotFoundError when there is no
// live record with that id.
std::string deleteRecord(store::Database& db, const std::string& id);

} // namespace pupitre::model
