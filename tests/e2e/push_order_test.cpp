// Every change pending when a sync starts goes up in that sync (sync.md, promise 1), even when
// the teacher edits while it runs. The outbox is read by table and row: edits made during the
// push, in a table that sorts first ("category" before "journal_entry"), used to take the
// places of older pending changes, and the sync ended "synchronised" with those still pending.
#include "cluster.h"
#include "request_gate.h"
#include "sync_watch.h"

#include "pupitre/model/journal.h"
#include "pupitre/store/database.h"

#include <SQLiteCpp/Database.h>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace pupitre;
using namespace pupitre::e2e;

namespace {

// Pending field changes of `table` in the database file, read as it is now.
std::int64_t pendingIn(const std::string& databaseFile, const std::string& table)
{
  SQLite::Database db(databaseFile, SQLite::OPEN_READONLY, 10'000);
  SQLite::Statement query(db, "SELECT count(*) FROM field_version WHERE pending = 1 AND tbl = ?");
  query.bind(1, table);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

} // namespace

BOOST_AUTO_TEST_SUITE(push_order_tests)

BOOST_AUTO_TEST_CASE(edits_made_during_a_push_do_not_leave_older_edits_unsent)
{
  // A server that takes pushes of 1 MiB: the device sends 512 KiB at most per batch.
  Cluster cluster(Cluster::Options{.serverOptions = {"--max-body-mib", "1"}});
  Device& a = cluster[0];
  Device& b = cluster[1];
  RequestGate gate(cluster.server.port());
  BOOST_REQUIRE(a.login(gate.url()).exitCode == 0);
  BOOST_REQUIRE(b.login(cluster.server.url()).exitCode == 0);

  // Older pending edits: six journal entries of 200 KB, two per batch.
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  std::vector<std::string> entries;
  {
    store::Database db(a.database());
    model::Journal journal(db);
    for (int i = 0; i < 6; ++i) {
      entries.push_back(journal.create({.classId = cls,
                                        .date = "2026-10-05",
                                        .title = "Session " + std::to_string(i),
                                        .body = std::string(200'000, static_cast<char>('a' + i))}));
    }
  }

  // The first batch waits at the gate while the teacher adds categories (sorting first).
  gate.holdFrom("/api/v1/push", 1);
  SyncWatch watch(a.socket());
  BOOST_TEST_REQUIRE(gate.waitForHeld().has_value());
  std::vector<std::string> categories;
  for (int i = 0; i < 6; ++i) {
    categories.push_back(a.write({"category", "add", cls, "Tests " + std::to_string(i)}));
  }
  gate.open();
  BOOST_TEST_REQUIRE(watch.waitForEnd(std::chrono::seconds(120)) == "finished");
  BOOST_TEST(pendingIn(a.database(), "journal_entry") == 0);

  // B syncs once: every entry made before A's sync is there.
  b.syncOk();
  const auto onB = b.exportJson();
  for (const auto& id : entries) {
    BOOST_TEST(exportedRow(onB, "journal", id), "journal entry " << id);
  }
  // The categories go up at the latest with A's next sync.
  a.syncOk();
  BOOST_TEST(a.pending() == 0);
  b.syncOk();
  cluster.requireConverged();
}

BOOST_AUTO_TEST_SUITE_END()
