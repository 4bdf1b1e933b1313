#include "pupitre/blobs/attachments.h"

#include "pupitre/blobs/picture.h"
#include "pupitre/blobs/sha256.h"
#include "pupitre/error.h"
#include "pupitre/model/resources.h"
#include "pupitre/model/students.h"
#include "pupitre/utf8_path.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace pupitre::blobs {
namespace fs = std::filesystem;
namespace {

std::string readWholeFile(const std::string& file)
{
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error("Couldn't read '" + file + "'; check that the file exists and can be read.");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void writeThumbnail(const BlobStore& store, const std::string& hash, const std::string& jpeg)
{
  std::error_code error;
  const fs::path folder = store.root() / "thumbnails";
  fs::create_directories(folder, error);
  const fs::path temp = folder / (hash + ".jpg.tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(jpeg.data(), static_cast<std::streamsize>(jpeg.size()));
    if (!out) {
      return; // a thumbnail is a cache: it is made again when needed
    }
  }
  fs::rename(temp, folder / (hash + ".jpg"), error);
}

} // namespace

std::string storePicture(BlobStore& store, const std::string& file)
{
  const std::string source = readWholeFile(file);
  const PreparedPicture prepared = preparePicture(source, utf8String(utf8Path(file).filename()));
  const std::string hash = store.addBytes(prepared.picture.jpeg);
  writeThumbnail(store, hash, prepared.thumbnail.jpeg);
  return hash;
}

std::string setStudentPicture(store::Database& db, BlobStore& store, const std::string& studentId,
                              const std::string& file)
{
  model::Students students(db);
  students.get(studentId); // a clear "no such student" before any work
  const std::string hash = storePicture(store, file);
  model::StudentChanges changes;
  changes.picture = hash;
  students.update(studentId, changes);
  return hash;
}

std::string addResource(store::Database& db, BlobStore& store, const std::string& classId,
                        const std::string& file)
{
  std::error_code ignored;
  if (!fs::is_regular_file(utf8Path(file), ignored)) {
    throw Error("'" + file + "' is not a file that can be read; check the path.");
  }
  const std::string hash = store.addFile(file);
  model::Resource resource;
  resource.classId = classId;
  resource.fileName = utf8String(utf8Path(file).filename());
  resource.mimeType = mimeTypeFor(resource.fileName);
  resource.size = store.size(hash).value_or(0);
  resource.blobHash = hash;
  return model::Resources(db).create(resource);
}

void saveResource(store::Database& db, const BlobStore& store, const std::string& resourceId,
                  const std::string& outFile)
{
  const auto resource = model::Resources(db).get(resourceId);
  if (!store.has(resource.blobHash)) {
    throw NotFoundError("The file of '" + resource.fileName +
                        "' is not on this computer yet; synchronise the resources "
                        "(`pupitrectl sync --resources`) and try again.");
  }
  store.copyTo(resource.blobHash, outFile);
}

fs::path pictureThumbnail(const BlobStore& store, const std::string& pictureHash)
{
  if (!isBlobHash(pictureHash)) {
    return {};
  }
  const fs::path thumbnail = store.root() / "thumbnails" / (pictureHash + ".jpg");
  std::error_code error;
  if (fs::is_regular_file(thumbnail, error)) {
    return thumbnail;
  }
  if (!store.has(pictureHash)) {
    return {};
  }
  try {
    std::string jpeg;
    store.read(pictureHash, 0, store.size(pictureHash).value_or(0), jpeg);
    writeThumbnail(store, pictureHash, thumbnailOf(jpeg).jpeg);
  } catch (const std::exception&) {
    return {};
  }
  return fs::is_regular_file(thumbnail, error) ? thumbnail : fs::path();
}

ReferencedBlobs referencedBlobs(store::Database& db, BlobKind kind)
{
  ReferencedBlobs blobs;
  const char* sql = kind == BlobKind::Pictures
                        ? "SELECT picture, NULL FROM student WHERE deleted = 0 AND picture IS NOT "
                          "NULL AND picture <> '' GROUP BY picture ORDER BY picture"
                        : "SELECT blob_hash, max(size) FROM resource WHERE deleted = 0 AND "
                          "blob_hash IS NOT NULL GROUP BY blob_hash ORDER BY blob_hash";
  auto& query = db.statement(sql);
  while (query.executeStep()) {
    const std::string hash = query.getColumn(0).getString();
    if (!isBlobHash(hash)) {
      continue;
    }
    blobs.hashes.push_back(hash);
    if (!query.getColumn(1).isNull()) {
      blobs.sizes[hash] = query.getColumn(1).getInt64();
    }
  }
  query.reset();
  return blobs;
}

std::string mimeTypeFor(const std::string& fileName)
{
  static const std::map<std::string, std::string> types = {
      {"pdf", "application/pdf"},
      {"txt", "text/plain"},
      {"csv", "text/csv"},
      {"html", "text/html"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"png", "image/png"},
      {"gif", "image/gif"},
      {"svg", "image/svg+xml"},
      {"mp3", "audio/mpeg"},
      {"mp4", "video/mp4"},
      {"zip", "application/zip"},
      {"odt", "application/vnd.oasis.opendocument.text"},
      {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
      {"odp", "application/vnd.oasis.opendocument.presentation"},
      {"doc", "application/msword"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"xls", "application/vnd.ms-excel"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"ppt", "application/vnd.ms-powerpoint"},
      {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
  };
  std::string extension = fs::path(fileName).extension().string();
  if (!extension.empty()) {
    extension.erase(0, 1);
  }
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto it = types.find(extension);
  return it == types.end() ? "application/octet-stream" : it->second;
}

} // namespace pupitre::blobs
