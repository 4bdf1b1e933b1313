#ifdef _WIN32
#include "pupitre/win/console.h"

#include <windows.h>

#include <cstdio>

namespace pupitre::win {
namespace {

bool valid(HANDLE handle)
{
  return handle != nullptr && handle != INVALID_HANDLE_VALUE;
}

} // namespace

bool useParentConsole()
{
  if (valid(GetStdHandle(STD_OUTPUT_HANDLE)) || valid(GetStdHandle(STD_ERROR_HANDLE))) {
    return true; // a console of its own, or redirected to a pipe or a file
  }
  if (!AttachConsole(ATTACH_PARENT_PROCESS)) {
    return false; // started at login, by the app or by Explorer: nothing to write to
  }
  std::FILE* ignored = nullptr;
  freopen_s(&ignored, "CONOUT$", "w", stdout);
  freopen_s(&ignored, "CONOUT$", "w", stderr);
  return true;
}

void useUtf8Console()
{
  SetConsoleOutputCP(CP_UTF8);
  SetConsoleCP(CP_UTF8);
}

} // namespace pupitre::win
#endif
