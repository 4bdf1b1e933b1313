#pragma once
// pupitre-server's command line: words (serve, user add EMAIL, ...) and --options, which
// may come anywhere (`--data DIR user add ...` or `serve --data DIR`).
#include "pupitre/error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::server::cli {

// The command line is wrong: the message says what is expected; exit code 2.
class UsageError : public Error
{
public:
  using Error::Error;
};

struct CommandLine
{
  std::vector<std::string> words;
  std::map<std::string, std::string> options; // without the leading "--"
  // Settings from the configuration file (config_file.h); `options` win over them.
  std::map<std::string, std::string> configured;
  bool help = false;
  bool version = false; // --version

  // The option given on the command line, else the configuration file's setting.
  std::optional<std::string> option(const std::string& name) const;
  // The option as a whole number in [min, max]; UsageError otherwise.
  std::optional<std::int64_t> number(const std::string& name, std::int64_t min,
                                     std::int64_t max) const;
  // UsageError unless every option given is one of `allowed` ("data", "port", ...) or
  // --config (the configuration file may set what a command does not use).
  void allowOnly(const std::vector<std::string>& allowed, const std::string& command) const;
};

CommandLine parseCommandLine(const std::vector<std::string>& args);

extern const char* const kUsage;

} // namespace pupitre::server::cli
