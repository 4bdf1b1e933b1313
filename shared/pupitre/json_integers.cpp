#include "pupitre/json_integers.h"

#include <charconv>
#include <cstdint>

namespace pupitre {
namespace {

bool isNumberChar(char c) noexcept
{
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

} // namespace

std::string integerOutOfRangeMessage(std::string_view number)
{
  const std::string shown =
      number.size() > 40 ? std::string(number.substr(0, 40)) + "…" : std::string(number);
  return "the number " + shown +
         " is out of range (whole numbers go from -9223372036854775808 to "
         "9223372036854775807)";
}

bool wholeNumberOutOfRange(std::string_view number) noexcept
{
  if (number.empty() || number.find_first_of(".eE") != std::string_view::npos) {
    return false;
  }
  std::int64_t value = 0;
  const auto result = std::from_chars(number.data(), number.data() + number.size(), value);
  return result.ec == std::errc::result_out_of_range;
}

std::vector<JsonSpan> integersOutOfRange(std::string_view json)
{
  std::vector<JsonSpan> found;
  std::size_t i = 0;
  while (i < json.size()) {
    const char c = json[i];
    if (c == '"') {
      for (++i; i < json.size() && json[i] != '"'; ++i) {
        if (json[i] == '\\') {
          ++i; // the escaped character, a quote included
        }
      }
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t start = i;
      while (i < json.size() && isNumberChar(json[i])) {
        ++i;
      }
      if (wholeNumberOutOfRange(json.substr(start, i - start))) {
        found.push_back({start, i - start});
      }
    } else {
      ++i;
    }
  }
  return found;
}

std::optional<std::string> firstIntegerOutOfRange(std::string_view json)
{
  const auto found = integersOutOfRange(json);
  if (found.empty()) {
    return std::nullopt;
  }
  return std::string(json.substr(found.front().offset, found.front().length));
}

} // namespace pupitre
