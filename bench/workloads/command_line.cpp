#include "workloads/command_line.h"

#include <cstdlib>

namespace pupitre::bench {

CommandLine::CommandLine(int argc, char** argv, const std::set<std::string>& options,
                         const std::set<std::string>& flags)
{
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (options.count(arg) > 0) {
      if (i + 1 >= argc) {
        throw UsageError(arg + " needs a value");
      }
      m_options[arg] = argv[++i];
    } else if (flags.count(arg) > 0) {
      m_flags.insert(arg);
    } else {
      throw UsageError("unknown argument '" + arg + "'");
    }
  }
}

std::optional<std::string> CommandLine::text(const std::string& name) const
{
  const auto it = m_options.find(name);
  if (it == m_options.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::int64_t CommandLine::integer(const std::string& name, std::int64_t fallback,
                                  std::int64_t min) const
{
  const auto value = text(name);
  if (!value) {
    return fallback;
  }
  char* end = nullptr;
  const long long number = std::strtoll(value->c_str(), &end, 10);
  if (value->empty() || end != value->c_str() + value->size() || number < min) {
    throw UsageError(name + " needs a whole number from " + std::to_string(min) + ", not '" +
                     *value + "'");
  }
  return number;
}

} // namespace pupitre::bench
