#pragma once
// The commands of pupitre-server: `serve` and the administrator's `user ...` commands.
// Each returns the process exit code; failures throw (main prints them).
#include "server/cli/command_line.h"

#include <iosfwd>

namespace pupitre::server::cli {

// Serves the API until SIGTERM or SIGINT; prints "listening on HOST:PORT" once ready.
int runServe(const CommandLine& line, std::ostream& out);

// `user add|passwd|licence|devices|unlink|export ...`; passwords come from `in`.
int runUserCommand(const CommandLine& line, std::istream& in, std::ostream& out, std::ostream& err);

// DIR/server.db for --data DIR; `create` makes the folder, else it must hold server data.
std::string serverDatabasePath(const CommandLine& line, bool create);

} // namespace pupitre::server::cli
