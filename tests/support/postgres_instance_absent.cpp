// The test PostgreSQL of a build without the server's PostgreSQL backend
// (PUPITRE_WITH_POSTGRESQL=OFF: the Windows build): the tests run on SQLite only (there is no
// server_postgres entry), and a test that asks for the instance is told why there is none.
#include "support/postgres_instance.h"

#include <stdexcept>

namespace pupitre::test {
namespace {

[[noreturn]] void noPostgres()
{
  throw std::runtime_error("PostgreSQL test instance: this build has no PostgreSQL support "
                           "(PUPITRE_WITH_POSTGRESQL=OFF); its tests run on SQLite only");
}

} // namespace

bool testsUsePostgres()
{
  return false;
}

PostgresInstance::PostgresInstance()
{
  noPostgres();
}

PostgresInstance::~PostgresInstance() = default;

PostgresInstance& PostgresInstance::shared()
{
  noPostgres();
}

std::string PostgresInstance::url(const std::string&) const
{
  noPostgres();
}

std::string PostgresInstance::createDatabase()
{
  noPostgres();
}

std::string PostgresInstance::dump(const std::string&) const
{
  noPostgres();
}

std::string PostgresInstance::sql(const std::string&, const std::string&) const
{
  noPostgres();
}

std::string PostgresInstance::runAsOwner(const std::string&, const std::vector<std::string>&,
                                         bool) const
{
  noPostgres();
}

std::string testDatabaseFor(const std::string&)
{
  return {};
}

std::vector<std::string> withTestDatabase(std::vector<std::string> args)
{
  return args;
}

} // namespace pupitre::test
