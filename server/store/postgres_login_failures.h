#pragma once
// Failed sign-ins in the PostgreSQL database (table login_failure, migration 2), shared by
// every node (service/login_limiter.h).
#include "server/service/login_limiter.h"
#include "server/store/pg_connection.h"

namespace pupitre::server {

class PostgresLoginFailures : public SharedLoginFailures
{
public:
  explicit PostgresLoginFailures(PgPool& pool) : m_pool(pool) {}

  std::deque<std::int64_t> failures(const std::string& key, std::int64_t sinceMs) override;
  void add(const std::string& key, std::int64_t atMs) override;
  void clear(const std::string& key) override;
  void forgetBefore(std::int64_t atMs) override;

private:
  PgPool& m_pool;
};

} // namespace pupitre::server
