#pragma once
// One HTTP request of the API: protocol version, route lookup, bounded (and possibly
// gzip-compressed) body, bearer token, then the route's handler; the answer goes back as
// JSON with X-Pupitre-Time, gzip-compressed when the client accepts it. Nothing a client
// sends can crash it: failures become JSON error answers.
#include "server/service/sync_service.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace pupitre::server::http {

struct ApiAnswer;

class ApiRequestHandler : public Poco::Net::HTTPRequestHandler
{
public:
  ApiRequestHandler(SyncService& service, std::size_t maxBodyBytes)
      : m_service(service), m_maxBodyBytes(maxBodyBytes)
  {
  }
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

private:
  ApiAnswer process(Poco::Net::HTTPServerRequest& request, bool& bodyConsumed);

  SyncService& m_service;
  std::size_t m_maxBodyBytes;
};

class ApiRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
  ApiRequestHandlerFactory(SyncService& service, std::size_t maxBodyBytes)
      : m_service(service), m_maxBodyBytes(maxBodyBytes)
  {
  }
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
  {
    return new ApiRequestHandler(m_service, m_maxBodyBytes);
  }

private:
  SyncService& m_service;
  std::size_t m_maxBodyBytes;
};

} // namespace pupitre::server::http
