// PostgreSQL: the schema stays distributable by account (issue 19, docs/deploy.md "Citus").
// Read from the catalog of a database the migrations made, checked against the Citus
// statements of docs/deploy.md: every table has exactly one statement there; a distributed
// table's primary key and every other index start with its distribution column (account id),
// and those colocated with `account` have it as a BIGINT like account.id; an index that does
// not start with it serves a multi-shard job and must be named in the document. A migration
// that adds a table, or a key or index not led by the account, fails here until the document
// (and the design) says how it distributes. Only in the server_postgres run.
#include "server/store/pg_connection.h"
#include "server/store/postgres_server_store.h"
#include "support/postgres_instance.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace pupitre;
using namespace pupitre::test;

namespace {

struct CitusPlan
{
  std::map<std::string, std::string> distributed; // table -> distribution column
  std::set<std::string> colocatedWithAccount;
  std::set<std::string> reference;
  std::string text; // the whole document
};

CitusPlan citusPlanOfTheDocs()
{
  std::ifstream in(PUPITRE_DEPLOY_DOC);
  BOOST_REQUIRE_MESSAGE(in, "can't read " PUPITRE_DEPLOY_DOC);
  std::stringstream all;
  all << in.rdbuf();
  CitusPlan plan;
  plan.text = all.str();
  const std::regex distributed(
      R"(create_distributed_table\('(\w+)', '(\w+)'(, colocate_with => '(\w+)')?\))");
  for (std::sregex_iterator it(plan.text.begin(), plan.text.end(), distributed), end; it != end;
       ++it) {
    BOOST_TEST(plan.distributed.count((*it)[1]) == 0u, "twice in the docs: " << (*it)[1]);
    plan.distributed[(*it)[1]] = (*it)[2];
    if ((*it)[4] == "account") {
      plan.colocatedWithAccount.insert((*it)[1]);
    }
  }
  const std::regex reference(R"(create_reference_table\('(\w+)'\))");
  for (std::sregex_iterator it(plan.text.begin(), plan.text.end(), reference), end; it != end;
       ++it) {
    BOOST_TEST(plan.reference.insert((*it)[1]).second, "twice in the docs: " << (*it)[1]);
  }
  return plan;
}

} // namespace

BOOST_AUTO_TEST_SUITE(postgres_schema)

BOOST_AUTO_TEST_CASE(every_table_is_keyed_as_the_citus_statements_of_the_docs_distribute_it)
{
  if (!testsUsePostgres()) {
    BOOST_TEST_MESSAGE("PostgreSQL's catalog: in the server_postgres run");
    return;
  }
  const std::string url = PostgresInstance::shared().createDatabase();
  server::PostgresServerStore migrated(url); // every migration applied
  auto c = migrated.pool().borrow();
  const CitusPlan plan = citusPlanOfTheDocs();
  BOOST_TEST(plan.distributed.at("account") == "id");

  // Every table of the schema has exactly one Citus statement, and every statement a table.
  const auto tables = c->exec("SELECT table_name FROM information_schema.tables"
                              " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                              " ORDER BY table_name");
  std::set<std::string> inSchema;
  for (int i = 0; i < tables.rows(); ++i) {
    const std::string table = tables.text(i, 0);
    inSchema.insert(table);
    const bool isDistributed = plan.distributed.count(table) > 0;
    const bool isReference = plan.reference.count(table) > 0;
    BOOST_TEST((isDistributed != isReference),
               "table " << table
                        << " needs exactly one create_distributed_table or create_reference_table"
                           " statement in docs/deploy.md");
  }
  for (const auto& [table, column] : plan.distributed) {
    BOOST_TEST(inSchema.count(table) == 1u, "docs/deploy.md distributes no table " << table);
  }
  for (const auto& table : plan.reference) {
    BOOST_TEST(inSchema.count(table) == 1u, "docs/deploy.md names no table " << table);
  }

  // The distribution column exists; colocated with account, it is a BIGINT like account.id.
  for (const auto& [table, column] : plan.distributed) {
    const auto type =
        c->exec("SELECT data_type FROM information_schema.columns WHERE table_schema = 'public'"
                " AND table_name = $1 AND column_name = $2",
                server::PgParams().add(table).add(column));
    BOOST_TEST_REQUIRE(type.rows() == 1, table << " has no column " << column);
    if (plan.colocatedWithAccount.count(table) > 0 || table == "account") {
      BOOST_TEST(type.text(0, 0) == "bigint", table << "." << column);
    }
  }

  // Every index of a distributed table (its primary key included) starts with the
  // distribution column; a unique one must (Citus refuses it otherwise), another one serves a
  // multi-shard job the document names.
  const auto indexes =
      c->exec("SELECT t.relname, i.relname, x.indisprimary, x.indisunique,"
              " pg_get_indexdef(x.indexrelid, 1, true) FROM pg_index x"
              " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid"
              " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'"
              " ORDER BY 1, 2");
  int checked = 0;
  for (int i = 0; i < indexes.rows(); ++i) {
    const std::string table = indexes.text(i, 0);
    const std::string index = indexes.text(i, 1);
    const bool primary = indexes.boolean(i, 2);
    const bool unique = indexes.boolean(i, 3);
    const std::string first = indexes.text(i, 4);
    const auto distributed = plan.distributed.find(table);
    if (distributed == plan.distributed.end()) {
      continue; // a reference table: a copy on every node, any key
    }
    ++checked;
    if (first == distributed->second) {
      continue;
    }
    BOOST_TEST(!(primary || unique), "the " << (primary ? "primary key" : "unique index") << " "
                                            << index << " of " << table << " does not start with "
                                            << distributed->second);
    BOOST_TEST(plan.text.find("`" + index + "`") != std::string::npos,
               "the index " << index << " of " << table << " starts with " << first << ", not "
                            << distributed->second
                            << ": docs/deploy.md must name it as a multi-shard index");
  }
  BOOST_TEST(checked >= 10); // the keys and indexes of the seven account tables and more
}

BOOST_AUTO_TEST_SUITE_END()
