#pragma once
// A new class with another class's structure: its categories and weights, its terms, its
// assessments (names, dates, chosen terms, weights, scales, positions, visibility) and nothing
// of its students or marks. One transaction, so one undoable step in the app.
#include "pupitre/store/database.h"

#include <string>
#include <string_view>
#include <vector>

namespace pupitre::model {

// The tables copied, parents before children. Each holds records of one class (`class_id`);
// a field `…_id` naming a copied record is pointed at its copy. A new kind of structure is one
// more name here, before the tables that refer to it.
const std::vector<std::string_view>& classStructureTables();

// Creates the class `newName` (the source's subject, year, colour and final mode; not archived; placed
// after every class) with copies of the source's live structure records. Returns its id.
// NotFoundError for an unknown or deleted source, ValidationError for an empty name.
std::string copyClassStructure(store::Database& db, const std::string& sourceClassId,
                               const std::string& newName);

} // namespace pupitre::model
