// The web data endpoints of pictures and resources (web_data.h): the bytes live in the
// server's blob store (server/blobs/), the rows in the replica.
#include "pupitre/blobs/attachments.h"
#include "pupitre/model/classes.h"
#include "pupitre/model/resources.h"
#include "pupitre/model/students.h"
#include "server/api_errors.h"
#include "server/blobs/blob_service.h"
#include "server/service/sync_service.h"
#include "server/web/web_data.h"
#include "server/web/web_errors.h"
#include "server/web/web_json.h"

#include <set>

namespace pupitre::server::web {
namespace {

constexpr std::size_t kMaxFileNameLength = 255;

sync::ApiError noBlobs()
{
  return api::notFound("This server does not keep pictures or resources.");
}

// The picture's type from its first bytes (the app stores JPEG or PNG).
std::string pictureType(const std::string& bytes)
{
  if (bytes.rfind("\x89PNG", 0) == 0) {
    return "image/png";
  }
  if (bytes.rfind("GIF8", 0) == 0) {
    return "image/gif";
  }
  if (bytes.size() > 12 && bytes.compare(0, 4, "RIFF") == 0 && bytes.compare(8, 4, "WEBP") == 0) {
    return "image/webp";
  }
  return "image/jpeg";
}

void writeResource(JsonOut& out, const model::Resource& r, bool held)
{
  out.beginObject()
      .field("id", r.id)
      .field("class_id", r.classId)
      .field("file_name", r.fileName)
      .field("mime_type", r.mimeType)
      .field("size", r.size)
      .field("held", held)
      .endObject();
}

void writeStorage(JsonOut& out, const blobs::Storage& storage)
{
  out.key("storage").beginObject();
  out.field("used", storage.used).field("quota", storage.quota).endObject();
}

} // namespace

Outcome<WebFile> WebData::picture(std::int64_t account, const std::string& studentId)
{
  auto* blobs = m_service.blobs();
  std::string hash;
  auto found = onReplica(account, [&](WebReplica& replica) {
    hash = model::Students(replica.db()).get(studentId).picture;
    return std::string{};
  });
  if (!found) {
    return found.error();
  }
  if (hash.empty()) {
    return api::notFound("This student has no picture.");
  }
  if (!blobs) {
    return noBlobs();
  }
  auto bytes = blobs->readWhole(account, hash);
  if (!bytes) {
    return bytes.error();
  }
  WebFile file;
  file.mimeType = pictureType(bytes.value());
  file.bytes = std::move(bytes.value());
  return file;
}

Outcome<WebFile> WebData::resourceFile(std::int64_t account, const std::string& resourceId)
{
  auto* blobs = m_service.blobs();
  model::Resource resource;
  auto found = onReplica(account, [&](WebReplica& replica) {
    resource = model::Resources(replica.db()).get(resourceId);
    return std::string{};
  });
  if (!found) {
    return found.error();
  }
  if (!blobs) {
    return noBlobs();
  }
  auto bytes = blobs->readWhole(account, resource.blobHash);
  if (!bytes) {
    return bytes.error();
  }
  return WebFile{std::move(bytes.value()),
                 resource.mimeType.empty() ? "application/octet-stream" : resource.mimeType,
                 resource.fileName};
}

Outcome<std::string> WebData::resources(std::int64_t account, const std::string& classId)
{
  auto* blobs = m_service.blobs();
  return onReplica(account, [&](WebReplica& replica) {
    auto& db = replica.db();
    model::Classes(db).get(classId);
    const auto list = model::Resources(db).list(classId);
    JsonOut out;
    out.beginObject().key("resources").beginArray();
    for (const auto& r : list) {
      const bool held = blobs && blobs->readable(account, r.blobHash);
      writeResource(out, r, held);
    }
    out.endArray();
    writeStorage(out, blobs ? blobs->storage(account) : blobs::Storage{});
    out.field("version", replica.version()).endObject();
    return out.take();
  });
}

Outcome<std::string> WebData::uploadResource(std::int64_t account, const std::string& classId,
                                             const std::string& fileName, const std::string& bytes)
{
  auto* blobs = m_service.blobs();
  if (!blobs) {
    return noBlobs();
  }
  if (fileName.empty() || fileName.size() > kMaxFileNameLength ||
      fileName.find_first_of("/\\") != std::string::npos) {
    auto error =
        api::error(400, kInvalid, "The file needs a name of 1 to 255 characters without / or \\.");
    error.field = "name";
    return error;
  }
  // The class first: nothing is stored for another account's class.
  auto known = onReplica(account, [&](WebReplica& replica) {
    model::Classes(replica.db()).get(classId);
    return std::string{};
  });
  if (!known) {
    return known.error();
  }
  auto stored = blobs->storeWhole(account, bytes);
  if (!stored) {
    auto error = stored.error();
    if (error.code == pupitre::blobs::errors::kQuotaExceeded) {
      error.status = 413;
      error.code = kQuota;
    }
    return error;
  }
  return onReplica(account, [&](WebReplica& replica) {
    model::Resource resource;
    resource.classId = classId;
    resource.fileName = fileName;
    resource.mimeType = pupitre::blobs::mimeTypeFor(fileName);
    resource.size = static_cast<std::int64_t>(bytes.size());
    resource.blobHash = stored.value();
    model::Resources resources(replica.db());
    const std::string id = resources.create(resource);
    replica.sync();
    JsonOut out;
    out.beginObject().key("resource");
    writeResource(out, resources.get(id), true);
    writeStorage(out, blobs->storage(account));
    out.field("version", replica.version()).endObject();
    return out.take();
  });
}

} // namespace pupitre::server::web
