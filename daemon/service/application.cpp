#include "application.h"

#include "daemon.h"

#include "pupitre/error.h"
#include "pupitre/ipc/channel.h"
#include "pupitre/paths.h"
#include "pupitre/policy/policy.h"
#include "pupitre/private_file.h"
#include "pupitre/version.h"

#include <Poco/Path.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#ifdef _WIN32
#include <windows.h>
#endif

namespace pupitre::daemon {
namespace {

using Poco::Util::Option;

// Options holding a path, with their configuration keys.
struct PathOption
{
  const char* name;
  const char* key;
  const char* argument;
  const char* description;
};

constexpr PathOption kPathOptions[] = {
    {"db", "pupitred.database", "FILE",
     "the database file (default: the per-user Pupitre database)"},
    {"socket", "pupitred.socket", "PATH", "the IPC socket (default: the per-user socket)"},
    {"token-dir", "pupitred.token_folder", "DIR",
     "where the device token file goes when no keyring is used (default: the database's folder)"},
    {"log", "pupitred.log", "FILE",
     "log to FILE (default: standard error; with --daemon, the data folder)"},
    {"ca-file", "pupitred.ca_file", "FILE",
     "also trust the certificate authorities in this PEM file for HTTPS (a school's own CA)"},
};

std::string absolute(const std::string& path, const std::string& base = {})
{
  Poco::Path p(path);
  return (base.empty() ? p.absolute() : p.absolute(Poco::Path(base))).toString();
}

// SIGINT/SIGTERM/SIGQUIT wait for waitForTerminationRequest(); threads started afterwards
// inherit the mask, so none of them is killed by the signal instead.
void blockTerminationSignals()
{
#ifndef _WIN32
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
#endif
}

// Whether pupitred runs without a console to write to: started detached (by the app, at login)
// on Windows. Elsewhere --daemon says it.
bool withoutConsole()
{
#ifdef _WIN32
  const HANDLE error = GetStdHandle(STD_ERROR_HANDLE);
  return (error == nullptr || error == INVALID_HANDLE_VALUE) && GetConsoleWindow() == nullptr;
#else
  return false;
#endif
}

std::shared_ptr<spdlog::logger> makeLogger(const std::string& logFile)
{
  std::shared_ptr<spdlog::logger> log;
  if (logFile.empty()) {
    log = spdlog::stderr_logger_mt("pupitred");
  } else {
    // The log names accounts and files: 0600 (an existing one tightened), never through a link.
    const std::string folder = std::filesystem::path(logFile).parent_path().string();
    makePrivateFolder(folder, folder == paths::dataDir());
    makePrivateFile(logFile);
    log = spdlog::basic_logger_mt("pupitred", logFile);
  }
  log->set_pattern("%Y-%m-%d %H:%M:%S.%e %l [%n] %v");
  log->flush_on(spdlog::level::info);
  return log;
}

} // namespace

void PupitredApplication::defineOptions(Poco::Util::OptionSet& options)
{
  ServerApplication::defineOptions(options);
  options.addOption(Option("help", "h", "this help").required(false).repeatable(false));
  options.addOption(
      Option("version", "", "print the version and the protocols' versions").required(false));
  for (const auto& option : kPathOptions) {
    options.addOption(Option(option.name, "", option.description)
                          .required(false)
                          .repeatable(false)
                          .argument(option.argument));
  }
  options.addOption(Option("config", "", "read settings from FILE (.properties, .ini or .xml)")
                        .required(false)
                        .repeatable(false)
                        .argument("FILE"));
  options.addOption(
      Option("no-keyring", "", "keep the device token in a 0600 file, never in the keyring")
          .required(false)
          .repeatable(false));
}

void PupitredApplication::handleOption(const std::string& name, const std::string& value)
{
  ServerApplication::handleOption(name, value);
  if (name == "help") {
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[--db FILE] [--socket PATH] [--config FILE] [--token-dir DIR] [--log FILE] "
                  "[--ca-file FILE] [--daemon]");
    help.setHeader(
        "pupitred: Pupitre's sync daemon for this OS user. It serves pupitrectl and the app over "
        "local IPC (docs/ipc-protocol.md).");
    help.format(std::cout);
    m_helpRequested = true;
    stopOptionsProcessing();
  } else if (name == "version") {
    std::cout << versionLine("pupitred") << "\n";
    m_helpRequested = true;
    stopOptionsProcessing();
  } else if (name == "config") {
    const std::string file = absolute(value);
    loadConfiguration(file);
    m_configFolder = Poco::Path(file).parent().toString();
  } else if (name == "no-keyring") {
    m_noKeyring = true;
  } else {
    m_options[name] = absolute(value); // before --daemon changes the working folder
  }
}

std::string PupitredApplication::pathSetting(const std::string& option, const std::string& key,
                                             const std::string& fallback)
{
  if (const auto it = m_options.find(option); it != m_options.end()) {
    return it->second;
  }
  const std::string configured = config().getString(key, "");
  return configured.empty() ? fallback : absolute(configured, m_configFolder);
}

int PupitredApplication::main(const std::vector<std::string>&)
{
  if (m_helpRequested) {
    return EXIT_OK;
  }
  DaemonOptions options;
  options.database = pathSetting("db", "pupitred.database", paths::defaultDatabase());
  options.endpoint = pathSetting("socket", "pupitred.socket", ipc::defaultEndpoint());
  options.tokenFolder = pathSetting("token-dir", "pupitred.token_folder", "");
  options.keyring = !m_noKeyring && config().getBool("pupitred.keyring", true);
  options.tls.caFile = pathSetting("ca-file", "pupitred.ca_file", "");
  options.transports = httpTransports(options.tls);
  const bool detached = config().getBool("application.runAsDaemon", false) || withoutConsole();
  const std::string logFile =
      pathSetting("log", "pupitred.log", detached ? paths::dataDir() + "/pupitred.log" : "");

  blockTerminationSignals();
  std::shared_ptr<spdlog::logger> log;
  try {
    log = makeLogger(logFile);
  } catch (const Error& e) {
    std::cerr << "pupitred: " << e.what() << std::endl;
    return EXIT_CANTCREAT;
  }
  int status = EXIT_OK;
  try {
    if (!options.tls.caFile.empty() && !std::filesystem::is_regular_file(options.tls.caFile)) {
      throw Error("The certificate authority file '" + options.tls.caFile +
                  "' (--ca-file) does not exist; check the path.");
    }
    // The school's policy (docs/deploy.md): read once at start; a bad line is a warning and
    // the rest applies.
    auto policy = policy::readSystemPolicy();
    for (const auto& warning : policy.warnings) {
      log->warn("School policy: {}", warning);
    }
    options.policy = std::move(policy.policy);
    if (!options.policy.empty()) {
      log->info("School policy read from {}", options.policy.origin);
    }
    Daemon daemon(options, log);
    daemon.start();
    std::cout << "pupitred: listening on " << daemon.endpoint() << std::endl;
    waitForTerminationRequest();
    log->info("Stopping on request");
    daemon.stop();
  } catch (const std::exception& e) {
    log->critical("{}", e.what());
    if (!logFile.empty()) {
      std::cerr << "pupitred: " << e.what() << std::endl;
    }
    status = EXIT_SOFTWARE;
  }
  spdlog::drop("pupitred");
  return status;
}

} // namespace pupitre::daemon
