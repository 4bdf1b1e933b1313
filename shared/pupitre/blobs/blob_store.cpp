#include "pupitre/blobs/blob_store.h"

#include "pupitre/blobs/sha256.h"
#include "pupitre/error.h"
#include "pupitre/private_file.h"
#include "pupitre/uuid.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <fstream>

#ifdef _WIN32
#include <io.h> // _commit
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace pupitre::blobs {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kBufferBytes = 256 * 1024;

void requireHash(std::string_view hash)
{
  if (!isBlobHash(hash)) {
    throw Error("'" + std::string(hash) + "' is not the SHA-256 of a file (64 hex digits).");
  }
}

// A write into the store at `root` failed with `errorNumber` (errno): a full disk is said as
// such (DiskFull), anything else with `message`.
[[noreturn]] void writeFailed(int errorNumber, const fs::path& root, const std::string& message)
{
  if (errorNumber == ENOSPC
#ifdef EDQUOT
      || errorNumber == EDQUOT
#endif
  ) {
    throw DiskFull(root.string(), "The disk holding the file store '" + root.string() +
                                      "' is full; free some space there, then try again.");
  }
  throw Error(message);
}

// Flushes the written bytes of `file` (already fflush'ed) to the disk: 0, or the errno.
int syncToDisk(std::FILE* file)
{
#ifdef _WIN32
  return ::_commit(::_fileno(file)) == 0 ? 0 : errno;
#else
  return ::fsync(fileno(file)) == 0 ? 0 : errno;
#endif
}

// Opens an existing file of the store (`mode` "rb+"...); paths are UTF-16 on Windows.
std::FILE* openFile(const fs::path& path, const char* mode)
{
#ifdef _WIN32
  const std::string text(mode);
  return ::_wfopen(path.c_str(), std::wstring(text.begin(), text.end()).c_str());
#else
  return std::fopen(path.c_str(), mode);
#endif
}

// Writes `bytes` to `out` and closes it (flushing it to the disk first when `sync`); the errno
// of the first failure, 0 when all went well.
int writeAndClose(std::FILE* out, std::string_view bytes, bool sync)
{
  int errorNumber = 0;
  if (std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size()) {
    errorNumber = errno != 0 ? errno : EIO;
  }
  if (std::fflush(out) != 0 && errorNumber == 0) {
    errorNumber = errno != 0 ? errno : EIO;
  }
  if (sync && errorNumber == 0) {
    errorNumber = syncToDisk(out);
  }
  if (std::fclose(out) != 0 && errorNumber == 0) {
    errorNumber = errno != 0 ? errno : EIO;
  }
  return errorNumber;
}

// Flushes a written file to the disk, so a rename after it never exposes missing bytes.
void syncFile(std::FILE* file)
{
  std::fflush(file);
  syncToDisk(file);
}

// Opens a file of the store for writing, 0600 from its creation whatever the umask; nullptr
// when it cannot.
std::FILE* openForWriting(const fs::path& path, bool append)
{
#ifdef _WIN32
  return openFile(path, append ? "ab" : "wb");
#else
  const int fd =
      ::open(path.c_str(),
             O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0600);
  if (fd < 0) {
    return nullptr;
  }
  std::FILE* file = ::fdopen(fd, append ? "ab" : "wb");
  if (!file) {
    ::close(fd);
  }
  return file;
#endif
}

// Folders 0700 and files 0600 under `root`, for a store an earlier version left readable.
void tightenTree(const fs::path& root)
{
  std::error_code error;
  for (fs::recursive_directory_iterator it(root, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_symlink(error)) {
      continue;
    }
    if (it->is_directory(error)) {
      makePrivateFolder(it->path().string(), true);
    } else {
      tightenFileMode(it->path().string());
    }
  }
}

} // namespace

fs::path blobFolderFor(const std::string& databasePath)
{
  return fs::absolute(fs::path(databasePath)).parent_path() / "blobs";
}

BlobStore::BlobStore(fs::path root) : m_root(std::move(root))
{
  // Pictures of pupils and teachers' files: 0700 folders and 0600 files (private_file.h).
  if (makePrivateFolder(m_root.string(), true)) {
    tightenTree(m_root);
  }
  makePrivateFolder((m_root / "tmp").string(), true);
  makePrivateFolder((m_root / "partial").string(), true);
}

fs::path BlobStore::pathOf(std::string_view hash) const
{
  requireHash(hash);
  return m_root / std::string(hash.substr(0, 2)) / std::string(hash);
}

bool BlobStore::has(std::string_view hash) const
{
  std::error_code error;
  return isBlobHash(hash) && fs::is_regular_file(pathOf(hash), error);
}

std::optional<std::int64_t> BlobStore::size(std::string_view hash) const
{
  std::error_code error;
  if (!isBlobHash(hash)) {
    return std::nullopt;
  }
  const auto bytes = fs::file_size(pathOf(hash), error);
  if (error) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(bytes);
}

fs::path BlobStore::tempPath() const
{
  return m_root / "tmp" / (newUuid() + ".tmp");
}

void BlobStore::moveIntoPlace(const fs::path& temp, std::string_view hash)
{
  const fs::path target = pathOf(hash);
  std::error_code error;
  makePrivateFolder(target.parent_path().string(), true);
  if (fs::exists(target, error)) {
    fs::remove(temp, error); // the same bytes are there already
    return;
  }
  fs::rename(temp, target, error);
  if (error) {
    fs::remove(temp, error);
    throw Error("Couldn't store a file in '" + m_root.string() + "': " + error.message() + ".");
  }
}

std::string BlobStore::addFile(const std::string& sourcePath)
{
  std::ifstream in(sourcePath, std::ios::binary);
  if (!in) {
    throw Error("Couldn't read '" + sourcePath + "'; check that the file exists and can be read.");
  }
  const fs::path temp = tempPath();
  std::FILE* out = openForWriting(temp, false);
  if (!out) {
    throw Error("Couldn't write in the file store '" + m_root.string() +
                "'; check its permissions and free space.");
  }
  Sha256 hash;
  std::array<char, kBufferBytes> buffer{};
  bool failed = false;
  while (in && !failed) {
    in.read(buffer.data(), buffer.size());
    const auto n = static_cast<std::size_t>(in.gcount());
    hash.update(buffer.data(), n);
    failed = std::fwrite(buffer.data(), 1, n, out) != n;
  }
  failed = failed || in.bad();
  syncFile(out);
  failed = std::fclose(out) != 0 || failed;
  if (failed) {
    std::error_code error;
    fs::remove(temp, error);
    throw Error("Couldn't copy '" + sourcePath + "' into the file store '" + m_root.string() +
                "'; check the free space.");
  }
  const std::string digest = hash.hexDigest();
  moveIntoPlace(temp, digest);
  return digest;
}

std::string BlobStore::addBytes(std::string_view bytes)
{
  const std::string digest = sha256Hex(bytes);
  if (has(digest)) {
    return digest;
  }
  const fs::path temp = tempPath();
  std::FILE* out = openForWriting(temp, false);
  const int failure = out ? writeAndClose(out, bytes, true) : (errno != 0 ? errno : EIO);
  if (failure != 0) {
    std::error_code error;
    fs::remove(temp, error);
    writeFailed(failure, m_root,
                "Couldn't write in the file store '" + m_root.string() +
                    "'; check its permissions and free space.");
  }
  moveIntoPlace(temp, digest);
  return digest;
}

void BlobStore::read(std::string_view hash, std::int64_t offset, std::int64_t length,
                     std::string& out) const
{
  std::ifstream in(pathOf(hash), std::ios::binary);
  if (!in) {
    throw NotFoundError("The file " + std::string(hash) + " is not in '" + m_root.string() + "'.");
  }
  in.seekg(offset);
  out.resize(static_cast<std::size_t>(std::max<std::int64_t>(length, 0)));
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
}

void BlobStore::copyTo(std::string_view hash, const std::string& destination) const
{
  std::error_code error;
  const fs::path target = fs::absolute(destination);
  const fs::path temp = target.parent_path() / ("." + target.filename().string() + ".part");
  fs::copy_file(pathOf(hash), temp, fs::copy_options::overwrite_existing, error);
  if (!error) {
    fs::rename(temp, target, error);
  }
  if (error) {
    fs::remove(temp, error);
    throw Error("Couldn't write '" + destination + "': " + error.message() + ".");
  }
}

bool BlobStore::remove(std::string_view hash)
{
  std::error_code error;
  return fs::remove(pathOf(hash), error);
}

fs::path BlobStore::partialPath(const std::string& key) const
{
  if (key.empty() || key.find_first_of("/\\.") != std::string::npos) {
    throw Error("'" + key + "' cannot name a transfer.");
  }
  return m_root / "partial" / (key + ".part");
}

std::int64_t BlobStore::partialSize(const std::string& key) const
{
  std::error_code error;
  const auto bytes = fs::file_size(partialPath(key), error);
  return error ? 0 : static_cast<std::int64_t>(bytes);
}

void BlobStore::appendPartial(const std::string& key, std::int64_t offset, std::string_view bytes)
{
  const std::int64_t have = partialSize(key);
  if (offset != have) {
    throw Error("A transfer resumed at byte " + std::to_string(offset) + " but " +
                std::to_string(have) + " bytes were received.");
  }
  std::FILE* out = openForWriting(partialPath(key), true);
  if (!out) {
    writeFailed(errno, m_root,
                "Couldn't write in the file store '" + m_root.string() +
                    "'; check its permissions and free space.");
  }
  int failure = 0;
  if (std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size() || std::fflush(out) != 0) {
    failure = errno != 0 ? errno : EIO;
  }
#ifdef __linux__
  // Start writing these bytes to the disk now, so that the fsync before the final rename
  // has little left to wait for.
  if (failure == 0 && !bytes.empty()) {
    ::sync_file_range(fileno(out), offset, static_cast<off_t>(bytes.size()), SYNC_FILE_RANGE_WRITE);
  }
#endif
  if (std::fclose(out) != 0 && failure == 0) {
    failure = errno != 0 ? errno : EIO;
  }
  if (failure != 0) {
    writeFailed(failure, m_root,
                "Couldn't write in the file store '" + m_root.string() +
                    "'; check the free space.");
  }
}

void BlobStore::hashPartial(const std::string& key, Sha256& hash) const
{
  std::ifstream in(partialPath(key), std::ios::binary);
  std::array<char, kBufferBytes> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    hash.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
}

void BlobStore::finishPartial(const std::string& key, std::string_view hash,
                              const std::string& computed)
{
  requireHash(hash);
  const fs::path partial = partialPath(key);
  const std::string actual = computed.empty() ? sha256File(partial.string()) : computed;
  if (actual != hash) {
    dropPartial(key);
    throw HashMismatch("The bytes received for " + std::string(hash) +
                       " are damaged (their SHA-256 is " + actual + "); they were discarded.");
  }
  if (std::FILE* file = openFile(partial, "rb+")) {
    syncFile(file);
    std::fclose(file);
  }
  const fs::path temp = tempPath();
  std::error_code error;
  fs::rename(partial, temp, error);
  if (error) {
    throw Error("Couldn't store a file in '" + m_root.string() + "': " + error.message() + ".");
  }
  moveIntoPlace(temp, hash);
}

void BlobStore::dropPartial(const std::string& key)
{
  std::error_code error;
  fs::remove(partialPath(key), error);
}

} // namespace pupitre::blobs
