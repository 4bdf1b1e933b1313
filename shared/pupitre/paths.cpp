#include "pupitre/paths.h"

#include <Poco/Path.h>

#include <cstdlib>

namespace pupitre::paths {
namespace {

std::string env(const char* name)
{
  const char* value = std::getenv(name);
  return value ? value : "";
}

} // namespace

std::string dataDir()
{
#if defined(_WIN32)
  std::string base = env("LOCALAPPDATA");
  return (base.empty() ? Poco::Path::home() : base) + "\\Pupitre";
#elif defined(__APPLE__)
  return Poco::Path::home() + "Library/Application Support/Pupitre";
#else
  std::string base = env("XDG_DATA_HOME");
  if (base.empty() || base.front() != '/') {
    base = Poco::Path::home() + ".local/share";
  }
  return base + "/pupitre";
#endif
}

std::string defaultDatabase() { return Poco::Path(dataDir()).append("pupitre.db").toString(); }

} // namespace pupitre::paths
