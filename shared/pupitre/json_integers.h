#pragma once
// Whole numbers in JSON from outside (a push, a pull page, an IPC message) must fit the 64-bit
// integers every reader uses. Poco's parser does not say when they do not: it reads
// 18446744073709551616 as 0 and -9223372036854775809 as -9223372036854775808, silently. So
// every JSON text from outside is scanned for such a number before it is parsed, and refused
// with a sentence that names it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pupitre {

// The sentence for a refused number: "the number 18446744073709551616 is out of range (whole
// numbers go from -9223372036854775808 to 9223372036854775807)". Numbers longer than 40
// characters are cut with "…".
std::string integerOutOfRangeMessage(std::string_view number);

// True when `number` (the characters of one JSON number) is a whole number, with no fraction
// and no exponent, outside -9223372036854775808..9223372036854775807.
bool wholeNumberOutOfRange(std::string_view number) noexcept;

// Where a number lies in a JSON text.
struct JsonSpan
{
  std::size_t offset = 0;
  std::size_t length = 0;
};

// Every whole number of `json` outside the 64-bit range, in order. Strings are skipped (a
// number inside a string is text); the scan does not check that `json` is valid JSON.
std::vector<JsonSpan> integersOutOfRange(std::string_view json);

// The first of them, or nullopt.
std::optional<std::string> firstIntegerOutOfRange(std::string_view json);

} // namespace pupitre
