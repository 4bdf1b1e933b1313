#include "pupitre/utf8_path.h"

#ifdef _WIN32
#include "pupitre/win/wide_text.h"
#endif

namespace pupitre {

std::filesystem::path utf8Path(const std::string& utf8)
{
#ifdef _WIN32
  return std::filesystem::path(win::wide(utf8));
#else
  return std::filesystem::path(utf8);
#endif
}

std::string utf8String(const std::filesystem::path& path)
{
#ifdef _WIN32
  return win::narrow(path.wstring());
#else
  return path.string();
#endif
}

} // namespace pupitre
