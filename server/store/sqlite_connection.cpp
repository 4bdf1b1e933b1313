#include "server/store/sqlite_connection.h"

#include "pupitre/private_file.h"

#include <map>

namespace pupitre::server {
namespace {

constexpr int kBusyTimeoutMs = 15000;
// Idle connections kept: as many as the HTTP server's threads (ApiServerOptions::maxThreads),
// which borrow one each at most. With 32, a hundred devices syncing at once made the pool
// close and open connections all the time (each opened with its pragmas and its statements
// prepared again): 0.67-0.74 ms of server CPU per W4 sync against 0.57-0.59 ms (bench/README.md).
constexpr std::size_t kMaxIdle = 64;

} // namespace

WriteTurns& WriteTurns::of(const std::string& path)
{
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<WriteTurns>> all;
  std::lock_guard lock(mutex);
  auto& turns = all[path];
  if (!turns) {
    turns = std::make_unique<WriteTurns>();
  }
  return *turns;
}

void WriteTurns::take(bool grouped)
{
  std::unique_lock lock(m_mutex);
  const std::uint64_t mine = m_next++;
  if (m_serving == mine) {
    return;
  }
  Waiter waiter;
  waiter.grouped = grouped;
  m_waiting.emplace(mine, &waiter);
  waiter.turn.wait(lock, [&] { return m_serving == mine; });
  m_waiting.erase(mine);
}

void WriteTurns::give()
{
  std::lock_guard lock(m_mutex);
  ++m_serving;
  if (const auto next = m_waiting.find(m_serving); next != m_waiting.end()) {
    next->second->turn.notify_one(); // under the lock: the waiter cannot end before it
  }
}

std::size_t WriteTurns::waiting()
{
  std::lock_guard lock(m_mutex);
  return m_next > m_serving ? static_cast<std::size_t>(m_next - m_serving - 1) : 0;
}

bool WriteTurns::nextJoinsGroup()
{
  std::lock_guard lock(m_mutex);
  const auto next = m_waiting.find(m_serving + 1);
  return next != m_waiting.end() && next->second->grouped;
}

void WriteTurns::finish(WriteGroup& group, std::exception_ptr failure)
{
  {
    std::lock_guard lock(m_mutex);
    group.failure = std::move(failure);
    group.done = true;
  }
  m_groupEnded.notify_all();
}

void WriteTurns::waitFor(const WriteGroup& group)
{
  std::unique_lock lock(m_mutex);
  m_groupEnded.wait(lock, [&] { return group.done; });
}

WriteTransaction::WriteTransaction(SqliteConnection& connection)
    : m_turn(WriteTurns::of(connection.path())),
      m_txn(connection.db(), SQLite::TransactionBehavior::IMMEDIATE)
{
}

WriteTransaction::~WriteTransaction() = default;

void WriteTransaction::commit()
{
  m_txn.commit();
}

// server.db holds every account's password hash: the file (and so its WAL and SHM) is 0600 and
// the data folder 0700 before SQLite opens it, whatever the umask or an earlier version left.
// NOMUTEX: a connection is used by one thread at a time (SqlitePool lends it to one borrower),
// so SQLite's locking of the connection around every call would only cost time.
SqliteConnection::SqliteConnection(const std::string& path)
    : m_path(path),
      m_db((prepareDatabaseFile(path, true), path),
           SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs)
{
  m_db.exec("PRAGMA journal_mode = WAL");
  // An acknowledged push must survive a power cut, not only a crash of the process.
  m_db.exec("PRAGMA synchronous = FULL");
  m_db.exec("PRAGMA foreign_keys = ON");
  // Erased values (retention, `user erase`) are overwritten in the file, not left in its free
  // space.
  m_db.exec("PRAGMA secure_delete = ON");
}

SQLite::Statement& SqliteConnection::statement(const std::string& sql)
{
  auto& slot = m_statements[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(m_db, sql);
  } else {
    slot->reset();
    slot->clearBindings();
  }
  return *slot;
}

void SqliteConnection::resetAll() noexcept
{
  // tryReset: a statement whose last step failed (a full disk: SQLITE_FULL) reports that
  // failure again on reset; it was thrown to whoever ran it already, and throwing it here,
  // from a lease's destructor, would end the server.
  for (auto& [sql, statement] : m_statements) {
    (void)statement->tryReset();
  }
}

SqlitePool::Lease SqlitePool::borrow()
{
  {
    std::lock_guard lock(m_mutex);
    if (!m_idle.empty()) {
      auto connection = std::move(m_idle.back());
      m_idle.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<SqliteConnection>(m_path));
}

void SqlitePool::giveBack(std::unique_ptr<SqliteConnection> connection)
{
  if (!connection) {
    return;
  }
  // No statement may keep a read snapshot open while the connection waits in the pool.
  connection->resetAll();
  std::lock_guard lock(m_mutex);
  if (m_idle.size() < kMaxIdle) {
    m_idle.push_back(std::move(connection));
  }
}

} // namespace pupitre::server
