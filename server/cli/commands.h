#pragma once
// The commands of pupitre-server: `serve` and the administrator's `user ...` commands.
// Each returns the process exit code; failures throw (main prints them).
#include "server/cli/command_line.h"

#include <iosfwd>

namespace pupitre::server::cli {

// Serves the API until SIGTERM or SIGINT; prints "listening on HOST:PORT" once ready.
int runServe(const CommandLine& line, std::ostream& out);

// `user add|passwd|licence|devices|unlink|export|data|erase|quota ...`; passwords come from `in`.
int runUserCommand(const CommandLine& line, std::istream& in, std::ostream& out, std::ostream& err);

// `migrate --from-sqlite DIR --to URL`: copies server.db into an empty PostgreSQL database.
int runMigrateCommand(const CommandLine& line, std::ostream& out);

// `blobs gc`: collects unreferenced pictures and resource files now.
int runBlobsCommand(const CommandLine& line, std::ostream& out);

// "5GB", "500 MB", "2GiB", "1073741824" -> bytes (decimal units; GiB/MiB binary). UsageError.
std::int64_t parseSize(const std::string& text);

// "30d", "12h", "90m", "45s", "0" -> milliseconds (0: never). UsageError.
std::int64_t parseDuration(const std::string& text);

// DIR/server.db for --data DIR; `create` makes the folder, else it must hold server data.
std::string serverDatabasePath(const CommandLine& line, bool create);
// The data folder (--data DIR), made if missing (0700).
std::string serverDataFolder(const CommandLine& line);

} // namespace pupitre::server::cli
