#include "server/store/sqlite_write_group.h"

#include "pupitre/error.h"

#include <sqlite3.h>

namespace pupitre::server {
namespace {

bool inTransaction(SqliteConnection& connection)
{
  return sqlite3_get_autocommit(connection.db().getHandle()) == 0;
}

} // namespace

GroupedWrite::GroupedWrite(SqlitePool& pool, std::size_t groupWrites)
    : m_turns(WriteTurns::of(pool.path())), m_groupWrites(groupWrites)
{
  m_turns.take(true);
  m_group = m_turns.openGroup();
  if (!m_group) {
    try {
      m_lease.reset(new SqlitePool::Lease(pool.borrow())); // not movable: built in place
      (*m_lease)->db().exec("BEGIN IMMEDIATE");
    } catch (...) {
      m_lease.reset();
      m_turns.give();
      throw;
    }
    m_group = std::make_shared<WriteGroup>();
    m_group->connection = &**m_lease;
    m_turns.setOpenGroup(m_group);
  }
  try {
    connection().db().exec("SAVEPOINT grouped_write");
  } catch (...) {
    m_group->broken = true; // cannot tell what state the transaction is in
    endTurn();
    throw;
  }
}

GroupedWrite::~GroupedWrite()
{
  if (!m_ended) {
    undoOwn();
    endTurn();
  }
}

void GroupedWrite::commit(std::size_t written)
{
  std::exception_ptr own;
  try {
    connection().resetAll();
    connection().db().exec("RELEASE grouped_write");
    m_group->written += written;
  } catch (...) {
    own = std::current_exception();
    undoOwn();
  }
  endTurn();
  if (own) {
    std::rethrow_exception(own);
  }
  if (m_group->failure) {
    std::rethrow_exception(m_group->failure);
  }
}

void GroupedWrite::undoOwn() noexcept
{
  auto& c = connection();
  c.resetAll();
  try {
    c.db().exec("ROLLBACK TO grouped_write");
    c.db().exec("RELEASE grouped_write");
  } catch (...) {
    // SQLite may have rolled the whole transaction back (a full disk, an I/O error): the
    // other writers' changes went with it, and they must hear so.
    m_group->broken = true;
  }
  if (!inTransaction(c)) {
    m_group->broken = true;
  }
}

void GroupedWrite::endTurn() noexcept
{
  m_ended = true;
  WriteGroup& group = *m_group;
  const bool last = group.broken || group.written >= m_groupWrites || !m_turns.nextJoinsGroup();
  if (!last) {
    m_turns.give();
    m_turns.waitFor(group);
    m_lease.reset();
    return;
  }
  m_turns.setOpenGroup(nullptr);
  auto& c = *group.connection;
  std::exception_ptr failure;
  if (group.broken) {
    failure = std::make_exception_ptr(
        StoreError("A write to the server's database failed; the changes made with it were "
                   "rolled back and must be sent again."));
  } else {
    try {
      c.resetAll();
      c.db().exec("COMMIT");
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (failure && inTransaction(c)) {
    try {
      c.resetAll();
      c.db().exec("ROLLBACK");
    } catch (...) {
      // The connection is closed when its lease ends if it cannot roll back (below).
    }
  }
  m_turns.finish(group, failure);
  m_turns.give();
  // Every writer of the group waited until here, so the first one's connection (its lease) is
  // free to go back to the pool now.
  m_lease.reset();
}

} // namespace pupitre::server
