#include "server/cli/config_file.h"

#include <Poco/String.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace pupitre::server::cli {
namespace {

// What a configuration file may set: the server's own settings, not an account's.
constexpr std::array kConfigNames = {"data",         "database",         "bind",
                                     "port",         "tls-cert",         "tls-key",
                                     "max-body-mib", "max-clock-ahead",  "log-level",
                                     "max-blob-mib", "blob-grace-hours", "retention",
                                     "token-idle",   "web-idle",         "web-max-age",
                                     "web-root"};
constexpr std::array kPathNames = {"data", "tls-cert", "tls-key", "web-root"};

bool oneOf(const auto& names, const std::string& name)
{
  return std::find(names.begin(), names.end(), name) != names.end();
}

// `value` with every ${NAME} replaced by the environment variable NAME (systemd's
// ${CREDENTIALS_DIRECTORY}, for instance); UsageError when NAME is not set.
std::string expandEnvironment(const std::string& value, const std::string& where)
{
  std::string result;
  std::size_t from = 0;
  while (true) {
    const auto open = value.find("${", from);
    if (open == std::string::npos) {
      return result + value.substr(from);
    }
    const auto close = value.find('}', open);
    if (close == std::string::npos) {
      throw UsageError(where + "'${' without its '}'.");
    }
    const std::string name = value.substr(open + 2, close - open - 2);
    const char* set = std::getenv(name.c_str());
    if (!set) {
      throw UsageError(where + "the environment variable " + name + " is not set.");
    }
    result += value.substr(from, open - from) + set;
    from = close + 1;
  }
}

} // namespace

std::map<std::string, std::string> readConfigFile(const std::string& file)
{
  std::ifstream in(file);
  if (!in) {
    throw Error("Cannot read the configuration file '" + file + "'.");
  }
  const std::filesystem::path folder = std::filesystem::absolute(file).parent_path();
  std::map<std::string, std::string> settings;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    const std::string line = Poco::trim(text);
    const std::string where = file + ", line " + std::to_string(number) + ": ";
    if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '[') {
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      throw UsageError(where + "expected `name = value`, found '" + line + "'.");
    }
    const std::string name = Poco::trim(line.substr(0, eq));
    std::string value = expandEnvironment(Poco::trim(line.substr(eq + 1)), where);
    if (!oneOf(kConfigNames, name)) {
      throw UsageError(where + "unknown setting '" + name + "'.");
    }
    if (settings.count(name)) {
      throw UsageError(where + "'" + name + "' is set twice.");
    }
    if (oneOf(kPathNames, name) && !value.empty() && std::filesystem::path(value).is_relative()) {
      value = (folder / value).lexically_normal().string();
    }
    settings[name] = value;
  }
  return settings;
}

std::optional<std::string> configFileFor(const CommandLine& line, const char* environment,
                                         const std::string& systemFile)
{
  if (const auto given = line.option("config")) {
    return given;
  }
  if (environment && *environment) {
    return std::string(environment);
  }
  if (!line.options.count("data") && std::filesystem::exists(systemFile)) {
    return systemFile;
  }
  return std::nullopt;
}

void applyConfigFile(CommandLine& line, const char* environment)
{
  if (const auto file = configFileFor(line, environment)) {
    line.configured = readConfigFile(*file);
  }
}

} // namespace pupitre::server::cli
