#pragma once
// A field's value as SQLite holds it: null, integer, real or text.
#include <cstdint>
#include <string>
#include <variant>

namespace SQLite {
class Column;
class Statement;
} // namespace SQLite

namespace pupitre::store {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool isNull(const Value& value) { return std::holds_alternative<std::monostate>(value); }

// SQLite's own order of values (null < numbers < text); numbers compare by value. Used to
// break ties between writes with identical stamps, so merging stays deterministic.
int compareValues(const Value& a, const Value& b);
bool sameValue(const Value& a, const Value& b);

Value readValue(const SQLite::Column& column);
void bindValue(SQLite::Statement& statement, int index, const Value& value);

// For messages and the CLI: null -> "", numbers without trailing zeros.
std::string toText(const Value& value);
// Numbers formatted as the canonical export writes them (shortest round-trip form).
std::string formatNumber(double number);

} // namespace pupitre::store
