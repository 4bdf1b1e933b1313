#define BOOST_TEST_MODULE pupitre_sim
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

namespace {

// Scenarios run side by side on threads (seed_runner.h), each with its own connections.
// SQLite's memory statistics take one process-wide lock on every allocation, which the
// threads would spend their time waiting for; nothing here reads them.
struct SqliteWithoutMemoryStatistics
{
  SqliteWithoutMemoryStatistics() { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
};

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(SqliteWithoutMemoryStatistics);
