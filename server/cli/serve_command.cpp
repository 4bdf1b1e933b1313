#include "server/cli/commands.h"

#include "server/blobs/blob_service.h"
#include "server/cli/stop_request.h"
#include "server/http/api_server.h"
#include "server/log.h"
#include "server/service/sync_service.h"
#include "server/store/sqlite_server_store.h"
#include "server/web/static_files.h"
#include "server/web/web_data.h"
#include "server/web/web_sessions.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <thread>

namespace pupitre::server::cli {
namespace {

// Collects unreferenced blobs, erases the values of rows deleted longer than the retention
// ago and deletes ended web sessions, at start and then every `interval`, on a thread of its
// own.
class Housekeeping
{
public:
  Housekeeping(blobs::BlobService& blobs, SyncService& service, web::WebSessions& sessions,
               std::shared_ptr<spdlog::logger> log, std::chrono::milliseconds interval)
      : m_thread([this, &blobs, &service, &sessions, log, interval] {
          std::unique_lock lock(m_mutex);
          while (!m_stopping) {
            lock.unlock();
            try {
              const auto purged = service.sweepRetention();
              if (purged.rows > 0) {
                log->info("retention: values of {} deleted records erased in {} accounts",
                          purged.rows, purged.accounts);
              }
            } catch (const std::exception& e) {
              log->error("retention sweep failed: {}", e.what());
            }
            try {
              const auto result = blobs.collectGarbage(service.nowMs());
              if (result.removed > 0) {
                log->info("blob collection: {} unreferenced files forgotten, {} deleted",
                          result.removed, result.orphanFiles.size());
              }
            } catch (const std::exception& e) {
              log->error("blob collection failed: {}", e.what());
            }
            try {
              sessions.sweep();
            } catch (const std::exception& e) {
              log->error("ending expired web sessions failed: {}", e.what());
            }
            lock.lock();
            m_wake.wait_for(lock, interval, [this] { return m_stopping; });
          }
        })
  {
  }
  ~Housekeeping() { stop(); }
  void stop()
  {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
      m_thread.join();
    }
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;
};

} // namespace

int runServe(const CommandLine& line, std::ostream& out)
{
  line.allowOnly({"data", "bind", "port", "tls-cert", "tls-key", "max-body-mib", "max-clock-ahead",
                  "log-level", "max-blob-mib", "blob-grace-hours", "retention", "token-idle",
                  "web-idle", "web-max-age", "web-root"},
                 "serve");
  if (line.words.size() != 1) {
    throw UsageError("`serve` takes no other words; options go as --name VALUE.");
  }
  StopRequest stopRequest; // before any thread starts

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
  options.requests.maxPushBytes =
      static_cast<std::size_t>(
          line.number("max-body-mib", 1, 4096).value_or(http::kDefaultMaxPushBytes >> 20))
      << 20;
  SyncServiceOptions serviceOptions;
  serviceOptions.maxClockAheadMs =
      line.number("max-clock-ahead", 1, 7 * 24 * 3600).value_or(300) * 1000;
  if (const auto idle = line.option("token-idle")) {
    serviceOptions.tokenIdleMs = parseDuration(*idle);
  }
  if (const auto retention = line.option("retention")) {
    serviceOptions.retentionMs = parseDuration(*retention);
  }
  // Housekeeping runs hourly, or more often for a short retention (a tenth of it, >= 1 s).
  const std::int64_t hourMs = std::int64_t{3600} * 1000;
  const std::chrono::milliseconds housekeeping(
      serviceOptions.retentionMs <= 0
          ? hourMs
          : std::clamp<std::int64_t>(serviceOptions.retentionMs / 10, 1000, hourMs));

  web::WebSessionOptions webOptions;
  if (const auto idle = line.option("web-idle")) {
    webOptions.idleMs = parseDuration(*idle);
  }
  if (const auto age = line.option("web-max-age")) {
    webOptions.absoluteMs = parseDuration(*age);
  }

  // The web version's page: the folder given, else the default one if there is one.
  options.webRoot = line.option("web-root").value_or(web::defaultWebRoot());

  blobs::BlobLimits blobLimits;
  blobLimits.maxBlobBytes = line.number("max-blob-mib", 1, 1 << 20).value_or(200) << 20;
  if (const auto hours = line.number("blob-grace-hours", 0, 24 * 3650)) {
    blobLimits.graceMs = *hours * 3600 * 1000;
  }

  const std::string database = serverDatabasePath(line, true);
  SqliteServerStore store(database);
  SyncService service(store, serviceOptions);
  blobs::BlobIndex blobIndex(database);
  blobs::BlobService blobService(service, blobIndex,
                                 (std::filesystem::path(database).parent_path() / "blobs").string(),
                                 blobLimits);
  service.attachBlobs(&blobService);
  web::WebSessions webSessions(service, store, webOptions);
  service.attachWebSessions(&webSessions);
  // The web version's data: the accounts' web replicas beside server.db (docs/web.md).
  web::WebDataOptions webDataOptions;
  webDataOptions.folder = (std::filesystem::path(database).parent_path() / "web").string();
  web::WebData webData(service, webDataOptions);
  service.attachWebData(&webData);
  Housekeeping collector(blobService, service, webSessions, log, housekeeping);
  http::ApiServer server(service, options);
  out << "listening on " << options.bindHost << ":" << server.port() << "\n" << std::flush;
  log->info("serving {} on {}:{} ({})", store.path(), options.bindHost, server.port(),
            options.tlsCertFile.empty() ? "HTTP" : "HTTPS");
  if (options.webRoot.empty()) {
    log->warn("the web version is not served: no web root was found. Give its folder with "
              "--web-root DIR (web-root in server.conf), or install the pupitre-server package "
              "whole.");
  } else {
    log->info("the web version is served from {}", options.webRoot);
  }

  log->info("stopping on {}", stopRequest.wait());
  server.stop();
  collector.stop();
  log->info("stopped");
  stopRequest.stopped();
  return 0;
}

} // namespace pupitre::server::cli
