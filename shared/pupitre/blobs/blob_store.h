#pragma once
// A content-addressed folder of blobs (students' pictures, resource files), named by their
// SHA-256: ROOT/ab/abcdef… . Used beside the device's database (ROOT = the database's folder
// /blobs) and by pupitre-server (DATA/blobs). A blob only appears under its name once all its
// bytes are written and their hash checked: it is written to ROOT/tmp/ first, then renamed,
// so a half-written blob is never visible. Interrupted transfers keep their bytes in
// ROOT/partial/KEY.part and resume from its size.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace pupitre::blobs {

class Sha256;

// The hash of what was received does not match the name it was sent under.
class HashMismatch : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

class BlobStore
{
public:
  // Creates the folder (and its tmp/ and partial/) when missing. Throws pupitre::Error.
  explicit BlobStore(std::filesystem::path root);

  const std::filesystem::path& root() const { return m_root; }
  bool has(std::string_view hash) const;
  // Where the blob is (whether or not it is there yet).
  std::filesystem::path pathOf(std::string_view hash) const;
  // Its size in bytes; nullopt when it is not here.
  std::optional<std::int64_t> size(std::string_view hash) const;

  // Copies a file in, hashing it on the way; returns its hash. Adding a blob that is
  // already here leaves the stored one and returns the same hash.
  std::string addFile(const std::string& sourcePath);
  std::string addBytes(std::string_view bytes);
  // Writes `length` bytes from `offset` (fewer at the end) into `out`.
  void read(std::string_view hash, std::int64_t offset, std::int64_t length,
            std::string& out) const;
  // Copies the blob to `destination` (through a temporary file beside it).
  void copyTo(std::string_view hash, const std::string& destination) const;
  // Removes the blob; false when it was not here.
  bool remove(std::string_view hash);

  // --- interrupted transfers, by key (a hash, or ACCOUNT-HASH on the server)
  std::filesystem::path partialPath(const std::string& key) const;
  // Bytes received so far (0 when none).
  std::int64_t partialSize(const std::string& key) const;
  // Appends `bytes` at `offset`, which must be the partial's size (else pupitre::Error).
  void appendPartial(const std::string& key, std::int64_t offset, std::string_view bytes);
  // Checks that the partial's bytes hash to `hash` and moves them into place. On a
  // mismatch the partial is deleted and HashMismatch thrown. `computed`: the SHA-256 the
  // caller already computed while the bytes arrived (else the file is read again).
  void finishPartial(const std::string& key, std::string_view hash,
                     const std::string& computed = {});
  // Feeds the partial's bytes so far into `hash` (to go on hashing a resumed transfer).
  void hashPartial(const std::string& key, Sha256& hash) const;
  void dropPartial(const std::string& key);

private:
  std::filesystem::path tempPath() const;
  void moveIntoPlace(const std::filesystem::path& temp, std::string_view hash);

  std::filesystem::path m_root;
};

// ROOT for a device database: the folder `blobs` beside it.
std::filesystem::path blobFolderFor(const std::string& databasePath);

} // namespace pupitre::blobs
