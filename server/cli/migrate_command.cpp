// `pupitre-server migrate --from-sqlite DIR --to postgresql://USER@HOST/DB` (docs/deploy.md).
#include "server/cli/commands.h"
#include "server/store/database_url.h"
#if PUPITRE_HAS_POSTGRESQL
#include "server/store/sqlite_to_postgres.h"
#endif

#include <filesystem>
#include <ostream>

namespace pupitre::server::cli {

int runMigrateCommand(const CommandLine& line, std::ostream& out)
{
  line.allowOnly({"from-sqlite", "to"}, "migrate");
  const auto from = line.option("from-sqlite");
  const auto to = line.option("to");
  if (line.words.size() != 1 || !from || !to) {
    throw UsageError("Usage: pupitre-server migrate --from-sqlite DIR --to "
                     "postgresql://USER@HOST/DATABASE");
  }
  if (!isPostgresUrl(*to)) {
    throw UsageError("--to takes a PostgreSQL URL, postgresql://USER@HOST/DATABASE.");
  }
#if PUPITRE_HAS_POSTGRESQL
  const auto folder = std::filesystem::absolute(*from);
  const auto path = folder / "server.db";
  if (!std::filesystem::exists(path)) {
    throw Error("There are no server data in '" + folder.string() +
                "' (no server.db); give the folder `serve --data` uses.");
  }
  SqliteServerStore source(path.string());
  PostgresServerStore target(*to);
  const auto report = copySqliteToPostgres(source, target);
  out << "Copied " << report.accounts << (report.accounts == 1 ? " account" : " accounts")
      << " from " << path.string() << " to " << target.location() << ":";
  for (const auto& [table, rows] : report.rows) {
    out << " " << table << " " << rows << ";";
  }
  out << " every account reads back the same from both.\n"
      << "Serve it with: pupitre-server serve --data " << folder.string() << " --database "
      << target.location()
      << "\n(the blob files and web replicas stay in that folder, which every node shares; "
         "server.db is left as it was).\n";
  return 0;
#else
  static_cast<void>(out);
  throw noPostgresSupport(*to);
#endif
}

} // namespace pupitre::server::cli
