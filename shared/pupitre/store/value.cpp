#include "pupitre/store/value.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pupitre::store {
namespace {

int rank(const Value& v)
{
  if (isNull(v)) {
    return 0;
  }
  if (std::holds_alternative<std::string>(v)) {
    return 2;
  }
  return 1;
}

double asDouble(const Value& v)
{
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    return static_cast<double>(*i);
  }
  return std::get<double>(v);
}

} // namespace

int compareValues(const Value& a, const Value& b)
{
  const int ra = rank(a);
  const int rb = rank(b);
  if (ra != rb) {
    return ra < rb ? -1 : 1;
  }
  if (ra == 0) {
    return 0;
  }
  if (ra == 2) {
    const int c = std::get<std::string>(a).compare(std::get<std::string>(b));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (std::holds_alternative<std::int64_t>(a) && std::holds_alternative<std::int64_t>(b)) {
    const auto x = std::get<std::int64_t>(a);
    const auto y = std::get<std::int64_t>(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  const double x = asDouble(a);
  const double y = asDouble(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool sameValue(const Value& a, const Value& b) { return compareValues(a, b) == 0; }

Value readValue(const SQLite::Column& column)
{
  switch (column.getType()) {
  case SQLITE_INTEGER:
    return Value{static_cast<std::int64_t>(column.getInt64())};
  case SQLITE_FLOAT:
    return Value{column.getDouble()};
  case SQLITE_TEXT:
  case SQLITE_BLOB:
    return Value{column.getString()};
  default:
    return Value{};
  }
}

void bindValue(SQLite::Statement& statement, int index, const Value& value)
{
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    statement.bind(index, static_cast<std::int64_t>(*i));
  } else if (const auto* d = std::get_if<double>(&value)) {
    statement.bind(index, *d);
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    statement.bind(index, *s);
  } else {
    statement.bind(index);
  }
}

std::string formatNumber(double number)
{
  if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(number));
  }
  char text[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, number);
    if (std::strtod(text, nullptr) == number) {
      break;
    }
  }
  return text;
}

std::string toText(const Value& value)
{
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    return std::to_string(*i);
  }
  if (const auto* d = std::get_if<double>(&value)) {
    return formatNumber(*d);
  }
  if (const auto* s = std::get_if<std::string>(&value)) {
    return *s;
  }
  return {};
}

} // namespace pupitre::store
