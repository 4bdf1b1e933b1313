#include "server/http/routes.h"

#include "pupitre/blobs/blob_api.h"
#include "pupitre/sync/wire.h"
#include "server/api_errors.h"
#include "server/blobs/blob_service.h"
#include "server/web/web_data_routes.h"
#include "server/web/web_session_cookie.h"
#include "server/web/web_session_routes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

namespace pupitre::server::http {
namespace {

template <class T, class Encode> ApiAnswer answer(const Outcome<T>& outcome, Encode encode)
{
  if (!outcome) {
    return errorAnswer(outcome.error());
  }
  return {200, encode(outcome.value())};
}

// {"device_id": "..."}: the body of an unlink, which the codec in wire.h does not cover.
std::string deviceIdOf(const std::string& body)
{
  return stringField(jsonObject(body), "device_id");
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
  return answer(service.login(sync::decodeLoginRequest(request.body), request.clientAddress),
                sync::encodeLoginResult);
}

ApiAnswer account(SyncService& service, const ApiRequest& request)
{
  return answer(service.account(request.token), sync::encodeAccount);
}

// Everything the server holds about the caller's account (`user export`), for the teacher.
ApiAnswer accountExport(SyncService& service, const ApiRequest& request)
{
  return answer(service.accountExport(request.token), [](const std::string& json) { return json; });
}

ApiAnswer logout(SyncService& service, const ApiRequest& request)
{
  return answer(service.logout(request.token), [](const Done&) { return std::string("{}"); });
}

ApiAnswer unlink(SyncService& service, const ApiRequest& request)
{
  return answer(service.unlink(request.token, deviceIdOf(request.body)), sync::encodeAccount);
}

// {"device_id"?, "name"}: without device_id, the calling device renames itself.
ApiAnswer renameDevice(SyncService& service, const ApiRequest& request)
{
  const auto object = jsonObject(request.body);
  return answer(service.renameDevice(request.token, optionalStringField(object, "device_id"),
                                     stringField(object, "name")),
                sync::encodeAccount);
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
  const std::int64_t count = queryNumber(request, "count", 0);
  if (count > 1) {
    throw sync::ProtocolError("The parameter 'count' must be 0 or 1.");
  }
  // own=0: leave out the versions this device's pushes wrote (docs/sync-protocol.md).
  const std::int64_t own = queryNumber(request, "own", 1);
  if (own < 0 || own > 1) {
    throw sync::ProtocolError("The parameter 'own' must be 0 or 1.");
  }
  return answer(
      service.pull(request.token, after, static_cast<std::size_t>(limit), count == 1, own == 1),
      sync::encodePullPage);
}

// --- pictures and resources (server/blobs/) ---------------------------------------------

std::string queryText(const ApiRequest& request, const std::string& name)
{
  const auto it = request.query.find(name);
  if (it == request.query.end()) {
    throw sync::ProtocolError("The parameter '" + name + "' is missing.");
  }
  return it->second;
}

void putStorage(Poco::JSON::Object& object, const blobs::Storage& storage)
{
  object.set("storage_used", storage.used);
  object.set("storage_quota", storage.quota);
}

blobs::BlobService* blobService(SyncService& service)
{
  return service.blobs();
}

ApiAnswer noBlobs()
{
  return errorAnswer(api::notFound("This server does not keep pictures or resources."));
}

// {"hashes": [...]} -> {"missing": [{"hash", "received"}], "storage_used", "storage_quota",
// "max_blob_bytes"}
ApiAnswer blobsMissing(SyncService& service, const ApiRequest& request)
{
  auto* blobs = blobService(service);
  if (!blobs) {
    return noBlobs();
  }
  Poco::JSON::Object::Ptr object;
  try {
    const auto parsed = Poco::JSON::Parser().parse(request.body);
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
      object = parsed.extract<Poco::JSON::Object::Ptr>();
    }
  } catch (const std::exception& e) {
    throw sync::ProtocolError(std::string("The request is not valid JSON: ") + e.what());
  }
  const auto list = object ? object->getArray("hashes") : nullptr;
  if (!list) {
    throw sync::ProtocolError("The field 'hashes' must be an array of SHA-256 hashes.");
  }
  std::vector<std::string> hashes;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto item = list->get(static_cast<unsigned>(i));
    if (!item.isString()) {
      throw sync::ProtocolError("The field 'hashes' must hold strings only.");
    }
    hashes.push_back(item.extract<std::string>());
  }
  return answer(blobs->missing(request.token, hashes), [](const blobs::MissingAnswer& m) {
    Poco::JSON::Object result;
    Poco::JSON::Array::Ptr missing = new Poco::JSON::Array;
    for (const auto& blob : m.missing) {
      Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
      entry->set("hash", blob.hash);
      entry->set("received", blob.received);
      missing->add(entry);
    }
    result.set("missing", missing);
    putStorage(result, m.storage);
    result.set("max_blob_bytes", m.maxBlobBytes);
    return jsonText(result);
  });
}

// ?hash=H&size=S&offset=O[&chunk_crc32=C][&chunk_sha256=C], the chunk's bytes as the body.
ApiAnswer blobsUpload(SyncService& service, const ApiRequest& request)
{
  auto* blobs = blobService(service);
  if (!blobs) {
    return noBlobs();
  }
  blobs::UploadChunk chunk;
  chunk.hash = queryText(request, "hash");
  chunk.size = queryNumber(request, "size", -1);
  chunk.offset = queryNumber(request, "offset", -1);
  if (chunk.size < 0 || chunk.offset < 0) {
    throw sync::ProtocolError("The parameters 'size' and 'offset' are required.");
  }
  const auto sha = request.query.find("chunk_sha256");
  chunk.chunkSha256 = sha == request.query.end() ? "" : sha->second;
  const auto crc = request.query.find("chunk_crc32");
  chunk.chunkCrc32 = crc == request.query.end() ? "" : crc->second;
  chunk.bytes = request.body;
  return answer(blobs->upload(request.token, chunk), [](const blobs::ChunkAnswer& r) {
    Poco::JSON::Object result;
    result.set("received", r.received);
    result.set("complete", r.complete);
    putStorage(result, r.storage);
    return jsonText(result);
  });
}

// ?hash=H[&offset=O][&length=L] -> the bytes, with X-Pupitre-Blob-Size: the whole size.
ApiAnswer blobsDownload(SyncService& service, const ApiRequest& request)
{
  auto* blobs = blobService(service);
  if (!blobs) {
    return noBlobs();
  }
  auto range =
      blobs->download(request.token, queryText(request, "hash"), queryNumber(request, "offset", 0),
                      queryNumber(request, "length", 0));
  if (!range) {
    return errorAnswer(range.error());
  }
  ApiAnswer reply{200, std::move(range.value().bytes), "application/octet-stream", {}};
  reply.headers[pupitre::blobs::kBlobSizeHeader] = std::to_string(range.value().totalSize);
  return reply;
}

} // namespace

// Request bodies, sized to what each endpoint really receives (docs/server.md, "Security").
// A login is four short strings; an unlink names one device, a rename one device and its name; a
// blob query lists at most kMaxHashesPerQuery hashes; a push is the daemon's batch of 5000 field
// writes, bounded by
// --max-body-mib (kDefaultMaxPushBytes). JSON values count object keys too: a field write
// that is alone in its group takes about 20, one among others of its row 2.
constexpr std::size_t kNoBodyBytes = 1024;
constexpr BodyLimits kNoBody{kNoBodyBytes, {16, 2}};
constexpr BodyLimits kLoginBody{16 * 1024, {32, 2}};
constexpr BodyLimits kUnlinkBody{4 * 1024, {16, 2}};
// The web's edits: a mark, an attendance record or a restore is a few short strings; a
// journal entry or a student's notes hold one text field of up to the server's text limit
// (1 MiB, escaped up to 6 bytes a byte in JSON); an upload is a whole file, bounded like a
// device's chunk (the blob limits and the quota are checked after).
constexpr BodyLimits kWebEditBody{16 * 1024, {32, 2}};
constexpr BodyLimits kWebTextBody{8 * 1024 * 1024, {32, 2}};
constexpr BodyLimits kWebUploadBody{blobs::kMaxChunkBytes, {0, 0}};
constexpr BodyLimits kRenameBody{4 * 1024, {16, 2}};
constexpr BodyLimits kPushBody{0, {250'000, 8}};
constexpr BodyLimits kMissingBody{1024 * 1024, {pupitre::blobs::kMaxHashesPerQuery + 16, 3}};
constexpr BodyLimits kUploadBody{blobs::kMaxChunkBytes, {0, 0}};

// The whole API (docs/sync-protocol.md), one line per endpoint.
const std::vector<Route>& routes()
{
  static const std::vector<Route> table = {
      {"POST", "/api/v1/login", login, Access::Anyone, kLoginBody},
      {"GET", "/api/v1/account", account, Access::Account, kNoBody},
      {"GET", "/api/v1/account/export", accountExport, Access::Account, kNoBody},
      {"POST", "/api/v1/logout", logout, Access::Account, kNoBody},
      {"POST", "/api/v1/devices/unlink", unlink, Access::Account, kUnlinkBody},
      {"POST", "/api/v1/devices/rename", renameDevice, Access::Account, kRenameBody},
      {"POST", "/api/v1/push", push, Access::Sync, kPushBody},
      {"GET", "/api/v1/pull", pull, Access::Sync, kNoBody},
      {"POST", "/api/v1/blobs/missing", blobsMissing, Access::Sync, kMissingBody},
      {"POST", "/api/v1/blobs/upload", blobsUpload, Access::Sync, kUploadBody},
      {"GET", "/api/v1/blobs/download", blobsDownload, Access::Sync, kNoBody},
      // The web version's session (server/web/web_session_routes.h, docs/web.md).
      {"POST", "/api/v1/web/login", web::login, Access::Anyone, kLoginBody},
      {"POST", "/api/v1/web/logout", web::logout, Access::Web, kNoBody},
      {"GET", "/api/v1/web/session", web::session, Access::Web, kNoBody},
      {"GET", "/api/v1/web/account", web::account, Access::Web, kNoBody},
      {"GET", "/api/v1/web/account/export", web::accountExport, Access::Web, kNoBody},
      {"POST", "/api/v1/web/devices/unlink", web::unlink, Access::Web, kUnlinkBody},
      // The web version's data (server/web/web_data_routes.h, docs/web.md).
      {"GET", "/api/v1/web/classes", web::getClasses, Access::Web, kNoBody},
      {"GET", "/api/v1/web/gradebook", web::getGradebook, Access::Web, kNoBody},
      {"PUT", "/api/v1/web/mark", web::putMark, Access::Web, kWebEditBody},
      {"GET", "/api/v1/web/attendance", web::getAttendance, Access::Web, kNoBody},
      {"PUT", "/api/v1/web/attendance", web::putAttendance, Access::Web, kWebEditBody},
      {"GET", "/api/v1/web/journal", web::getJournal, Access::Web, kNoBody},
      {"POST", "/api/v1/web/journal", web::postJournal, Access::Web, kWebTextBody},
      {"PUT", "/api/v1/web/journal", web::putJournal, Access::Web, kWebTextBody},
      {"GET", "/api/v1/web/students", web::getStudents, Access::Web, kNoBody},
      {"PUT", "/api/v1/web/student", web::putStudent, Access::Web, kWebTextBody},
      {"GET", "/api/v1/web/picture", web::getPicture, Access::Web, kNoBody},
      {"GET", "/api/v1/web/resources", web::getResources, Access::Web, kNoBody},
      {"GET", "/api/v1/web/resource", web::getResource, Access::Web, kNoBody},
      {"POST", "/api/v1/web/resources", web::postResource, Access::Web, kWebUploadBody},
      {"GET", "/api/v1/web/conflicts", web::getConflicts, Access::Web, kNoBody},
      {"POST", "/api/v1/web/conflicts/restore", web::postRestore, Access::Web, kWebEditBody},
      {"POST", "/api/v1/web/delete", web::postDelete, Access::Web, kWebEditBody},
      {"POST", "/api/v1/web/undelete", web::postUndelete, Access::Web, kWebEditBody},
      {"GET", "/api/v1/web/changes", web::getChanges, Access::Web, kNoBody},
      {"GET", "/api/v1/web/comments", web::getComments, Access::Web, kNoBody},
      {"PUT", "/api/v1/web/comment", web::putComment, Access::Web, kWebEditBody},
      {"PUT", "/api/v1/web/class", web::putClass, Access::Web, kWebEditBody},
  };
  return table;
}

bool crossSiteWrite(const ApiRequest& request)
{
  if (request.method == "GET" || request.originHeader.empty()) {
    return false;
  }
  const std::string& origin = request.originHeader;
  const auto scheme = origin.find("://");
  if (scheme == std::string::npos) {
    return true;
  }
  // "host:443" is "host" for https (":80" for http): a proxy may write the port out.
  const std::string defaultPort = origin.substr(0, scheme) == "https" ? ":443" : ":80";
  const auto withoutDefaultPort = [&](std::string host) {
    if (host.size() > defaultPort.size() &&
        host.compare(host.size() - defaultPort.size(), defaultPort.size(), defaultPort) == 0) {
      host.resize(host.size() - defaultPort.size());
    }
    return Poco::toLower(host);
  };
  const std::string host = withoutDefaultPort(origin.substr(scheme + 3));
  return host != withoutDefaultPort(request.hostHeader) &&
         host != withoutDefaultPort(request.forwardedHost);
}

std::optional<sync::ApiError> checkAccess(const Route& route, SyncService& service,
                                          ApiRequest& request)
{
  switch (route.access) {
  case Access::Anyone:
    return std::nullopt;
  case Access::Account: {
    const auto account = service.account(request.token);
    return account ? std::nullopt : std::optional(account.error());
  }
  case Access::Sync: {
    const auto account = service.syncingAccount(request.token);
    return account ? std::nullopt : std::optional(account.error());
  }
  case Access::Web: {
    auto* sessions = service.webSessions();
    if (!sessions) {
      return api::notFound("This server does not serve the web version.");
    }
    auto session = sessions->find(web::cookieValue(request.cookieHeader, web::kSessionCookie));
    if (!session) {
      return session.error();
    }
    if (request.method != "GET" &&
        (!web::sameSecret(request.csrfHeader, session.value().record.csrf) ||
         crossSiteWrite(request))) {
      return api::csrfRefused();
    }
    request.webAccountId = session.value().record.accountId;
    request.webSessionId = session.value().record.id;
    request.webSession = std::move(session.value());
    return std::nullopt;
  }
  }
  return api::unauthorized();
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
  ApiAnswer reply{error.status, sync::encodeError(error)};
  if (error.retryAfterSeconds > 0) {
    reply.headers["Retry-After"] = std::to_string(error.retryAfterSeconds);
  }
  return reply;
}

} // namespace pupitre::server::http
