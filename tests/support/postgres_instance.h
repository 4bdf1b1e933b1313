#pragma once
// A private PostgreSQL 15 for the tests: `initdb` in a temporary folder, the server on
// 127.0.0.1 at a free port and on a Unix socket in that folder, trust authentication for the
// superuser `pupitre`, stopped and removed at the end. PostgreSQL refuses to run as root:
// when the tests run as root, the cluster belongs to the unprivileged system user `nobody`
// (initdb and pg_ctl run through `runuser -u nobody`), and its folder is made theirs.
// PUPITRE_TEST_POSTGRES_BIN overrides where initdb and pg_ctl are
// (/usr/lib/postgresql/15/bin by default).
#include <filesystem>
#include <string>
#include <vector>

namespace pupitre::test {

class PostgresInstance
{
public:
  // Throws std::runtime_error saying what failed (with the server's log) if it can't start.
  PostgresInstance();
  ~PostgresInstance();
  PostgresInstance(const PostgresInstance&) = delete;
  PostgresInstance& operator=(const PostgresInstance&) = delete;

  // The instance every test of the process shares, started on first use, stopped at exit.
  static PostgresInstance& shared();

  int port() const { return m_port; }
  // The Unix socket's folder.
  std::string socketDir() const { return m_dir.string(); }
  // postgresql://pupitre@127.0.0.1:PORT/NAME
  std::string url(const std::string& database) const;
  // Creates a new empty database with a name not used before and returns its URL.
  std::string createDatabase();
  // Every row of the database at `url` (pg_dump --data-only).
  std::string dump(const std::string& url) const;
  // Runs SQL as the superuser on `database` (psql -v ON_ERROR_STOP=1); its output.
  std::string sql(const std::string& database, const std::string& statements) const;

private:
  std::string runAsOwner(const std::string& program, const std::vector<std::string>& args,
                         bool mustSucceed = true) const;

  std::filesystem::path m_dir;
  std::string m_bin;
  int m_port = 0;
  int m_databases = 0;
  bool m_asNobody = false;
  bool m_started = false;
};

// Whether the tests run against PostgreSQL: PUPITRE_TEST_BACKEND=postgres (the ctest entries
// named *_postgres set it); SQLite otherwise.
bool testsUsePostgres();

} // namespace pupitre::test

namespace pupitre::test {

// The database of the server data folder `dataDir` in the tests' backend: empty with SQLite
// (DIR/server.db); with PostgreSQL, a new database of the shared instance, the same one every
// time for the same folder.
std::string testDatabaseFor(const std::string& dataDir);

// `args` of a pupitre-server command with `--database URL` added when the tests use
// PostgreSQL and the command names a data folder (--data DIR) but no database.
std::vector<std::string> withTestDatabase(std::vector<std::string> args);

} // namespace pupitre::test
