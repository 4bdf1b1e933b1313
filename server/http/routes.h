#pragma once
// The HTTP API as one table of (method, path, handler), in routes.cpp; the request handler
// looks requests up in it. A handler turns a request into a SyncService call and its
// outcome into the JSON answer (wire.h).
#include "server/service/sync_service.h"

#include <map>
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

struct Route
{
  const char* method;
  const char* path;
  RouteHandler handler;
  // The body limit of this route; 0: the server's (--max-body-mib). Blob uploads have their
  // own, since their chunks are bytes, not JSON.
  std::size_t maxBodyBytes = 0;
};

const std::vector<Route>& routes();

// The route for (method, path); nullptr with `error` set to a 404 or 405 answer otherwise.
const Route* findRoute(const std::string& method, const std::string& path, sync::ApiError& error);

// Runs the route's handler: malformed bodies become 400 bad_request; other failures are
// exceptions for the caller.
ApiAnswer runRoute(const Route& route, SyncService& service, const ApiRequest& request);

ApiAnswer errorAnswer(const sync::ApiError& error);

} // namespace pupitre::server::http
