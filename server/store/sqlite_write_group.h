#pragma once
// Group commit on server.db (issue 18, lever 6): the writers of account data that wait for
// the write lock share one transaction and one fsync instead of committing one by one. Each
// writer applies its changes inside a savepoint of the group's transaction, in its turn
// (WriteTurns: arrival order); the writer after which none waits, or after which the group
// holds `groupWrites` rows or more, commits for all. Every writer's commit() returns only
// once its changes are committed (durable under synchronous = FULL) and throws when that
// commit failed; a writer that gives up (an exception, a refused push) undoes its own
// savepoint only, and the others' changes stay in the group. Writers that do not group
// (WriteTransaction) never find a group open: the group commits before their turn.
#include "server/store/sqlite_connection.h"

#include <cstddef>
#include <memory>
#include <optional>

namespace pupitre::server {

class GroupedWrite
{
public:
  // Takes a turn among the process's writers of `pool`'s file, then joins the group
  // transaction the writer before left open, or begins one (BEGIN IMMEDIATE) on a connection
  // borrowed from `pool`. Throws StoreError-like SQLite exceptions when it cannot begin.
  GroupedWrite(SqlitePool& pool, std::size_t groupWrites);
  // Not committed: undoes this writer's changes, ends its turn (committing the others' if it
  // is the group's last) and waits for the group to end. Never throws.
  ~GroupedWrite();
  GroupedWrite(const GroupedWrite&) = delete;
  GroupedWrite& operator=(const GroupedWrite&) = delete;

  // The connection of the group's transaction, for this writer's statements until commit.
  SqliteConnection& connection() { return *m_group->connection; }

  // Keeps this writer's changes (`written` rows, counted against the group's bound), ends its
  // turn and returns once the group is committed. Throws if the group's commit failed.
  void commit(std::size_t written);

private:
  void undoOwn() noexcept;
  // In this writer's turn: commits the group if it is its last writer, gives the turn, and
  // waits for the group to end otherwise.
  void endTurn() noexcept;

  WriteTurns& m_turns;
  std::size_t m_groupWrites;
  std::unique_ptr<SqlitePool::Lease> m_lease; // when this writer began the group
  std::shared_ptr<WriteGroup> m_group;
  bool m_ended = false;
};

} // namespace pupitre::server
