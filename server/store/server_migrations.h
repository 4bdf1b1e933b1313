#pragma once
// The numbered schema migrations of server.db, applied in order; the number of the last one
// applied is the file's PRAGMA user_version.
#include <vector>

namespace pupitre::server {

struct ServerMigration
{
  int number;
  const char* name;
  const char* sql;
};

const std::vector<ServerMigration>& serverMigrations();

} // namespace pupitre::server
