// PostgresServerStore: the web sessions (tables web_session and web_session_secret), shared
// by every node: a browser signed in through one node is signed in on all.
#include "server/store/postgres_server_store.h"

namespace pupitre::server {
namespace {

constexpr const char* kSessionColumns = "SELECT account_id, id, csrf, user_agent, created_at,"
                                        " seen_at, expires_at FROM web_session";

WebSessionRecord readSession(const PgResult& r, int row)
{
  WebSessionRecord s;
  s.accountId = r.int64(row, 0);
  s.id = r.text(row, 1);
  s.csrf = r.text(row, 2);
  s.userAgent = r.text(row, 3);
  s.createdAtMs = r.int64(row, 4);
  s.seenAtMs = r.int64(row, 5);
  s.expiresAtMs = r.int64(row, 6);
  return s;
}

} // namespace

void PostgresServerStore::createWebSession(const WebSessionRecord& s, const std::string& secretHash)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  c->exec("INSERT INTO web_session(account_id, id, secret_hash, csrf, user_agent, created_at,"
          " seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          PgParams()
              .add(s.accountId)
              .add(s.id)
              .add(secretHash)
              .add(s.csrf)
              .add(s.userAgent)
              .add(s.createdAtMs)
              .add(s.seenAtMs)
              .add(s.expiresAtMs));
  c->exec("INSERT INTO web_session_secret(secret_hash, account_id, id) VALUES ($1, $2, $3)",
          PgParams().add(secretHash).add(s.accountId).add(s.id));
  txn.commit();
}

std::optional<WebSessionRecord> PostgresServerStore::findWebSession(const std::string& secretHash)
{
  auto c = m_pool.borrow();
  const auto r =
      c->exec(std::string(kSessionColumns) + " WHERE (account_id, id) = (SELECT account_id, id FROM"
                                             " web_session_secret WHERE secret_hash = $1)",
              PgParams().add(secretHash));
  return r.rows() > 0 ? std::optional(readSession(r, 0)) : std::nullopt;
}

std::vector<WebSessionRecord> PostgresServerStore::webSessions(std::int64_t accountId)
{
  auto c = m_pool.borrow();
  const auto r = c->exec(std::string(kSessionColumns) +
                             " WHERE account_id = $1 ORDER BY created_at, id COLLATE \"C\"",
                         PgParams().add(accountId));
  std::vector<WebSessionRecord> sessions;
  for (int i = 0; i < r.rows(); ++i) {
    sessions.push_back(readSession(r, i));
  }
  return sessions;
}

void PostgresServerStore::touchWebSession(std::int64_t accountId, const std::string& id,
                                          std::int64_t nowMs)
{
  auto c = m_pool.borrow();
  c->exec("UPDATE web_session SET seen_at = $1 WHERE account_id = $2 AND id = $3"
          " AND seen_at < $1",
          PgParams().add(nowMs).add(accountId).add(id));
}

bool PostgresServerStore::endWebSession(std::int64_t accountId, const std::string& id)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  c->exec("DELETE FROM web_session_secret WHERE account_id = $1 AND id = $2",
          PgParams().add(accountId).add(id));
  const bool ended = c->exec("DELETE FROM web_session WHERE account_id = $1 AND id = $2",
                             PgParams().add(accountId).add(id))
                         .affected() > 0;
  txn.commit();
  return ended;
}

std::int64_t PostgresServerStore::endStaleWebSessions(std::int64_t nowMs, std::int64_t seenBeforeMs)
{
  auto c = m_pool.borrow();
  PgTransaction txn(*c);
  const auto ended = c->exec("DELETE FROM web_session WHERE expires_at <= $1 OR seen_at < $2"
                             " RETURNING account_id, id",
                             PgParams().add(nowMs).add(seenBeforeMs));
  for (int i = 0; i < ended.rows(); ++i) {
    c->exec("DELETE FROM web_session_secret WHERE account_id = $1 AND id = $2",
            PgParams().add(ended.int64(i, 0)).add(ended.text(i, 1)));
  }
  txn.commit();
  return ended.rows();
}

} // namespace pupitre::server
