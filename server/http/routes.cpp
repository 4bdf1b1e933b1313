#include "server/http/routes.h"

#include "pupitre/blobs/blob_api.h"
#include "pupitre/sync/wire.h"
#include "server/api_errors.h"
#include "server/blobs/blob_service.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace pupitre::server::http {
namespace {

template <class T, class Encode> ApiAnswer answer(const Outcome<T>& outcome, Encode encode)
{
  if (!outcome) {
    return errorAnswer(outcome.error());
  }
  return {200, encode(outcome.value())};
}

// The bodies of the devices/ endpoints ({"device_id": "...", "name": "..."}), which the codec
// in wire.h does not cover.
Poco::JSON::Object::Ptr jsonObjectOf(const std::string& body)
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
  return object;
}

// The string field `key` of `object`; absent is "" unless `required`.
std::string stringField(const Poco::JSON::Object::Ptr& object, const std::string& key,
                        bool required)
{
  if (!required && !object->has(key)) {
    return {};
  }
  const auto value = object->get(key);
  if (!value.isString()) {
    throw sync::ProtocolError("The field '" + key + "' must be a string.");
  }
  return value.extract<std::string>();
}

std::string deviceIdOf(const std::string& body)
{
  return stringField(jsonObjectOf(body), "device_id", true);
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
  const auto object = jsonObjectOf(request.body);
  return answer(service.renameDevice(request.token, stringField(object, "device_id", false),
                                     stringField(object, "name", true)),
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
  return answer(service.pull(request.token, after, static_cast<std::size_t>(limit), count == 1),
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

std::string jsonText(const Poco::JSON::Object& object)
{
  std::ostringstream out;
  object.stringify(out);
  return out.str();
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
      {"POST", "/api/v1/logout", logout, Access::Account, kNoBody},
      {"POST", "/api/v1/devices/unlink", unlink, Access::Account, kUnlinkBody},
      {"POST", "/api/v1/devices/rename", renameDevice, Access::Account, kRenameBody},
      {"POST", "/api/v1/push", push, Access::Sync, kPushBody},
      {"GET", "/api/v1/pull", pull, Access::Sync, kNoBody},
      {"POST", "/api/v1/blobs/missing", blobsMissing, Access::Sync, kMissingBody},
      {"POST", "/api/v1/blobs/upload", blobsUpload, Access::Sync, kUploadBody},
      {"GET", "/api/v1/blobs/download", blobsDownload, Access::Sync, kNoBody},
  };
  return table;
}

std::optional<sync::ApiError> checkAccess(const Route& route, SyncService& service,
                                          const std::string& token)
{
  switch (route.access) {
  case Access::Anyone:
    return std::nullopt;
  case Access::Account: {
    const auto account = service.account(token);
    return account ? std::nullopt : std::optional(account.error());
  }
  case Access::Sync: {
    const auto account = service.syncingAccount(token);
    return account ? std::nullopt : std::optional(account.error());
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
