#pragma once
// The numbered schema migrations of the PostgreSQL database, applied in order; each one
// applied is a row of `schema_migration` (its number, name and when). Like server.db's
// (server_migrations.h), but PostgreSQL's own SQL.
#include "server/store/server_migrations.h"

#include <vector>

namespace pupitre::server {

const std::vector<ServerMigration>& postgresMigrations();

} // namespace pupitre::server
