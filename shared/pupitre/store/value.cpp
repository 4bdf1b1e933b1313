#include "pupitre/store/value.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <charconv>
#include <cmath>
#include <system_error>

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

bool sameValue(const Value& a, const Value& b)
{
  return compareValues(a, b) == 0;
}

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
  // As "%.*g" in the C locale with the fewest digits that read back as the same number.
  char text[40];
  std::to_chars_result written{};
  for (int precision = 1; precision <= 17; ++precision) {
    written =
        std::to_chars(text, text + sizeof text, number, std::chars_format::general, precision);
    double back = 0;
    const auto read = std::from_chars(text, written.ptr, back);
    if (read.ec == std::errc{} && back == number) {
      break;
    }
  }
  return std::string(text, written.ptr);
}

std::string formatFixed(double number, int decimals)
{
  char text[400]; // room for the widest double in fixed notation
  const auto written =
      std::to_chars(text, text + sizeof text, number, std::chars_format::fixed, decimals);
  return written.ec == std::errc{} ? std::string(text, written.ptr) : formatNumber(number);
}

std::optional<double> parseNumber(std::string_view text)
{
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) {
    return std::nullopt;
  }
  std::string digits(text.substr(begin, text.find_last_not_of(" \t") - begin + 1));
  if (digits.size() > 1 && digits.front() == '+' && digits[1] != '-') {
    digits.erase(0, 1);
  }
  if (const auto comma = digits.find(','); comma != std::string::npos) {
    if (digits.find('.') != std::string::npos) {
      return std::nullopt; // "1.000,5": a thousands separator is not a mark
    }
    digits[comma] = '.';
  }
  double value = 0;
  const char* end = digits.data() + digits.size();
  const auto read = std::from_chars(digits.data(), end, value, std::chars_format::general);
  if (read.ec != std::errc{} || read.ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
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
