#include "server/http/routes.h"

#include "pupitre/sync/wire.h"
#include "server/api_errors.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace pupitre::server::http {
namespace {

template <class T, class Encode> ApiAnswer answer(const Outcome<T>& outcome, Encode encode)
{
  if (!outcome) {
    return errorAnswer(outcome.error());
  }
  return {200, encode(outcome.value())};
}

// {"device_id": "..."}: the only body the codec in wire.h does not cover.
std::string deviceIdOf(const std::string& body)
{
  Poco::JSON::Object::Ptr object;
  try {
    const auto parsed = Poco::JSON::Parser().parse(body);
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
      object = parsed.extract<Poco::JSON::Object::Ptr>();
    }
  } catch (const std::exception& e) {
    throw sync::ProtocolError(std::string("The request is not valid JSON: ") + e.what());
  }
  if (!object) {
    throw sync::ProtocolError("The request is not a JSON object.");
  }
  const auto id = object->get("device_id");
  if (!id.isString()) {
    throw sync::ProtocolError("The field 'device_id' must be a string.");
  }
  return id.extract<std::string>();
}

std::int64_t queryNumber(const ApiRequest& request, const std::string& name, std::int64_t fallback)
{
  const auto it = request.query.find(name);
  if (it == request.query.end()) {
    return fallback;
  }
  const std::string& text = it->second;
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw sync::ProtocolError("The parameter '" + name + "' must be a whole number.");
  }
  return std::stoll(text);
}

ApiAnswer login(SyncService& service, const ApiRequest& request)
{
  return answer(service.login(sync::decodeLoginRequest(request.body)), sync::encodeLoginResult);
}

ApiAnswer account(SyncService& service, const ApiRequest& request)
{
  return answer(service.account(request.token), sync::encodeAccount);
}

ApiAnswer logout(SyncService& service, const ApiRequest& request)
{
  return answer(service.logout(request.token), [](const Done&) { return std::string("{}"); });
}

ApiAnswer unlink(SyncService& service, const ApiRequest& request)
{
  return answer(service.unlink(request.token, deviceIdOf(request.body)), sync::encodeAccount);
}

ApiAnswer push(SyncService& service, const ApiRequest& request)
{
  return answer(service.push(request.token, sync::decodePush(request.body)),
                sync::encodePushResult);
}

ApiAnswer pull(SyncService& service, const ApiRequest& request)
{
  const std::int64_t after = queryNumber(request, "after", 0);
  const std::int64_t limit = queryNumber(request, "limit", 0);
  if (request.query.count("limit") && limit < 1) {
    throw sync::ProtocolError("The parameter 'limit' must be at least 1.");
  }
  return answer(service.pull(request.token, after, static_cast<std::size_t>(limit)),
                sync::encodePullPage);
}

} // namespace

// The whole API (docs/sync-protocol.md), one line per endpoint.
const std::vector<Route>& routes()
{
  static const std::vector<Route> table = {
      {"POST", "/api/v1/login", login},   {"GET", "/api/v1/account", account},
      {"POST", "/api/v1/logout", logout}, {"POST", "/api/v1/devices/unlink", unlink},
      {"POST", "/api/v1/push", push},     {"GET", "/api/v1/pull", pull},
  };
  return table;
}

const Route* findRoute(const std::string& method, const std::string& path, sync::ApiError& error)
{
  bool pathKnown = false;
  for (const auto& route : routes()) {
    if (path == route.path) {
      if (method == route.method) {
        return &route;
      }
      pathKnown = true;
    }
  }
  error = pathKnown ? api::methodNotAllowed(method, path)
                    : api::notFound("The server has no " + path + ".");
  return nullptr;
}

ApiAnswer runRoute(const Route& route, SyncService& service, const ApiRequest& request)
{
  try {
    return route.handler(service, request);
  } catch (const sync::ProtocolError& e) {
    return errorAnswer(api::badRequest(e.what()));
  }
}

ApiAnswer errorAnswer(const sync::ApiError& error)
{
  return {error.status, sync::encodeError(error)};
}

} // namespace pupitre::server::http
