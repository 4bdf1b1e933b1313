#pragma once
// The canonical export: all live data as JSON with sorted keys, rows sorted by id and no
// sync metadata. Two replicas hold the same data exactly when their exports are equal
// byte for byte; the server writes the same format from its own storage.
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pupitre::store {

// Export name (schema.h) -> live rows of that table, sorted by id.
using LiveData = std::map<std::string, std::vector<Row>>;

LiveData readLiveData(Database& db);
std::string canonicalJson(const LiveData& data);
inline std::string exportCanonicalJson(Database& db)
{
  return canonicalJson(readLiveData(db));
}

// One row as a JSON object with sorted keys ("id" among the fields).
std::string rowJson(const Row& row);
// JSON string literal for `text` (quotes included).
std::string jsonString(const std::string& text);
// The same, appended to `out` (writers that build a whole answer in one string).
void appendJsonString(std::string& out, std::string_view text);
// JSON for a field value: null, a number, or a string.
std::string jsonValue(const Value& value);

} // namespace pupitre::store
