#pragma once
// A field's value as SQLite holds it: null, integer, real or text.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace SQLite {
class Column;
class Statement;
} // namespace SQLite

namespace pupitre::store {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool isNull(const Value& value)
{
  return std::holds_alternative<std::monostate>(value);
}

// SQLite's own order of values (null < numbers < text); numbers compare by value. Used to
// break ties between writes with identical stamps, so merging stays deterministic.
int compareValues(const Value& a, const Value& b);
bool sameValue(const Value& a, const Value& b);

Value readValue(const SQLite::Column& column);
void bindValue(SQLite::Statement& statement, int index, const Value& value);

// For messages and the CLI: null -> "", numbers without trailing zeros.
std::string toText(const Value& value);
// Numbers formatted as the canonical export writes them (shortest round-trip form, "7.5"),
// whatever the locale: the database, the wire and exports always use a decimal point.
std::string formatNumber(double number);
// The number with exactly `decimals` digits after a decimal point ("7.50"), whatever the locale.
std::string formatFixed(double number, int decimals);
// A number typed by a person or read from outside: "7.5" and "7,5" alike, whatever the locale;
// spaces around it and a leading '+' are allowed. Nothing for anything else (text, "1.000,5",
// infinities, NaN, out of range).
std::optional<double> parseNumber(std::string_view text);

} // namespace pupitre::store
