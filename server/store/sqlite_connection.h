#pragma once
// SQLite connections to server.db for several threads: each thread borrows a connection of
// its own from the pool (a connection is never shared by two threads at once), with WAL, a
// busy timeout and a cache of prepared statements.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pupitre::server {

// The turns of a process's writers of one database file, first come first served. SQLite's
// busy handler is not fair: a writer that commits and begins again at once (a big push,
// transaction after transaction) would keep the others sleeping. Taking a turn first makes
// them alternate.
class WriteTurns
{
public:
  // The turns of the database file at `path` (one per file and process).
  static WriteTurns& of(const std::string& path);

  // Waits for the caller's turn.
  void take();
  // Ends the turn; the next writer in line goes.
  void give();

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::uint64_t m_next = 0;
  std::uint64_t m_serving = 0;
};

class SqliteConnection
{
public:
  explicit SqliteConnection(const std::string& path);

  const std::string& path() const { return m_path; }

  SQLite::Database& db() { return m_db; }
  // A prepared statement for `sql`, kept for reuse; returned reset with no bindings.
  SQLite::Statement& statement(const std::string& sql);
  // Resets every cached statement (ending their read snapshots); never throws.
  void resetAll() noexcept;

private:
  std::string m_path;
  SQLite::Database m_db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_statements;
};

// BEGIN IMMEDIATE on `connection` in the process's turn (WriteTurns); rolled back unless
// committed. Every write transaction of the server takes one.
class WriteTransaction
{
public:
  explicit WriteTransaction(SqliteConnection& connection);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void commit();

private:
  // Takes the turn before the transaction begins and gives it back after it ends.
  struct Turn
  {
    explicit Turn(WriteTurns& turns) : m_turns(turns) { m_turns.take(); }
    ~Turn() { m_turns.give(); }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    WriteTurns& m_turns;
  };
  Turn m_turn;
  SQLite::Transaction m_txn;
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
