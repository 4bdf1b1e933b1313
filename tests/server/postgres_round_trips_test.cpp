// PostgreSQL: the round trips to the database a sync takes (issue 19). Each statement sent on
// its own waits for the database's answer; a push of a few marks was about twenty of them and
// a pull seven, which bounded what a node could do. A push's transaction now reads its
// records at once and sends its writes with the commit (libpq's pipeline mode), and a pull's
// snapshot is one pipeline. Counted by the store's pool (PgPool::roundTrips), not timed.
// Only in the server_postgres run; the SQLite run skips these.
#include "server/store/pg_connection.h"
#include "server/store/postgres_server_store.h"
#include "service_fixture.h"
#include "support/postgres_instance.h"

#include "pupitre/error.h"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

// Authentication is one statement per request (the token, its device and its account).
constexpr std::uint64_t kAuthentication = 1;

struct Marks : ServiceFixture
{
  Marks()
  {
    addAccount(kEmail);
    tokenA = login(kEmail, "A");
    tokenB = login(kEmail, "B");
  }
  std::uint64_t roundTrips()
  {
    return dynamic_cast<server::PostgresServerStore&>(store).pool().roundTrips();
  }
  // Three marks' values, as W4 and a teacher's edits push them.
  std::vector<sync::FieldWrite> marks(double value, const sync::Stamp& stamp,
                                      const std::vector<sync::Stamp>& bases = {})
  {
    std::vector<sync::FieldWrite> writes;
    for (int i = 0; i < 3; ++i) {
      writes.push_back(fieldWrite("mark", "m" + std::to_string(i), "value", store::Value{value + i},
                                  stamp, bases.empty() ? sync::Stamp{} : bases[i]));
    }
    return writes;
  }
  std::string tokenA;
  std::string tokenB;
};

} // namespace

BOOST_AUTO_TEST_SUITE(postgres_round_trips)

BOOST_FIXTURE_TEST_CASE(a_push_of_three_marks_and_a_pull_take_a_few_round_trips, Marks)
{
  if (!testsOnPostgres()) {
    BOOST_TEST_MESSAGE("round trips to PostgreSQL: in the server_postgres run");
    return;
  }
  const auto first = stampAt(clock.now() - 2000, "A");
  push(tokenA, 1, marks(5, first));
  const auto pulled = pullAll(tokenB);
  BOOST_TEST(pulled.changes.size() == 3u);

  // B edits the three marks it pulled: three rows read, three values written, the batch
  // recorded, the account's sequence number moved.
  auto before = roundTrips();
  const auto result =
      push(tokenB, 1, marks(7, stampAt(clock.now() - 1000, "B"), {first, first, first}));
  const auto pushTrips = roundTrips() - before;
  BOOST_TEST(result.applied == 3);
  BOOST_TEST(result.conflicts == 0);
  BOOST_TEST_MESSAGE("push of three marks: " << pushTrips << " round trips");
  // Authentication, then the transaction: BEGIN, the account's lock, its records and the
  // device's last batch in one round trip; the writes and the COMMIT in another.
  BOOST_TEST(pushTrips <= kAuthentication + 2);

  before = roundTrips();
  const auto page = service.pull(tokenA, pulled.cursor, 0, false, false);
  const auto pullTrips = roundTrips() - before;
  BOOST_REQUIRE(page);
  BOOST_TEST(page.value().changes.size() == 3u);
  BOOST_TEST(std::get<double>(page.value().changes[0].value) == 7.0);
  BOOST_TEST_MESSAGE("pull of a page: " << pullTrips << " round trips");
  // Authentication, then one snapshot: BEGIN, the last sequence number, versions,
  // conflicts, COMMIT in one pipeline.
  BOOST_TEST(pullTrips <= kAuthentication + 1);
}

BOOST_FIXTURE_TEST_CASE(a_push_with_conflicts_keeps_each_once_in_few_round_trips, Marks)
{
  if (!testsOnPostgres()) {
    BOOST_TEST_MESSAGE("round trips to PostgreSQL: in the server_postgres run");
    return;
  }
  const auto first = stampAt(clock.now() - 3000, "A");
  push(tokenA, 1, marks(5, first));
  push(tokenA, 2, marks(6, stampAt(clock.now() - 2000, "A"), {first, first, first}));
  // B edits on top of the first values: a concurrent edit of each mark, each a conflict.
  auto before = roundTrips();
  const auto late = marks(8, stampAt(clock.now() - 1000, "B"), {first, first, first});
  const auto result = push(tokenB, 1, late);
  const auto trips = roundTrips() - before;
  BOOST_TEST(result.applied == 3);
  BOOST_TEST(result.conflicts == 3);
  BOOST_TEST_MESSAGE("push of three conflicting marks: " << trips << " round trips");
  // One more round trip per conflict (whether the account holds it already).
  BOOST_TEST(trips <= kAuthentication + 2 + 3);
  // The same batch again is answered, not applied; a new batch of the same edits adds
  // nothing (the conflicts are kept once).
  BOOST_TEST(push(tokenB, 1, late).conflicts == 3);
  const auto again = push(tokenB, 2, late);
  BOOST_TEST(again.applied == 0);
  BOOST_TEST(again.conflicts == 0);
  BOOST_TEST(store.conflicts(store.findAccount(kEmail)->id).size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(a_field_put_twice_in_a_push_is_kept_as_last_put, Marks)
{
  // The versions go in one multi-row INSERT, where a row may appear once: the record's
  // liveness, asserted again by each later field write, must be sent once, as last put.
  // (Both backends: the same outcome on SQLite.)
  const auto early = stampAt(clock.now() - 2000, "A");
  const auto late = stampAt(clock.now() - 1000, "A");
  const auto result = push(tokenA, 1,
                           {fieldWrite("student", "s1", "given_name", store::Value{"Ana"}, early),
                            fieldWrite("student", "s1", "family_name", store::Value{"Ruiz"}, late),
                            fieldWrite("student", "s2", "given_name", store::Value{"Eva"}, late),
                            fieldWrite("student", "s2", "given_name", store::Value{"Eve"}, early)});
  BOOST_TEST(result.applied == 3);
  BOOST_TEST(result.ignored == 1);
  std::map<std::string, server::StoredVersion> stored;
  store.forEachVersion(store.findAccount(kEmail)->id, [&](const server::StoredVersion& v) {
    stored[v.rowId + "." + v.field] = v;
  });
  BOOST_TEST(stored.size() == 5u); // three fields and two records' liveness
  BOOST_TEST((stored.at("s1.deleted").stamp == late));
  BOOST_TEST((stored.at("s2.deleted").stamp == late));
  BOOST_TEST(std::get<std::string>(stored.at("s2.given_name").value) == "Eva");
}

BOOST_AUTO_TEST_CASE(a_failing_statement_in_a_pipeline_is_named_and_rolls_back)
{
  if (!testsUsePostgres()) {
    BOOST_TEST_MESSAGE("pipelines of PostgreSQL: in the server_postgres run");
    return;
  }
  auto& instance = PostgresInstance::shared();
  const std::string url = instance.createDatabase();
  server::PgPool pool(url);
  {
    auto c = pool.borrow();
    c->exec("CREATE TABLE t (k INTEGER PRIMARY KEY)");
  }
  {
    auto c = pool.borrow();
    server::PgTransaction txn(*c, server::PgTransaction::BegunByCaller{});
    const auto before = pool.roundTrips();
    BOOST_CHECK_EXCEPTION(
        c->pipeline({{"BEGIN", {}},
                     {"INSERT INTO t(k) VALUES ($1)", server::PgParams().add(std::int64_t{1})},
                     {"INSERT INTO t(k) VALUES ($1)", server::PgParams().add(std::int64_t{1})},
                     {"INSERT INTO t(k) VALUES ($1)", server::PgParams().add(std::int64_t{2})},
                     {"COMMIT", {}}}),
        StoreError, [](const StoreError& e) {
          const std::string what = e.what();
          return what.find("INSERT INTO t") != std::string::npos &&
                 what.find("duplicate key") != std::string::npos;
        });
    BOOST_TEST(pool.roundTrips() - before == 1u);
  } // rolled back
  auto c = pool.borrow();
  BOOST_TEST(c->exec("SELECT count(*) FROM t").int64(0, 0) == 0);
  const auto answers = c->pipeline({{"INSERT INTO t(k) VALUES (3)", {}},
                                    {"SELECT k FROM t WHERE k = $1", server::PgParams().add("3")}});
  BOOST_REQUIRE(answers.size() == 2u);
  BOOST_TEST(answers[0].affected() == 1);
  BOOST_TEST(answers[1].int64(0, 0) == 3);
}

BOOST_AUTO_TEST_CASE(a_busy_node_keeps_its_connections_open)
{
  // A connection closed when given back must be opened again for the next request: a new
  // PostgreSQL backend (a fork, caches cold), costlier than the request's statements. A
  // node serving its 64 threads at once keeps as many open.
  if (!testsUsePostgres()) {
    BOOST_TEST_MESSAGE("PostgreSQL's connections: in the server_postgres run");
    return;
  }
  const std::string url = PostgresInstance::shared().createDatabase();
  server::PgPool pool(url);
  constexpr int kBusy = 40;
  {
    std::vector<server::PgPool::Lease> leases;
    for (int i = 0; i < kBusy; ++i) {
      leases.push_back(pool.borrow());
      leases.back()->exec("SELECT 1");
    }
  } // all given back at once
  auto c = pool.borrow();
  const auto open = c->exec("SELECT count(*) FROM pg_stat_activity"
                            " WHERE datname = current_database()")
                        .int64(0, 0);
  BOOST_TEST(open == kBusy);
}

BOOST_AUTO_TEST_SUITE_END()
