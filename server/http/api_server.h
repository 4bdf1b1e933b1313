#pragma once
// The API over HTTP (or HTTPS with a certificate and key) on Poco's HTTPServer: a pool of
// threads, each request handled by ApiRequestHandler.
#include "server/http/request_body.h"
#include "server/service/sync_service.h"

#include <cstdint>
#include <memory>
#include <string>

namespace Poco::Net {
class HTTPServer;
}

namespace pupitre::server::http {

struct ApiServerOptions
{
  std::string bindHost = "127.0.0.1";
  std::uint16_t port = 0;  // 0: a free port chosen by the system
  std::string tlsCertFile; // PEM; HTTPS when both are set
  std::string tlsKeyFile;
  std::size_t maxBodyBytes = kDefaultMaxBodyBytes;
  int maxThreads = 16;
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
  std::unique_ptr<Poco::Net::HTTPServer> m_server;
  std::uint16_t m_port = 0;
  bool m_tls = false;
  bool m_stopped = false;
};

} // namespace pupitre::server::http
