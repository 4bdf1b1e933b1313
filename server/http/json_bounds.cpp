#include "server/http/json_bounds.h"

#include "pupitre/json_integers.h"
#include "server/api_errors.h"

namespace pupitre::server::http {
namespace {

bool isNumberChar(char c)
{
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

} // namespace

std::optional<sync::ApiError> checkJsonBounds(std::string_view json, const JsonBounds& bounds)
{
  std::size_t values = 0;
  std::size_t depth = 0;
  std::size_t i = 0;
  while (i < json.size()) {
    const char c = json[i];
    if (c == '"') {
      ++values;
      for (++i; i < json.size() && json[i] != '"'; ++i) {
        if (json[i] == '\\') {
          ++i; // the escaped character, a quote included
        }
      }
      ++i;
    } else if (c == '[' || c == '{') {
      ++values;
      if (++depth > bounds.maxDepth) {
        return api::badRequest("the JSON is nested deeper than " + std::to_string(bounds.maxDepth) +
                               " levels");
      }
      ++i;
    } else if (c == ']' || c == '}') {
      depth = depth > 0 ? depth - 1 : 0;
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ++values;
      const std::size_t start = i;
      while (i < json.size() && isNumberChar(json[i])) {
        ++i;
      }
      const std::string_view number = json.substr(start, i - start);
      if (wholeNumberOutOfRange(number)) {
        return api::badRequest(integerOutOfRangeMessage(number));
      }
    } else if (c == 't' || c == 'f' || c == 'n') {
      ++values;
      while (i < json.size() && json[i] >= 'a' && json[i] <= 'z') {
        ++i;
      }
    } else {
      ++i;
    }
    if (values > bounds.maxValues) {
      return api::tooManyValues(bounds.maxValues);
    }
  }
  return std::nullopt;
}

} // namespace pupitre::server::http
