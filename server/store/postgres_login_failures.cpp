#include "server/store/postgres_login_failures.h"

namespace pupitre::server {

std::deque<std::int64_t> PostgresLoginFailures::failures(const std::string& key,
                                                         std::int64_t sinceMs)
{
  auto c = m_pool.borrow();
  const auto r = c->exec("SELECT at FROM login_failure WHERE key = $1 AND at > $2 ORDER BY at",
                         PgParams().add(key).add(sinceMs));
  std::deque<std::int64_t> times;
  for (int i = 0; i < r.rows(); ++i) {
    times.push_back(r.int64(i, 0));
  }
  return times;
}

void PostgresLoginFailures::add(const std::string& key, std::int64_t atMs)
{
  auto c = m_pool.borrow();
  c->exec("INSERT INTO login_failure(key, at) VALUES ($1, $2)", PgParams().add(key).add(atMs));
}

void PostgresLoginFailures::clear(const std::string& key)
{
  auto c = m_pool.borrow();
  c->exec("DELETE FROM login_failure WHERE key = $1", PgParams().add(key));
}

void PostgresLoginFailures::forgetBefore(std::int64_t atMs)
{
  auto c = m_pool.borrow();
  c->exec("DELETE FROM login_failure WHERE at <= $1", PgParams().add(atMs));
}

} // namespace pupitre::server
