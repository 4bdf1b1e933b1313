#pragma once
// `pupitre-server migrate --from-sqlite DIR --to postgresql://...`: copies a school's server
// from DIR/server.db into an empty PostgreSQL database, every row as it is (account ids,
// sequence numbers and stamps kept, so that the devices go on syncing from their cursors
// without starting over), then checks that every account reads back the same from both.
#include "server/store/postgres_server_store.h"
#include "server/store/sqlite_server_store.h"

#include <cstdint>
#include <map>
#include <string>

namespace pupitre::server {

struct CopyReport
{
  std::map<std::string, std::int64_t> rows; // table -> rows copied
  std::int64_t accounts = 0;
};

// Copies in one PostgreSQL transaction. Throws StoreError when the target holds accounts
// already, and when an account does not read back the same from both databases (the copy is
// then removed again, so that the command can be run once more).
CopyReport copySqliteToPostgres(SqliteServerStore& from, PostgresServerStore& to);

// Whether every account reads back the same from both stores: its full export (account,
// devices, tokens, field versions, conflicts, blobs, web sessions), its password hash and its
// last sequence number. The first difference found, or empty.
std::string firstDifference(SqliteServerStore& from, ServerStore& to);

} // namespace pupitre::server
