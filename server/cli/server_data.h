#pragma once
// Where a command's server data are: the data folder (--data DIR: the blob files and the web
// replicas, and server.db when the database is SQLite) and the database (--database
// postgresql://USER@HOST/DB, or `database` in server.conf; DIR/server.db when not given).
// Several server nodes on one PostgreSQL database share one data folder (docs/deploy.md).
#include "server/blobs/blob_index.h"
#include "server/cli/command_line.h"
#include "server/service/login_limiter.h"
#include "server/store/server_store.h"

#include <memory>
#include <string>

namespace pupitre::server::cli {

struct ServerData
{
  std::string folder;   // absolute
  std::string database; // DIR/server.db, or the PostgreSQL URL
  std::unique_ptr<ServerStore> store;
  std::unique_ptr<blobs::BlobIndex> blobIndex;
  // Failed sign-ins every node sees (PostgreSQL); null with SQLite (one process serves).
  std::unique_ptr<SharedLoginFailures> loginFailures;

  std::string blobFolder() const;
  std::string webFolder() const;
};

// Opens (and migrates) the database. `create`: makes the data folder (and server.db); else
// the folder must hold server data (server.db, when the database is SQLite). UsageError
// when --data is missing.
ServerData openServerData(const CommandLine& line, bool create);

} // namespace pupitre::server::cli
