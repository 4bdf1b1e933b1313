// pupitrectl: Pupitre's command-line tool (docs/cli.md). Parses the global options, finds
// the command in the table, runs it; errors go to stderr with a non-zero exit code.
#include "arguments.h"
#include "backup_commands.h"
#include "blob_commands.h"
#include "comment_commands.h"
#include "context.h"
#include "daemon_commands.h"
#include "data_commands.h"
#include "pupitre/error.h"
#include "pupitre/ipc/channel.h"
#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/version.h"
#include "report_commands.h"
#include "roster_commands.h"
#include "term_commands.h"

#include <SQLiteCpp/Exception.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>

#ifdef _WIN32
#include "pupitre/win/console.h"
#endif

using namespace pupitre;

namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitNoDaemon = 3;

bool wantsHelp(const std::vector<std::string>& args)
{
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      return true;
    }
    if (a == "--") {
      return false;
    }
  }
  return false;
}

} // namespace

int main(int argc, char** argv)
{
#ifdef _WIN32
  win::useUtf8Console();
#else
  std::signal(SIGPIPE, SIG_IGN); // a daemon that goes away is an error message, not a signal
#endif
  // The core's logs (a backup written, an old one rotated away) are not the command's output:
  // warnings only, on standard error.
  spdlog::set_default_logger(spdlog::stderr_color_mt("pupitrectl"));
  spdlog::set_level(spdlog::level::warn);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "--version") {
    std::cout << versionLine("pupitrectl") << "\n";
    return 0;
  }
  ctl::Context ctx;
  // Global options come before the command.
  std::size_t i = 0;
  while (i < args.size() && (args[i] == "--db" || args[i] == "--socket")) {
    if (i + 1 >= args.size()) {
      std::cerr << "pupitrectl: " << args[i] << " needs a value\n";
      return kExitUsage;
    }
    (args[i] == "--db" ? ctx.global.db : ctx.global.socket) = args[i + 1];
    i += 2;
  }
  args.erase(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(i));

  auto table = ctl::dataCommands();
  for (auto& command : ctl::termCommands()) {
    table.push_back(std::move(command));
  }
  for (auto& command : ctl::rosterCommands()) {
    table.push_back(std::move(command));
  }
  for (auto& command : ctl::reportCommands()) {
    table.push_back(std::move(command));
  }
  for (auto& command : ctl::commentCommands()) {
    table.push_back(std::move(command));
  }
  for (auto& command : ctl::blobCommands()) {
    table.push_back(std::move(command));
  }
  for (auto& command : ctl::backupCommands()) {
    table.push_back(std::move(command));
  }
  for (auto& command : ctl::daemonCommands()) {
    table.push_back(std::move(command));
  }
  std::size_t consumed = 0;
  const ctl::Command* command = ctl::findCommand(table, args, consumed);
  if (wantsHelp(args) || args.empty()) {
    std::vector<std::string> prefix;
    for (const auto& a : args) {
      if (a.rfind("-", 0) == 0) {
        break;
      }
      prefix.push_back(a);
    }
    if (command) {
      prefix.assign(command->words.begin(), command->words.end());
    }
    ctl::printHelp(std::cout, table, prefix);
    return args.empty() ? kExitUsage : 0;
  }
  if (!command) {
    std::cerr << "pupitrectl: unknown command '" << args[0]
              << "'. Run `pupitrectl --help` for the list.\n";
    return kExitUsage;
  }
  try {
    const std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(consumed),
                                        args.end());
    const auto invocation = ctl::parseInvocation(*command, rest);
    return command->run(ctx, invocation);
  } catch (const ctl::UsageError& e) {
    std::cerr << "pupitrectl: " << e.what() << "\nusage: " << ctl::usageOf(*command) << "\n";
    return kExitUsage;
  } catch (const ipc::DaemonUnavailable& e) {
    const std::string start =
        ctx.global.socket.empty() ? "pupitred" : "pupitred --socket " + ctx.global.socket;
    std::cerr << "pupitrectl: " << e.what() << "\nStart it with `" << start << "` (or `" << start
              << " --daemon` to leave it in the background).\n";
    return kExitNoDaemon;
  } catch (const ipc::RpcError& e) {
    std::cerr << "pupitrectl: " << e.what() << "\n";
    if (e.reason() == ipc::reasons::kNotSignedIn) {
      std::cerr
          << "Sign in with `pupitrectl login SERVER_URL EMAIL` (the password on standard input).\n";
    }
    return kExitError;
  } catch (const Error& e) {
    std::cerr << "pupitrectl: " << e.what() << "\n";
    return kExitError;
  } catch (const std::exception& e) {
    std::cerr << "pupitrectl: " << e.what() << "\n";
    return kExitError;
  }
}
