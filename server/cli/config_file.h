#pragma once
// The server's configuration file (installer/server/server.conf, installed as
// /etc/pupitre-server/server.conf): `name = value` lines whose names are the long options of
// `serve` (data, port, tls-cert, ...). Options given on the command line win over the file.
#include "server/cli/command_line.h"

#include <map>
#include <optional>
#include <string>

namespace pupitre::server::cli {

// Where the packaged server keeps its configuration.
inline constexpr const char* kSystemConfigFile = "/etc/pupitre-server/server.conf";

// Reads FILE: blank lines and lines starting with # or ; are skipped, `[section]` headers are
// ignored, every other line is `name = value`; `${NAME}` in a value is the environment
// variable NAME (systemd's ${CREDENTIALS_DIRECTORY}). Relative paths (data, tls-cert, tls-key) are
// taken from the file's folder. UsageError names the file and line of an unknown name, a
// line without `=`, or a name given twice; Error if the file cannot be read.
std::map<std::string, std::string> readConfigFile(const std::string& file);

// The file the command line uses: --config FILE, else $PUPITRE_SERVER_CONFIG, else the
// system file when it exists and --data was not given; nothing otherwise.
std::optional<std::string> configFileFor(const CommandLine& line, const char* environment,
                                         const std::string& systemFile = kSystemConfigFile);

// Adds the file's settings to `line.configured` (the command line's options still win).
void applyConfigFile(CommandLine& line, const char* environment);

} // namespace pupitre::server::cli
