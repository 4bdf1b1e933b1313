#include "server/http/api_connection.h"

#include "server/api_errors.h"
#include "server/http/routes.h"
#include "server/log.h"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

namespace pupitre::server::http {
namespace {

// Poco's words for header fields over its limits (MessageHeader: names of 256 bytes, values
// of 8 KB, 100 fields) give 431; anything else, a broken or too long request line included
// (Poco does not tell those apart), 400.
sync::ApiError malformedRequest(const Poco::Net::MessageException& e)
{
  const std::string what = e.message();
  const std::string lower = Poco::toLower(what);
  if (lower.find("field") != std::string::npos && (lower.find("too long") != std::string::npos ||
                                                   lower.find("too many") != std::string::npos)) {
    return api::headersTooLarge(lower);
  }
  return api::badRequest("the request is not valid HTTP (" +
                         (what.empty() ? e.displayText() : what) + ")");
}

// Whether a next request begins; false when the connection ends or its read fails (cut at
// a deadline or at the server's stop).
bool hasMoreRequests(Poco::Net::HTTPServerSession& session)
{
  try {
    return session.hasMoreRequests();
  } catch (const Poco::Exception& e) {
    serverLog()->debug("a connection ended: {}", e.displayText());
    return false;
  }
}

} // namespace

ApiConnection::ApiConnection(const Poco::Net::StreamSocket& socket, SyncService& service,
                             const RequestLimits& limits, Poco::Net::HTTPServerParams::Ptr params,
                             std::shared_ptr<ConnectionWatch> watch, const web::StaticFiles* site)
    : Poco::Net::TCPServerConnection(socket), m_service(service), m_limits(limits),
      m_params(std::move(params)), m_watch(std::move(watch)), m_site(site)
{
}

void ApiConnection::run()
{
  ConnectionWatch::Ticket ticket(*m_watch, socket());
  Poco::Net::HTTPServerSession session(socket(), m_params);
  // The first request's headers are due from the moment a thread takes the connection (a
  // TLS handshake included); a kept-alive connection's next ones from their first byte.
  ticket.arm(m_limits.headerTime);
  for (bool first = true; ticket.idle() && hasMoreRequests(session); first = false) {
    if (!first) {
      ticket.arm(m_limits.headerTime);
    }
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      Poco::Net::HTTPServerRequestImpl request(response, session, m_params);
      ticket.busy();
      if (ticket.expired()) {
        // Cut at the deadline: a header line ended early by the cut looks complete.
        refuse(session, api::requestTimeout(), false);
        break;
      }
      response.setDate(Poco::Timestamp());
      response.setVersion(request.getVersion());
      response.setKeepAlive(m_params->getKeepAlive() && request.getKeepAlive() &&
                            session.canKeepAlive());
      ApiRequestHandler(m_service, m_limits, ticket, m_site).handleRequest(request, response);
      session.setKeepAlive(m_params->getKeepAlive() && response.getKeepAlive() &&
                           session.canKeepAlive());
    } catch (const Poco::Net::NoMessageException&) {
      break; // closed (or cut) before a request began
    } catch (const Poco::Net::MessageException& e) {
      const bool expired = ticket.expired();
      refuse(session, expired ? api::requestTimeout() : malformedRequest(e), !expired);
      break;
    } catch (const Poco::Exception& e) {
      if (ticket.expired()) {
        // Cut at the deadline where the cut makes the read fail (Windows) rather than end.
        refuse(session, api::requestTimeout(), false);
        break;
      }
      // The socket failed or timed out while reading headers: nobody to answer.
      serverLog()->debug("a connection ended: {}", e.displayText());
      break;
    } catch (const std::exception& e) {
      serverLog()->warn("a connection ended: {}", e.what());
      break;
    }
  }
}

void ApiConnection::refuse(Poco::Net::HTTPServerSession& session, const sync::ApiError& error,
                           bool linger)
{
  try {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setKeepAlive(false);
    session.setKeepAlive(false);
    sendAnswer(response, errorAnswer(error), m_service, false);
    if (linger) {
      lingeringClose(socket());
    }
  } catch (const std::exception& e) {
    serverLog()->debug("a refusal could not be sent: {}", e.what());
  }
}

} // namespace pupitre::server::http
