#include "server/cli/commands.h"

#include "server/http/api_server.h"
#include "server/log.h"
#include "server/service/sync_service.h"
#include "server/store/sqlite_server_store.h"

#include <csignal>
#include <ostream>
#include <pthread.h>

namespace pupitre::server::cli {
namespace {

// SIGTERM and SIGINT are blocked in every thread (before any starts) and awaited here.
sigset_t terminationSignals()
{
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

} // namespace

int runServe(const CommandLine& line, std::ostream& out)
{
  line.allowOnly({"data", "bind", "port", "tls-cert", "tls-key", "max-body-mib", "max-clock-ahead",
                  "log-level"},
                 "serve");
  if (line.words.size() != 1) {
    throw UsageError("`serve` takes no other words; options go as --name VALUE.");
  }
  const sigset_t signals = terminationSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN); // a client that hangs up is an error on its socket, not our end

  auto log = serverLog();
  const std::string level = line.option("log-level").value_or("info");
  const auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    throw UsageError("--log-level is one of trace, debug, info, warn, error, critical, off.");
  }
  log->set_level(parsed);

  http::ApiServerOptions options;
  options.bindHost = line.option("bind").value_or("127.0.0.1");
  options.port = static_cast<std::uint16_t>(line.number("port", 0, 65535).value_or(0));
  options.tlsCertFile = line.option("tls-cert").value_or("");
  options.tlsKeyFile = line.option("tls-key").value_or("");
  options.maxBodyBytes = static_cast<std::size_t>(line.number("max-body-mib", 1, 4096).value_or(64))
                         << 20;
  SyncServiceOptions serviceOptions;
  serviceOptions.maxClockAheadMs =
      line.number("max-clock-ahead", 1, 7 * 24 * 3600).value_or(300) * 1000;

  SqliteServerStore store(serverDatabasePath(line, true));
  SyncService service(store, serviceOptions);
  http::ApiServer server(service, options);
  out << "listening on " << options.bindHost << ":" << server.port() << "\n" << std::flush;
  log->info("serving {} on {}:{} ({})", store.path(), options.bindHost, server.port(),
            options.tlsCertFile.empty() ? "HTTP" : "HTTPS");

  int signal = 0;
  sigwait(&signals, &signal);
  log->info("stopping on signal {}", signal);
  server.stop();
  log->info("stopped");
  return 0;
}

} // namespace pupitre::server::cli
