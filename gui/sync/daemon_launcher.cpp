#include "sync/daemon_launcher.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Process.h>

#include <filesystem>

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
}

} // namespace pupitre::gui
