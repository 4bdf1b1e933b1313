#pragma once
// SQLite connections to server.db for several threads: each thread borrows a connection of
// its own from the pool (a connection is never shared by two threads at once), with WAL, a
// busy timeout and a cache of prepared statements.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pupitre::server {

class SqliteConnection
{
public:
  explicit SqliteConnection(const std::string& path);

  SQLite::Database& db() { return m_db; }
  // A prepared statement for `sql`, kept for reuse; returned reset with no bindings.
  SQLite::Statement& statement(const std::string& sql);
  void resetAll();

private:
  SQLite::Database m_db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_statements;
};

class SqlitePool
{
public:
  explicit SqlitePool(std::string path) : m_path(std::move(path)) {}

  // A borrowed connection, returned to the pool when the lease ends.
  class Lease
  {
  public:
    Lease(SqlitePool& pool, std::unique_ptr<SqliteConnection> connection)
        : m_pool(pool), m_connection(std::move(connection))
    {
    }
    ~Lease() { m_pool.giveBack(std::move(m_connection)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    SqliteConnection& operator*() { return *m_connection; }
    SqliteConnection* operator->() { return m_connection.get(); }

  private:
    SqlitePool& m_pool;
    std::unique_ptr<SqliteConnection> m_connection;
  };

  Lease borrow();
  const std::string& path() const { return m_path; }

private:
  void giveBack(std::unique_ptr<SqliteConnection> connection);

  std::string m_path;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<SqliteConnection>> m_idle;
};

} // namespace pupitre::server
