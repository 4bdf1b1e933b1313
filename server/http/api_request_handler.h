#pragma once
// One HTTP request of the API: protocol version, route lookup, the token checked before the
// body is read, the bounded (and possibly gzip-compressed) body read within its deadline,
// its JSON bounds, then the route's handler; the answer goes back as JSON with
// X-Pupitre-Time, gzip-compressed when the client accepts it. Nothing a client sends can
// crash it: failures become JSON error answers.
#include "server/http/connection_watch.h"
#include "server/http/request_body.h"
#include "server/service/sync_service.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstddef>

namespace pupitre::server::web {
class StaticFiles;
}

namespace pupitre::server::http {

struct ApiAnswer;

// How long and how much a connection may take to send a request (docs/server.md, "Security").
struct RequestLimits
{
  // The request line and headers, from the first byte awaited to the blank line.
  std::chrono::milliseconds headerTime{5000};
  // A kept-alive connection waiting for its next request: longer than Poco clients' own 8 s
  // (the daemon's), which then reconnect, rather than send on a connection being closed.
  std::chrono::milliseconds keepAliveIdle{15000};
  // Any single read or write on the socket.
  std::chrono::milliseconds socketTimeout{10000};
  // The body: this much time plus its size at the slowest accepted rate.
  std::chrono::milliseconds bodyGrace{10000};
  std::size_t minBodyBytesPerSecond = 16 * 1024;
  // A push's body after decompression (serve --max-body-mib); other endpoints have fixed
  // limits in routes.cpp.
  std::size_t maxPushBytes = kDefaultMaxPushBytes;
};

class ApiRequestHandler
{
public:
  // `site`: the web version's page and assets, nullptr when the server does not serve them.
  ApiRequestHandler(SyncService& service, const RequestLimits& limits,
                    ConnectionWatch::Ticket& ticket, const web::StaticFiles* site = nullptr)
      : m_service(service), m_limits(limits), m_ticket(ticket), m_site(site)
  {
  }
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response);

private:
  ApiAnswer process(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                    bool& bodyConsumed);

  SyncService& m_service;
  const RequestLimits& m_limits;
  ConnectionWatch::Ticket& m_ticket;
  const web::StaticFiles* m_site;
};

// Sends `answer` with X-Pupitre-Time and X-Pupitre-Max-Clock-Ahead (the service's clock and
// limit); a JSON answer over 1 KB goes gzip-compressed when `gzipAccepted`.
void sendAnswer(Poco::Net::HTTPServerResponse& response, ApiAnswer answer,
                const SyncService& service, bool gzipAccepted);

// After answering a request whose body (or header) was not read whole, before closing: the
// system would reset a connection closed with unread bytes, and a client still sending would
// never see the answer. So: half-close, then read and discard what keeps coming, for a while.
void lingeringClose(Poco::Net::StreamSocket& socket);

} // namespace pupitre::server::http
