#pragma once
// The command lines of the benchmarks and workload tools: `--name value` options and
// `--flag` switches, checked against what the program accepts.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

namespace pupitre::bench {

// A mistake in the command line: the program prints it with its usage and exits with 2.
class UsageError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

class CommandLine
{
public:
  // `options` take a value, `flags` do not; anything else is a UsageError.
  CommandLine(int argc, char** argv, const std::set<std::string>& options,
              const std::set<std::string>& flags = {});

  std::optional<std::string> text(const std::string& name) const;
  // The option as a whole number >= `min`, or `fallback` when absent.
  std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t min = 0) const;
  bool flag(const std::string& name) const { return m_flags.count(name) > 0; }

private:
  std::map<std::string, std::string> m_options;
  std::set<std::string> m_flags;
};

} // namespace pupitre::bench
