#include "server/web/web_session_routes.h"

#include "pupitre/sync/wire.h"
#include "server/api_errors.h"
#include "server/time_text.h"
#include "server/web/web_session_cookie.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace pupitre::server::web {
namespace {

using http::ApiAnswer;
using http::ApiRequest;

ApiAnswer noWeb()
{
  return http::errorAnswer(api::notFound("This server does not serve the web version."));
}

// {"email","licence","csrf"}: what the page needs to know about its session.
std::string sessionJson(const WebSession& session)
{
  Poco::JSON::Object object;
  object.set("email", session.account.email);
  object.set("licence", session.account.licence);
  object.set("csrf", session.record.csrf);
  return http::jsonText(object);
}

std::string accountJson(const WebAccount& a)
{
  Poco::JSON::Object object;
  object.set("email", a.account.email);
  object.set("licence", a.account.licence);
  object.set("max_devices", a.account.maxDevices);
  Poco::JSON::Array::Ptr devices = new Poco::JSON::Array;
  for (const auto& d : a.devices) {
    Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
    entry->set("id", d.id);
    entry->set("name", d.name);
    entry->set("kind", d.kind);
    entry->set("last_seen_ms", d.lastSeenMs);
    entry->set("current", d.current);
    devices->add(entry);
  }
  object.set("devices", devices);
  Poco::JSON::Object::Ptr storage = new Poco::JSON::Object;
  storage->set("used", a.account.storageUsed);
  storage->set("quota", a.account.storageQuota);
  object.set("storage", storage);
  return http::jsonText(object);
}

} // namespace

ApiAnswer login(SyncService& service, const ApiRequest& request)
{
  auto* sessions = service.webSessions();
  if (!sessions) {
    return noWeb();
  }
  // Another site's page could sign the browser in to an account of its own (login CSRF): a
  // form can post neither JSON nor from this origin.
  if (http::crossSiteWrite(request)) {
    return http::errorAnswer(api::csrfRefused());
  }
  if (request.contentType.rfind("application/json", 0) != 0) {
    throw sync::ProtocolError("A sign-in is sent as application/json.");
  }
  const auto object = http::jsonObject(request.body);
  auto signedIn =
      sessions->signIn(http::stringField(object, "email"), http::stringField(object, "password"),
                       request.userAgent, request.clientAddress);
  if (!signedIn) {
    return http::errorAnswer(signedIn.error());
  }
  // The session the browser had is replaced, not left open beside the new one.
  if (const auto previous = sessions->find(cookieValue(request.cookieHeader, kSessionCookie))) {
    sessions->signOut(previous.value());
  }
  ApiAnswer reply{200, sessionJson(signedIn.value().session)};
  reply.headers["Set-Cookie"] = sessionCookie(signedIn.value().secret, request.secure);
  return reply;
}

ApiAnswer logout(SyncService& service, const ApiRequest& request)
{
  service.webSessions()->signOut(*request.webSession);
  ApiAnswer reply{200, "{}"};
  reply.headers["Set-Cookie"] = clearedSessionCookie(request.secure);
  return reply;
}

ApiAnswer session(SyncService&, const ApiRequest& request)
{
  return {200, sessionJson(*request.webSession)};
}

ApiAnswer account(SyncService& service, const ApiRequest& request)
{
  return {200, accountJson(service.webSessions()->account(*request.webSession))};
}

ApiAnswer accountExport(SyncService& service, const ApiRequest& request)
{
  auto exported = service.accountExport(request.webAccountId);
  if (!exported) {
    return http::errorAnswer(exported.error());
  }
  ApiAnswer reply{200, std::move(exported.value())};
  const std::string day = isoUtc(service.nowMs()).substr(0, 10); // YYYY-MM-DD
  reply.headers["Content-Disposition"] =
      "attachment; filename=\"pupitre-account-" + day + ".json\"";
  return reply;
}

ApiAnswer unlink(SyncService& service, const ApiRequest& request)
{
  const auto id = http::stringField(http::jsonObject(request.body), "device_id");
  auto answer = service.webSessions()->unlink(*request.webSession, id);
  if (!answer) {
    return http::errorAnswer(answer.error());
  }
  ApiAnswer reply{200, accountJson(answer.value())};
  if (id == request.webSessionId) { // signed itself out
    reply.headers["Set-Cookie"] = clearedSessionCookie(request.secure);
  }
  return reply;
}

} // namespace pupitre::server::web
