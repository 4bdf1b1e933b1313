#include "pupitre/error.h"
#include "pupitre/uuid.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/students.h"
#include "pupitre/store/database.h"
#include "pupitre/store/schema.h"
#include "support/sandbox.h"

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <set>

using namespace pupitre;

BOOST_AUTO_TEST_SUITE(store_tests)

BOOST_FIXTURE_TEST_CASE(a_new_database_has_a_device_id_and_the_latest_schema, test::DatabaseFixture)
{
  BOOST_TEST(isUuid(db.deviceId()));
  BOOST_TEST(db.schemaVersion() >= 1);
  SQLite::Statement mode(db.sql(), "PRAGMA journal_mode");
  mode.executeStep();
  BOOST_TEST(mode.getColumn(0).getString() == "wal");
}

BOOST_AUTO_TEST_CASE(reopening_keeps_the_device_id_and_the_data)
{
  test::Sandbox sandbox;
  std::string device;
  std::string id;
  {
    store::Database db(sandbox.path("a.db"));
    device = db.deviceId();
    id = model::Classes(db).create({.name = "4B Maths"});
  }
  store::Database db(sandbox.path("a.db"));
  BOOST_TEST(db.deviceId() == device);
  BOOST_TEST(model::Classes(db).get(id).name == "4B Maths");
}

BOOST_FIXTURE_TEST_CASE(the_schema_description_matches_the_migrated_tables, test::DatabaseFixture)
{
  for (const auto& table : store::syncedTables()) {
    std::set<std::string> expected{"id", "deleted"};
    for (const auto& f : table.fields) {
      expected.insert(f.name);
    }
    std::set<std::string> actual;
    SQLite::Statement columns(db.sql(), "SELECT name FROM pragma_table_info(?)");
    columns.bind(1, table.name);
    while (columns.executeStep()) {
      actual.insert(columns.getColumn(0).getString());
    }
    BOOST_TEST(actual == expected, "table " << table.name);
  }
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_database_gives_a_clear_error_and_stays_intact)
{
  test::Sandbox sandbox;
  const auto path = sandbox.path("notes.db");
  {
    std::ofstream out(path);
    out << "These are my notes, not a database. Please keep them.\n";
  }
  BOOST_CHECK_EXCEPTION(store::Database db(path), StoreError, [&](const StoreError& e) {
    return std::string(e.what()).find(path) != std::string::npos;
  });
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  BOOST_TEST(line == "These are my notes, not a database. Please keep them.");
}

BOOST_AUTO_TEST_CASE(a_database_from_a_newer_version_is_refused)
{
  test::Sandbox sandbox;
  const auto path = sandbox.path("future.db");
  {
    store::Database db(path);
    db.sql().exec("INSERT INTO schema_migration(version, name) VALUES (9999, '9999-future.sql')");
  }
  BOOST_CHECK_EXCEPTION(store::Database db(path), StoreError, [](const StoreError& e) {
    return std::string(e.what()).find("newer version") != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()
