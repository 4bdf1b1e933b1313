#pragma once
// Students' pictures and resource files on this device: their rows (in the database, synced
// with the data) and their bytes (in the BlobStore beside it, moved only when pictures or
// resources are synchronised). A row whose bytes are not here yet stays a usable record:
// `isHere` says so, and reading its bytes says to synchronise.
#include "pupitre/blobs/blob_store.h"
#include "pupitre/store/database.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace pupitre::blobs {

// Which blobs: students' pictures or resource files.
enum class BlobKind { Pictures, Resources };

// Reads the file, checks it is a JPEG or PNG, stores the re-encoded picture (metadata
// stripped, at most kPictureSide pixels) and its thumbnail; returns the picture's hash. It
// decodes the photo: the app runs it on its worker, never on the GUI thread.
std::string storePicture(BlobStore& store, const std::string& file);
// storePicture, then sets the picture as the student's. Returns the picture's hash. The same
// photo set twice is stored once.
std::string setStudentPicture(store::Database& db, BlobStore& store, const std::string& studentId,
                              const std::string& file);

// Stores the file and adds a resource row for it (class may be empty). Returns its id.
std::string addResource(store::Database& db, BlobStore& store, const std::string& classId,
                        const std::string& file);

// Copies a resource's bytes to `outFile`. Throws NotFoundError when the resource does not
// exist, or when its bytes are not on this device yet (saying to synchronise resources).
void saveResource(store::Database& db, const BlobStore& store, const std::string& resourceId,
                  const std::string& outFile);

// The thumbnail of a stored picture (ROOT/thumbnails/HASH.jpg), made when missing; empty
// when the picture's bytes are not here yet.
std::filesystem::path pictureThumbnail(const BlobStore& store, const std::string& pictureHash);

// The hashes live rows reference, with the sizes the rows know (resources give theirs).
struct ReferencedBlobs
{
  std::vector<std::string> hashes;
  std::map<std::string, std::int64_t> sizes;
};
ReferencedBlobs referencedBlobs(store::Database& db, BlobKind kind);

// "application/pdf" for "x.pdf"...; application/octet-stream when unknown.
std::string mimeTypeFor(const std::string& fileName);

} // namespace pupitre::blobs
