#pragma once
// One client connection of the API server, in place of Poco's HTTPServerConnection: the same
// loop of kept-alive requests, plus a deadline on each request's headers and body
// (ConnectionWatch), and a JSON error from the one error table when the HTTP itself is
// malformed (a header over 8 KB, a broken request line) or too slow, not a bare 400.
#include "server/http/api_request_handler.h"
#include "server/http/connection_watch.h"
#include "server/service/sync_service.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <memory>

namespace pupitre::server::http {

class ApiConnection : public Poco::Net::TCPServerConnection
{
public:
  ApiConnection(const Poco::Net::StreamSocket& socket, SyncService& service,
                const RequestLimits& limits, Poco::Net::HTTPServerParams::Ptr params,
                std::shared_ptr<ConnectionWatch> watch, const web::StaticFiles* site);
  // Serves requests until the client closes, a deadline passes or the server stops.
  void run() override;

private:
  // Answers a request that could not be read as HTTP, then closes.
  void refuse(Poco::Net::HTTPServerSession& session, const sync::ApiError& error, bool linger);

  SyncService& m_service;
  const RequestLimits& m_limits;
  Poco::Net::HTTPServerParams::Ptr m_params;
  std::shared_ptr<ConnectionWatch> m_watch;
  const web::StaticFiles* m_site;
};

class ApiConnectionFactory : public Poco::Net::TCPServerConnectionFactory
{
public:
  ApiConnectionFactory(SyncService& service, const RequestLimits& limits,
                       Poco::Net::HTTPServerParams::Ptr params,
                       std::shared_ptr<ConnectionWatch> watch, const web::StaticFiles* site)
      : m_service(service), m_limits(limits), m_params(std::move(params)),
        m_watch(std::move(watch)), m_site(site)
  {
  }
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override
  {
    return new ApiConnection(socket, m_service, m_limits, m_params, m_watch, m_site);
  }

private:
  SyncService& m_service;
  RequestLimits m_limits;
  Poco::Net::HTTPServerParams::Ptr m_params;
  std::shared_ptr<ConnectionWatch> m_watch;
  const web::StaticFiles* m_site;
};

} // namespace pupitre::server::http
