#include "pupitre/sync/server_limits.h"

#include <charconv>
#include <utility>
#include <vector>

namespace pupitre::sync {
namespace {

// A positive whole number, or nothing.
std::optional<std::size_t> positive(std::string_view text)
{
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) {
    return std::nullopt;
  }
  return value;
}

// "name=N, name=N" (commas or semicolons), each known name setting its member.
void readPairs(std::string_view text,
               const std::vector<std::pair<std::string_view, std::size_t*>>& names)
{
  while (!text.empty()) {
    const auto end = text.find_first_of(",;");
    const std::string_view pair = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) {
      continue;
    }
    std::string_view name = pair.substr(0, equals);
    while (!name.empty() && name.front() == ' ') {
      name.remove_prefix(1);
    }
    while (!name.empty() && name.back() == ' ') {
      name.remove_suffix(1);
    }
    for (const auto& [known, member] : names) {
      if (name == known) {
        if (const auto value = positive(pair.substr(equals + 1))) {
          *member = *value;
        }
      }
    }
  }
}

} // namespace

std::string valueBytesHeader(const ServerLimits& limits)
{
  return "text=" + std::to_string(limits.maxTextBytes) +
         ", any=" + std::to_string(limits.maxAnyBytes) +
         ", number=" + std::to_string(limits.maxNumberBytes);
}

std::optional<ServerLimits>
announcedLimits(const std::function<std::optional<std::string>(const char* name)>& header)
{
  const auto push = header(kMaxPushBytesHeader);
  const auto changes = header(kMaxPushChangesHeader);
  const auto values = header(kMaxValueBytesHeader);
  if (!push && !changes && !values) {
    return std::nullopt;
  }
  ServerLimits limits;
  if (push) {
    limits.maxPushBytes = positive(*push).value_or(limits.maxPushBytes);
  }
  if (changes) {
    limits.maxPushChanges = positive(*changes).value_or(limits.maxPushChanges);
  }
  if (values) {
    readPairs(*values, {{"text", &limits.maxTextBytes},
                        {"any", &limits.maxAnyBytes},
                        {"number", &limits.maxNumberBytes}});
  }
  return limits;
}

std::string encodeLimits(const ServerLimits& limits)
{
  return "push_bytes=" + std::to_string(limits.maxPushBytes) +
         "; push_changes=" + std::to_string(limits.maxPushChanges) + "; " +
         valueBytesHeader(limits);
}

ServerLimits decodeLimits(std::string_view text)
{
  ServerLimits limits;
  readPairs(text, {{"push_bytes", &limits.maxPushBytes},
                   {"push_changes", &limits.maxPushChanges},
                   {"text", &limits.maxTextBytes},
                   {"any", &limits.maxAnyBytes},
                   {"number", &limits.maxNumberBytes}});
  return limits;
}

std::size_t maxValueBytes(const ServerLimits& limits, store::FieldType type)
{
  switch (type) {
  case store::FieldType::Text:
    return limits.maxTextBytes;
  case store::FieldType::Any:
    return limits.maxAnyBytes;
  case store::FieldType::Integer:
  case store::FieldType::Real:
    break;
  }
  return limits.maxNumberBytes;
}

} // namespace pupitre::sync
