// SqliteServerStore: the web sessions (table web_session, migration 4).
#include "server/store/sqlite_server_store.h"

namespace pupitre::server {
namespace {

constexpr const char* kSessionColumns = "SELECT account_id, id, csrf, user_agent, created_at,"
                                        " seen_at, expires_at FROM web_session";

WebSessionRecord readSession(SQLite::Statement& q)
{
  WebSessionRecord s;
  s.accountId = q.getColumn(0).getInt64();
  s.id = q.getColumn(1).getString();
  s.csrf = q.getColumn(2).getString();
  s.userAgent = q.getColumn(3).getString();
  s.createdAtMs = q.getColumn(4).getInt64();
  s.seenAtMs = q.getColumn(5).getInt64();
  s.expiresAtMs = q.getColumn(6).getInt64();
  return s;
}

} // namespace

void SqliteServerStore::createWebSession(const WebSessionRecord& s, const std::string& secretHash)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& insert = c->statement("INSERT INTO web_session(account_id, id, secret_hash, csrf, "
                              "user_agent, created_at, seen_at, expires_at)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, s.accountId);
  insert.bind(2, s.id);
  insert.bind(3, secretHash);
  insert.bind(4, s.csrf);
  insert.bind(5, s.userAgent);
  insert.bind(6, s.createdAtMs);
  insert.bind(7, s.seenAtMs);
  insert.bind(8, s.expiresAtMs);
  insert.exec();
  txn.commit();
}

std::optional<WebSessionRecord> SqliteServerStore::findWebSession(const std::string& secretHash)
{
  auto c = m_pool.borrow();
  auto& q = c->statement(std::string(kSessionColumns) + " WHERE secret_hash = ?");
  q.bind(1, secretHash);
  std::optional<WebSessionRecord> found;
  if (q.executeStep()) {
    found = readSession(q);
  }
  q.reset();
  return found;
}

std::vector<WebSessionRecord> SqliteServerStore::webSessions(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  auto& q =
      c->statement(std::string(kSessionColumns) + " WHERE account_id = ? ORDER BY created_at, id");
  q.bind(1, accountId);
  std::vector<WebSessionRecord> sessions;
  while (q.executeStep()) {
    sessions.push_back(readSession(q));
  }
  q.reset();
  return sessions;
}

void SqliteServerStore::touchWebSession(std::int64_t accountId, const std::string& id,
                                        std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& touch = c->statement(
      "UPDATE web_session SET seen_at = max(seen_at, ?) WHERE account_id = ? AND id = ?");
  touch.bind(1, nowMs);
  touch.bind(2, accountId);
  touch.bind(3, id);
  touch.exec();
  txn.commit();
}

bool SqliteServerStore::endWebSession(std::int64_t accountId, const std::string& id)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& erase = c->statement("DELETE FROM web_session WHERE account_id = ? AND id = ?");
  erase.bind(1, accountId);
  erase.bind(2, id);
  const bool ended = erase.exec() > 0;
  txn.commit();
  return ended;
}

std::int64_t SqliteServerStore::endStaleWebSessions(std::int64_t nowMs, std::int64_t seenBeforeMs)
{
  auto c = m_pool.borrow();
  WriteTransaction txn(*c);
  auto& erase = c->statement("DELETE FROM web_session WHERE expires_at <= ? OR seen_at < ?");
  erase.bind(1, nowMs);
  erase.bind(2, seenBeforeMs);
  const std::int64_t ended = erase.exec();
  txn.commit();
  return ended;
}

} // namespace pupitre::server
