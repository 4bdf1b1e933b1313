#include "sync/daemon_launcher.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Process.h>

#include <filesystem>

#ifdef _WIN32
#include "pupitre/win/wide_text.h"

#include <windows.h>
#endif

namespace pupitre::gui {
namespace {

#ifdef _WIN32
constexpr const char* kProgram = "pupitred.exe";
#else
constexpr const char* kProgram = "pupitred";
#endif

bool isProgram(const std::filesystem::path& path)
{
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

#ifdef _WIN32
// One argument of a command line as CommandLineToArgvW reads it back: quoted, with the
// backslashes before a quote (and before the closing quote) doubled.
std::wstring quoted(const std::wstring& argument)
{
  std::wstring out = L"\"";
  std::size_t backslashes = 0;
  for (const wchar_t c : argument) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    out += c;
  }
  out.append(backslashes * 2, L'\\');
  return out + L"\"";
}

// Windows has no fork: the daemon is started in a process group of its own, without a
// console, and not waited for (it runs until the user logs off or it is told to stop).
std::string startDetached(const std::string& program, const std::vector<std::string>& args)
{
  const std::wstring application = win::wide(program);
  std::wstring line = quoted(application);
  for (const auto& arg : args) {
    line += L" " + quoted(win::wide(arg));
  }
  STARTUPINFOW startup{};
  startup.cb = sizeof startup;
  PROCESS_INFORMATION process{};
  if (!CreateProcessW(application.c_str(), line.data(), nullptr, nullptr, FALSE,
                      DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP | CREATE_UNICODE_ENVIRONMENT,
                      nullptr, nullptr, &startup, &process)) {
    return "couldn't start '" + program + "': " + win::errorText(GetLastError());
  }
  CloseHandle(process.hThread);
  CloseHandle(process.hProcess);
  return {};
}
#endif

} // namespace

std::string findDaemonProgram(const std::string& given, const std::string& appExecutable)
{
  if (!given.empty()) {
    return given;
  }
  if (!appExecutable.empty()) {
    const auto beside = std::filesystem::path(appExecutable).parent_path() / kProgram;
    if (isProgram(beside)) {
      return beside.string();
    }
  }
  Poco::Path found;
  const std::string searchPath = Poco::Environment::get("PATH", "");
  if (Poco::Path::find(searchPath, kProgram, found)) {
    return found.toString();
  }
  return {};
}

std::string launchDaemon(const std::string& program, const std::string& database,
                         const std::string& socket)
{
  if (program.empty()) {
    return "pupitred was not found next to Pupitre nor on PATH";
  }
  Poco::Process::Args args;
#ifndef _WIN32
  args.push_back("--daemon"); // Poco's ServerApplication forks and detaches
#endif
  if (!database.empty()) {
    args.insert(args.end(), {"--db", database});
  }
  if (!socket.empty()) {
    args.insert(args.end(), {"--socket", socket});
  }
#ifdef _WIN32
  return startDetached(program, args);
#else
  try {
    auto handle = Poco::Process::launch(program, args);
    const int code = handle.wait(); // the first process ends once the daemon has detached
    if (code != 0) {
      return "'" + program + "' exited with code " + std::to_string(code);
    }
    return {};
  } catch (const Poco::Exception& e) {
    return "couldn't start '" + program + "': " + e.displayText();
  }
#endif
}

} // namespace pupitre::gui
