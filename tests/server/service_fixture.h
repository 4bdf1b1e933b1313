#pragma once
// A server in the test's process: a sandboxed server.db (or a fresh PostgreSQL database when
// PUPITRE_TEST_BACKEND=postgres: the ctest entry server_postgres), a SyncService on a manual
// clock, accounts and device logins in one call, and field writes written briefly.
#include "server/blobs/blob_index.h"
#include "server/service/account_admin.h"
#include "server/service/sync_service.h"
#include "server/store/server_store.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

namespace pupitre::test {

inline constexpr const char* kPassword = "correct horse battery";

// The store of the server data folder `dir` in the tests' backend (support/postgres_instance.h):
// DIR/server.db, or the folder's PostgreSQL database; the same data every time for a folder.
std::unique_ptr<server::ServerStore> openTestStore(const std::string& dir);
// The blob index beside `store` (opened by openTestStore for `dir`).
std::unique_ptr<server::blobs::BlobIndex> openTestBlobIndex(server::ServerStore& store,
                                                            const std::string& dir);
// Everything the store of `dir` holds, as bytes to search: server.db and its write-ahead log,
// or a dump of the folder's PostgreSQL database.
std::string storedBytes(const std::string& dir);
// The rows `select` finds in the store of `dir`, each column followed by '|' (SQLite) or
// columns separated by '|' and rows by newlines (PostgreSQL); empty when none.
std::string selectText(const std::string& dir, const std::string& select);
// Whether the tests use PostgreSQL (a test of SQLite's files skips itself then).
bool testsOnPostgres();

struct ServiceFixture
{
  Sandbox sandbox;
  ManualClock clock;
  std::unique_ptr<server::ServerStore> ownStore = openTestStore(sandbox.dir().string());
  server::ServerStore& store = *ownStore;
  server::SyncService service{store, server::SyncServiceOptions{clock.wallClock()}};
  server::AccountAdmin admin{store, clock.wallClock()};

  void addAccount(const std::string& email, const std::string& licence = "multi",
                  std::int64_t devices = 5);
  // Logs the device in (linking it) and returns its token; fails the test if refused.
  std::string login(const std::string& email, const std::string& deviceId);
  // Pushes as batch `batch`; fails the test if refused.
  sync::PushResult push(const std::string& token, std::int64_t batch,
                        const std::vector<sync::FieldWrite>& writes);
  // Every page from `after` on, concatenated.
  sync::PullPage pullAll(const std::string& token, std::int64_t after = 0, std::size_t limit = 0);
  std::string exportJson(const std::string& email) { return admin.exportLiveJson(email); }
};

// A stamp at `ms` (physical time) with `counter`, by `device`.
sync::Stamp stampAt(std::int64_t ms, const std::string& device, std::uint64_t counter = 0);

sync::FieldWrite fieldWrite(const std::string& table, const std::string& row,
                            const std::string& field, store::Value value, const sync::Stamp& stamp,
                            const sync::Stamp& base = {});

// The value of (row, field) among `writes` (the last one), or nullopt.
std::optional<store::Value> valueIn(const std::vector<sync::FieldWrite>& writes,
                                    const std::string& row, const std::string& field);

} // namespace pupitre::test
