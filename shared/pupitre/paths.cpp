#include "pupitre/paths.h"

#include <Poco/Path.h>

#include <cstdlib>

#ifdef _WIN32
#include "pupitre/win/wide_text.h"

#include <windows.h>

#include <knownfolders.h>
#include <shlobj.h>
#endif

namespace pupitre::paths {
namespace {

#if !defined(_WIN32) && !defined(__APPLE__)
std::string env(const char* name)
{
  const char* value = std::getenv(name);
  return value ? value : "";
}
#endif

#ifdef _WIN32
// The user's local (not roaming) application data folder: the known folder, which follows a
// redirection by the administrator, else %LOCALAPPDATA%, else the profile folder.
std::string localAppData()
{
  PWSTR folder = nullptr;
  std::string base;
  if (SUCCEEDED(SHGetKnownFolderPath(FOLDERID_LocalAppData, KF_FLAG_DEFAULT, nullptr, &folder))) {
    base = win::narrow(folder);
  }
  CoTaskMemFree(folder);
  if (base.empty()) {
    const wchar_t* variable = _wgetenv(L"LOCALAPPDATA");
    base = variable ? win::narrow(variable) : std::string();
  }
  if (base.empty()) {
    base = Poco::Path::home();
  }
  while (!base.empty() && (base.back() == '\\' || base.back() == '/')) {
    base.pop_back();
  }
  return base;
}
#endif

} // namespace

std::string dataDir()
{
#if defined(_WIN32)
  return localAppData() + "\\Pupitre";
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

std::string defaultDatabase()
{
  return Poco::Path(dataDir()).append("pupitre.db").toString();
}

} // namespace pupitre::paths
