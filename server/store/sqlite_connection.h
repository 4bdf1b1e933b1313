#pragma once
// SQLite connections to server.db for several threads: each thread borrows a connection of
// its own from the pool (a connection is never shared by two threads at once), with WAL, a
// busy timeout and a cache of prepared statements.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pupitre::server {

class SqliteConnection;

// A write transaction shared by several writers in turn (group commit, GroupedWrite in
// sqlite_write_group.h): each applies its changes inside a savepoint, and the last one
// commits them all with one fsync.
struct WriteGroup
{
  SqliteConnection* connection = nullptr; // the first writer's, which waits until it ends
  std::size_t written = 0;                // rows the group's writers kept
  bool broken = false; // a writer could not undo its own changes: the group must roll back
  bool done = false;   // committed or rolled back; `failure` says which
  std::exception_ptr failure;
};

// The turns of a process's writers of one database file, first come first served. SQLite's
// busy handler is not fair: a writer that commits and begins again at once (a big push,
// transaction after transaction) would keep the others sleeping. Taking a turn first makes
// them alternate.
class WriteTurns
{
public:
  // The turns of the database file at `path` (one per file and process).
  static WriteTurns& of(const std::string& path);

  // Waits for the caller's turn. A `grouped` writer may join the group transaction the
  // writer before it left open (GroupedWrite).
  void take(bool grouped = false);
  // Ends the turn; the next writer in line goes.
  void give();
  // Writers waiting for their turn now (the one whose turn it is left out).
  std::size_t waiting();

  // --- for GroupedWrite, by the writer whose turn it is
  // Whether the next writer in line is waiting already and joins groups.
  bool nextJoinsGroup();
  // The group transaction left open by the writer before, if any.
  std::shared_ptr<WriteGroup> openGroup() const { return m_open; }
  void setOpenGroup(std::shared_ptr<WriteGroup> group) { m_open = std::move(group); }
  // Marks `group` ended (its `failure` set) and wakes its writers waiting in waitFor.
  void finish(WriteGroup& group, std::exception_ptr failure);
  // Waits until `group` has ended (by the turn of another writer).
  void waitFor(const WriteGroup& group);

private:
  struct Waiter
  {
    std::condition_variable turn; // notified when the ticket is served
    bool grouped = false;
  };
  std::mutex m_mutex;
  std::condition_variable m_groupEnded;
  std::uint64_t m_next = 0;
  std::uint64_t m_serving = 0;
  // The waiting writers by ticket: give() wakes the next one alone, not every waiting thread
  // (with a hundred devices pushing at once, waking them all at each turn cost more CPU than
  // their pushes).
  std::map<std::uint64_t, Waiter*> m_waiting;
  std::shared_ptr<WriteGroup> m_open; // read and written by the turn's holder only
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
