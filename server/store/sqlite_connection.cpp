#include "server/store/sqlite_connection.h"

namespace pupitre::server {
namespace {

constexpr int kBusyTimeoutMs = 15000;
constexpr std::size_t kMaxIdle = 32;

} // namespace

// NOMUTEX: a connection is used by one thread at a time (SqlitePool lends it to one borrower),
// so SQLite's locking of the connection around every call would only cost time.
SqliteConnection::SqliteConnection(const std::string& path)
    : m_db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
           kBusyTimeoutMs)
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

void SqliteConnection::resetAll()
{
  for (auto& [sql, statement] : m_statements) {
    statement->reset();
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
