#include "server/cli/server_data.h"

#include "server/blobs/sqlite_blob_index.h"
#include "server/cli/commands.h"
#include "server/store/database_url.h"
#include "server/store/sqlite_server_store.h"
#if PUPITRE_HAS_POSTGRESQL
#include "server/blobs/postgres_blob_index.h"
#include "server/store/postgres_login_failures.h"
#include "server/store/postgres_server_store.h"
#endif

#include <filesystem>

namespace pupitre::server::cli {

std::string ServerData::blobFolder() const
{
  return (std::filesystem::path(folder) / "blobs").string();
}

std::string ServerData::webFolder() const
{
  return (std::filesystem::path(folder) / "web").string();
}

ServerData openServerData(const CommandLine& line, bool create)
{
  ServerData data;
  const auto url = line.option("database");
  if (!url || url->empty()) {
    data.database = serverDatabasePath(line, create);
    data.folder = std::filesystem::path(data.database).parent_path().string();
    auto store = std::make_unique<SqliteServerStore>(data.database);
    data.blobIndex = std::make_unique<blobs::SqliteBlobIndex>(data.database);
    data.store = std::move(store);
    return data;
  }
  if (!isPostgresUrl(*url)) {
    throw UsageError("--database takes a PostgreSQL URL, postgresql://USER@HOST/DATABASE (got '" +
                     urlWithoutPassword(*url) +
                     "'); without --database the server keeps its data in DIR/server.db.");
  }
#if PUPITRE_HAS_POSTGRESQL
  data.database = *url;
  data.folder = serverDataFolder(line);
  auto store = std::make_unique<PostgresServerStore>(*url);
  data.blobIndex = std::make_unique<blobs::PostgresBlobIndex>(store->pool());
  data.loginFailures = std::make_unique<PostgresLoginFailures>(store->pool());
  data.store = std::move(store);
  return data;
#else
  throw noPostgresSupport(*url);
#endif
}

} // namespace pupitre::server::cli
