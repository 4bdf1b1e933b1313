#pragma once
// What a --database value names, without libpq: builds without PostgreSQL support (the
// Windows build) still recognise a PostgreSQL URL and say that they cannot open it.
#include "pupitre/error.h"

#include <string>

namespace pupitre::server {

// Whether `database` names a PostgreSQL database (postgresql://... or postgres://...).
bool isPostgresUrl(const std::string& database);
// The URL with its password (if any) left out, for messages and logs.
std::string urlWithoutPassword(const std::string& url);

// Whether this build of pupitre-server has the PostgreSQL backend (libpq); the Windows build
// has only SQLite (server.db in the data folder).
constexpr bool kHasPostgresql = PUPITRE_HAS_POSTGRESQL != 0;

// The error a build without PostgreSQL support gives for a PostgreSQL URL.
Error noPostgresSupport(const std::string& url);

} // namespace pupitre::server
