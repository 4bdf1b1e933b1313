#include "server/http/api_server.h"

#include "pupitre/error.h"
#include "pupitre/net/tls.h"
#include "server/http/api_connection.h"
#include "server/web/static_files.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <thread>

namespace pupitre::server::http {
namespace {

constexpr int kBacklog = 128;

Poco::Net::ServerSocket openSocket(const ApiServerOptions& options)
{
  const Poco::Net::SocketAddress address(options.bindHost, options.port);
  // SO_REUSEADDR (restart at once after a stop) but not SO_REUSEPORT, which would let a second
  // server share the port silently.
  if (options.tlsCertFile.empty()) {
    Poco::Net::ServerSocket socket;
    socket.bind(address, true, false);
    socket.listen(kBacklog);
    return socket;
  }
  // TLS 1.2 with ECDHE + AEAD suites only (net::kTls12Ciphers), and TLS 1.3.
  Poco::Net::Context::Ptr context;
  try {
    context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.tlsKeyFile,
                                     options.tlsCertFile, "", Poco::Net::Context::VERIFY_NONE, 9,
                                     false, net::kTls12Ciphers);
  } catch (const Poco::Exception& e) {
    throw Error("Couldn't use the TLS certificate '" + options.tlsCertFile + "' with the key '" +
                options.tlsKeyFile + "': " + e.displayText());
  }
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  context->preferServerCiphers();
  Poco::Net::SecureServerSocket socket(context);
  socket.bind(address, true, false);
  socket.listen(kBacklog);
  return socket;
}

} // namespace

ApiServer::ApiServer(SyncService& service, const ApiServerOptions& options)
{
  if (options.tlsCertFile.empty() != options.tlsKeyFile.empty()) {
    throw Error("HTTPS needs both a certificate (--tls-cert) and its private key (--tls-key).");
  }
  m_tls = !options.tlsCertFile.empty();
  if (!options.webRoot.empty()) {
    m_site = std::make_shared<const web::StaticFiles>(options.webRoot);
  }
  if (m_tls) {
    Poco::Net::initializeSSL();
  }
  try {
    Poco::Net::ServerSocket socket = openSocket(options);
    m_port = socket.address().port();
    const auto micros = [](std::chrono::milliseconds ms) {
      return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
    };
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options.maxThreads);
    params->setMaxQueued(options.maxQueued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(micros(options.requests.keepAliveIdle));
    params->setTimeout(micros(options.requests.socketTimeout));
    params->setServerName("pupitre-server");
    // Its own pool: Poco's default one stops at 16 threads whatever maxThreads says.
    m_threads = std::make_unique<Poco::ThreadPool>(2, options.maxThreads);
    m_watch = std::make_shared<ConnectionWatch>();
    m_server = std::make_unique<Poco::Net::TCPServer>(
        new ApiConnectionFactory(service, options.requests, params, m_watch, m_site.get()),
        *m_threads, socket, params);
    m_server->start();
  } catch (const Poco::Exception& e) {
    if (m_tls) {
      Poco::Net::uninitializeSSL();
    }
    throw Error("Couldn't listen on " + options.bindHost + ":" + std::to_string(options.port) +
                ": " + e.displayText());
  } catch (...) {
    if (m_tls) {
      Poco::Net::uninitializeSSL();
    }
    throw;
  }
}

ApiServer::~ApiServer()
{
  stop(0);
  m_server.reset();
  if (m_tls) {
    Poco::Net::uninitializeSSL();
  }
}

void ApiServer::stop(int graceMs)
{
  if (!m_server || m_stopped) {
    return;
  }
  m_stopped = true;
  // Requests in progress complete; idle kept-alive connections are closed.
  m_server->stop();
  m_watch->stopAll(graceMs <= 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(graceMs);
  while (m_server->currentConnections() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Past the grace, what is left is cut, so no thread outlives the server's objects.
  m_watch->stopAll(true);
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (m_server->currentConnections() > 0 && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

} // namespace pupitre::server::http
