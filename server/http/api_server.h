#pragma once
// The API over HTTP (or HTTPS with a certificate and key) on Poco's TCPServer: a bounded
// queue of accepted connections, a pool of threads, each connection served by ApiConnection
// (deadlines on headers and bodies) and each request by ApiRequestHandler.
#include "server/http/api_request_handler.h"
#include "server/service/sync_service.h"

#include <cstdint>
#include <memory>
#include <string>

namespace Poco {
class ThreadPool;
}
namespace Poco::Net {
class TCPServer;
}

namespace pupitre::server::web {
class StaticFiles;
}

namespace pupitre::server::http {

struct ApiServerOptions
{
  std::string bindHost = "127.0.0.1";
  std::uint16_t port = 0;  // 0: a free port chosen by the system
  std::string tlsCertFile; // PEM; HTTPS when both are set
  std::string tlsKeyFile;
  RequestLimits requests; // deadlines and the push's body limit
  // The web version's page and assets (server/web/static_files.h); none served when empty.
  std::string webRoot;
  // Connections served at once; more wait in a queue of maxQueued, and past that are closed.
  // Silent or slow ones are cut at their deadline, so a queued request waits at most about
  // headerTime for a thread.
  int maxThreads = 64;
  int maxQueued = 256;
};

class ApiServer
{
public:
  // Binds the socket (throws pupitre::Error with the reason when it can't) and starts serving.
  ApiServer(SyncService& service, const ApiServerOptions& options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  std::uint16_t port() const { return m_port; }
  // Stops accepting connections, lets requests in progress finish (up to `graceMs`), then
  // closes the rest.
  void stop(int graceMs = 10000);

private:
  std::shared_ptr<ConnectionWatch> m_watch;
  std::shared_ptr<const web::StaticFiles> m_site;
  std::unique_ptr<Poco::ThreadPool> m_threads;
  std::unique_ptr<Poco::Net::TCPServer> m_server;
  std::uint16_t m_port = 0;
  bool m_tls = false;
  bool m_stopped = false;
};

} // namespace pupitre::server::http
