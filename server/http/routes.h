#pragma once
// The HTTP API as one table of (method, path, handler), in routes.cpp; the request handler
// looks requests up in it. A handler turns a request into a SyncService call and its
// outcome into the JSON answer (wire.h).
#include "server/http/json_body.h"
#include "server/http/json_bounds.h"
#include "server/service/sync_service.h"
#include "server/web/web_sessions.h"

#include <Poco/JSON/Object.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::server::http {

struct ApiRequest
{
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::string token;         // from "Authorization: Bearer TOKEN"
  std::string body;          // decompressed
  std::string clientAddress; // the peer's IP address, for rate limiting sign-ins
  // The web version (docs/web.md): the Cookie, X-CSRF-Token, Origin, Host, Content-Type and
  // User-Agent headers as sent, and whether the connection is HTTPS (the cookie's Secure).
  std::string cookieHeader;
  std::string csrfHeader;
  std::string originHeader;
  std::string hostHeader;
  std::string forwardedHost; // X-Forwarded-Host: the Host a reverse proxy received
  std::string contentType;
  std::string userAgent;
  bool secure = false;
  // Set by checkAccess for Access::Web routes: the signed-in browser's account and session
  // (webSessionId: the session's public id, as in device lists).
  std::int64_t webAccountId = 0;
  std::string webSessionId;
  std::optional<web::WebSession> webSession;
};

struct ApiAnswer
{
  int status = 200;
  std::string body;
  // JSON unless a route says otherwise (blob downloads); only JSON answers are gzipped.
  std::string contentType = "application/json";
  std::map<std::string, std::string> headers;
};

using RouteHandler = ApiAnswer (*)(SyncService& service, const ApiRequest& request);

// Who may call a route; the token is checked before the body is read.
enum class Access {
  Anyone,  // login
  Account, // a valid token
  Sync,    // a valid token of an account whose licence syncs (push, pull, blobs)
  // A valid web session cookie (docs/web.md); on every method but GET also the session's
  // X-CSRF-Token (else 403 csrf), and an Origin, when sent, of this server.
  Web,
};

// What a route's request body may be (after decompression).
struct BodyLimits
{
  std::size_t maxBytes = 0; // 0: the server's push limit (--max-body-mib)
  JsonBounds json;          // maxValues 0: the body is bytes, not JSON
};

struct Route
{
  const char* method;
  const char* path;
  RouteHandler handler;
  Access access;
  BodyLimits body;
};

const std::vector<Route>& routes();

// The token's or the web session's refusal (401, 403) for a route that needs one, before its
// body is read; nullopt when the caller may go on. For Access::Web it sets the request's
// web fields.
std::optional<sync::ApiError> checkAccess(const Route& route, SyncService& service,
                                          ApiRequest& request);

// A web write (any method but GET) from a page of another site: an Origin header that does
// not name this server's Host. Browsers send Origin on every such request.
bool crossSiteWrite(const ApiRequest& request);

// The route for (method, path); nullptr with `error` set to a 404 or 405 answer otherwise.
const Route* findRoute(const std::string& method, const std::string& path, sync::ApiError& error);

// Runs the route's handler: malformed bodies become 400 bad_request; other failures are
// exceptions for the caller.
ApiAnswer runRoute(const Route& route, SyncService& service, const ApiRequest& request);

ApiAnswer errorAnswer(const sync::ApiError& error);

} // namespace pupitre::server::http
