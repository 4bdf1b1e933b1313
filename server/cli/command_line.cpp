#include "server/cli/command_line.h"

#include <algorithm>

namespace pupitre::server::cli {
namespace {

const std::vector<std::string> kValueOptions = {
    "data",      "database",     "from-sqlite",      "to",        "bind",         "port",
    "tls-cert",  "tls-key",      "licence",          "devices",   "max-body-mib", "max-clock-ahead",
    "log-level", "max-blob-mib", "blob-grace-hours", "retention", "token-idle",   "config",
    "web-idle",  "web-max-age",  "web-root"};

} // namespace

const char* const kUsage = R"(Usage:
  pupitre-server [--config FILE] COMMAND ...   settings from FILE (default: $PUPITRE_SERVER_CONFIG,
                 else /etc/pupitre-server/server.conf when --data is not given); options win
  pupitre-server --version
  pupitre-server serve --data DIR [--database URL] [--bind ADDRESS] [--port N] [--tls-cert FILE --tls-key FILE]
                       [--max-body-mib N] [--max-clock-ahead SECONDS] [--log-level LEVEL]
                       [--max-blob-mib N] [--blob-grace-hours N]
                       [--retention DURATION] [--token-idle DURATION]   (e.g. 30d, 12h, 0 = never)
                       [--web-root DIR] [--web-idle DURATION] [--web-max-age DURATION]
                                        (the web version's files; its sessions' 12h idle, 7d end)
  pupitre-server --data DIR user add EMAIL --licence single|multi [--devices N]   (password on stdin)
  pupitre-server --data DIR user passwd EMAIL                                      (password on stdin)
  pupitre-server --data DIR user licence EMAIL single|multi [--devices N]
  pupitre-server --data DIR user devices EMAIL
  pupitre-server --data DIR user unlink EMAIL DEVICE_ID
  pupitre-server --data DIR user export EMAIL        (everything held about the account)
  pupitre-server --data DIR user data EMAIL          (its live data as canonical JSON)
  pupitre-server --data DIR user erase EMAIL         (the account, its data and its files)
  pupitre-server --data DIR user quota EMAIL SIZE                                  (e.g. 5GB, 500MB)
  pupitre-server --data DIR blobs gc [--blob-grace-hours N]
  pupitre-server migrate --from-sqlite DIR --to postgresql://USER@HOST/DB   (server stopped first)

The data folder holds server.db, the blob files and the web replicas. With --database
postgresql://USER@HOST/DB (every command takes it) the accounts and their data are in that
PostgreSQL database instead of server.db; several `serve` nodes may share it and the data
folder. See docs/server.md and docs/deploy.md.
)";

std::optional<std::string> CommandLine::option(const std::string& name) const
{
  if (const auto it = options.find(name); it != options.end()) {
    return it->second;
  }
  if (const auto it = configured.find(name); it != configured.end()) {
    return it->second;
  }
  return std::nullopt;
}

std::optional<std::int64_t> CommandLine::number(const std::string& name, std::int64_t min,
                                                std::int64_t max) const
{
  const auto text = option(name);
  if (!text) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  try {
    std::size_t used = 0;
    value = std::stoll(*text, &used);
    if (used != text->size()) {
      throw std::invalid_argument(name);
    }
  } catch (const std::exception&) {
    throw UsageError("--" + name + " needs a whole number, not '" + *text + "'.");
  }
  if (value < min || value > max) {
    throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " +
                     std::to_string(max) + ".");
  }
  return value;
}

void CommandLine::allowOnly(const std::vector<std::string>& allowed,
                            const std::string& command) const
{
  for (const auto& [name, value] : options) {
    if (name != "config" && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      throw UsageError("The option --" + name + " does not apply to `" + command + "`.");
    }
  }
}

CommandLine parseCommandLine(const std::vector<std::string>& args)
{
  CommandLine line;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h" || arg == "help") {
      line.help = true;
      continue;
    }
    if (arg == "--version") {
      line.version = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      line.words.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (std::find(kValueOptions.begin(), kValueOptions.end(), name) == kValueOptions.end()) {
      throw UsageError("Unknown option --" + name + ".");
    }
    if (!value) {
      if (i + 1 >= args.size()) {
        throw UsageError("The option --" + name + " needs a value.");
      }
      value = args[++i];
    }
    if (line.options.count(name)) {
      throw UsageError("The option --" + name + " is given twice.");
    }
    line.options[name] = *value;
  }
  return line;
}

} // namespace pupitre::server::cli
