#include "server/store/database_url.h"

namespace pupitre::server {

bool isPostgresUrl(const std::string& database)
{
  return database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0;
}

std::string urlWithoutPassword(const std::string& url)
{
  // postgresql://user:password@host/db -> postgresql://user@host/db
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) {
    return url;
  }
  const auto at = url.find('@', scheme + 3);
  const auto slash = url.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) {
    return url;
  }
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) {
    return url;
  }
  return url.substr(0, colon) + url.substr(at);
}

Error noPostgresSupport(const std::string& url)
{
  return Error("This build of pupitre-server has no PostgreSQL support, so it cannot use " +
               urlWithoutPassword(url) +
               ". Leave out --database (and `database` in server.conf) to keep the data in "
               "server.db in the --data folder, or run the server on Linux (its packages have "
               "the PostgreSQL backend).");
}

} // namespace pupitre::server
