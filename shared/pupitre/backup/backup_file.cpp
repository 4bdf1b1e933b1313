#include "pupitre/backup/backup_file.h"

#include "pupitre/blobs/sha256.h"
#include "pupitre/private_file.h"
#include "pupitre/store/canonical_json.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <zstd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace pupitre::backup {
namespace fs = std::filesystem;

struct BackupWriter::Hash
{
  blobs::Sha256 sha;
};

namespace {

constexpr std::size_t kChunk = 256 * 1024;
constexpr int kLevel = 3; // zstd's default: fast, and a database shrinks to about a fifth
// Longest class-name list kept in the header (the rest is counted, not named).
constexpr std::size_t kNamesBudget = 4096;

[[noreturn]] void failWrite(const std::string& place, int error)
{
  if (error == ENOSPC) {
    throw DiskFull(place, "The disk is full: couldn't write the backup '" + place +
                              "'. Free some space (or choose another place) and try again.");
  }
  throw BackupError("Couldn't write the backup '" + place + "': " + std::strerror(error) +
                    ". Check that the folder exists and that you may write to it.");
}

std::FILE* createPrivate(const std::string& path)
{
#ifdef _WIN32
  // Created with the private DACL (the user and SYSTEM alone, protected), as POSIX creates it
  // 0600: a backup saved in a folder others may read (Documents, a USB stick) stays the
  // teacher's. fopen then keeps that DACL.
  makePrivateFile(path);
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    failWrite(path, errno);
  }
  return file;
#else
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    failWrite(path, errno);
  }
  ::fchmod(fd, 0600);
  std::FILE* file = ::fdopen(fd, "wb");
  if (!file) {
    const int error = errno;
    ::close(fd);
    failWrite(path, error);
  }
  return file;
#endif
}

Sentence notABackup(const std::string& path)
{
  return {PUPITRE_TR("'%1' is not a Pupitre backup (or its beginning is damaged). Choose a file "
                     "made by File → Back up to… or `pupitrectl backup create`."),
          {path}};
}

Sentence incomplete(const std::string& path)
{
  return {PUPITRE_TR("The backup '%1' is incomplete (it was cut short, perhaps while being "
                     "copied); nothing was restored from it. Use another backup."),
          {path}};
}

std::string headerJson(const BackupInfo& info)
{
  std::string names = "[";
  std::size_t used = 0;
  for (const auto& name : info.classNames) {
    const std::string quoted = store::jsonString(name);
    if (used + quoted.size() > kNamesBudget) {
      break;
    }
    names += (used ? "," : "") + quoted;
    used += quoted.size() + 1;
  }
  names += "]";
  return "{\"format\":" + std::to_string(info.formatVersion) +
         ",\"created_ms\":" + std::to_string(info.createdMs) +
         ",\"reason\":" + store::jsonString(info.reason) +
         ",\"device_id\":" + store::jsonString(info.deviceId) +
         ",\"app_version\":" + store::jsonString(info.appVersion) +
         ",\"schema_version\":" + std::to_string(info.schemaVersion) +
         ",\"classes\":" + std::to_string(info.classes) +
         ",\"students\":" + std::to_string(info.students) +
         ",\"marks\":" + std::to_string(info.marks) + ",\"blobs\":" + std::to_string(info.blobs) +
         ",\"class_names\":" + names + ",\"content_bytes\":" + std::to_string(info.contentBytes) +
         ",\"payload_bytes\":" + std::to_string(info.payloadBytes) +
         ",\"payload_sha256\":" + store::jsonString(info.payloadSha256) + "}";
}

struct FileCloser
{
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File openForReading(const std::string& path)
{
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    throw BackupError("Couldn't open the backup '" + path + "': " + std::strerror(errno) + ".");
  }
  return file;
}

Sentence damaged(const BackupInfo& info)
{
  return {PUPITRE_TR("The backup '%1' is damaged (its contents do not match its checksum); "
                     "nothing was restored from it. Use another backup."),
          {info.path}};
}

} // namespace

int testStallMs()
{
  static const int ms = [] {
    const char* text = std::getenv("PUPITRE_TEST_BACKUP_STALL_MS");
    return text ? std::atoi(text) : 0;
  }();
  return ms;
}

BackupWriter::BackupWriter(std::string finalPath, Progress progress)
    : m_finalPath(std::move(finalPath)), m_progress(std::move(progress))
{
  const fs::path target(m_finalPath);
  m_tempPath = (target.parent_path() / ("." + target.filename().string() + "." +
                                        std::to_string(static_cast<long>(
#ifdef _WIN32
                                            0
#else
                                            ::getpid()
#endif
                                            )) +
                                        ".tmp"))
                   .string();
  m_file = createPrivate(m_tempPath);
  m_hash = new Hash;
  m_cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(static_cast<ZSTD_CCtx*>(m_cctx), ZSTD_c_compressionLevel, kLevel);
  const std::string blank(kHeaderBytes, ' ');
  if (std::fwrite(blank.data(), 1, blank.size(), m_file) != blank.size()) {
    failWrite(m_finalPath, errno);
  }
}

BackupWriter::~BackupWriter()
{
  if (m_file) {
    std::fclose(m_file);
  }
  if (!m_finished) {
    std::error_code ignored;
    fs::remove(m_tempPath, ignored);
  }
  ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(m_cctx));
  delete m_hash;
}

void BackupWriter::writeOut(const char* data, std::size_t size)
{
  if (size == 0) {
    return;
  }
  if (std::fwrite(data, 1, size, m_file) != size) {
    failWrite(m_finalPath, errno ? errno : EIO);
  }
  m_hash->sha.update(data, size);
  m_payload += static_cast<std::int64_t>(size);
}

void BackupWriter::compress(const char* data, std::size_t size, bool last)
{
  auto* cctx = static_cast<ZSTD_CCtx*>(m_cctx);
  std::string out(ZSTD_CStreamOutSize(), '\0');
  ZSTD_inBuffer in{data, size, 0};
  for (;;) {
    ZSTD_outBuffer o{out.data(), out.size(), 0};
    const std::size_t left =
        ZSTD_compressStream2(cctx, &o, &in, last ? ZSTD_e_end : ZSTD_e_continue);
    if (ZSTD_isError(left)) {
      throw BackupError(std::string("Couldn't compress the backup: ") + ZSTD_getErrorName(left));
    }
    writeOut(out.data(), o.pos);
    if (last ? left == 0 : in.pos == in.size) {
      break;
    }
  }
  m_content += static_cast<std::int64_t>(size);
  if (m_progress) {
    m_progress(m_content, m_expected);
  }
  if (testStallMs() > 0 && size > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(testStallMs()));
  }
}

void BackupWriter::addFile(const std::string& name, const std::string& path)
{
  File in = openForReading(path);
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) {
    throw BackupError("Couldn't read '" + path + "' for the backup: " + error.message() + ".");
  }
  const std::string line = std::to_string(size) + " " + name + "\n";
  compress(line.data(), line.size(), false);
  std::string buffer(kChunk, '\0');
  std::uintmax_t left = size;
  while (left > 0) {
    const std::size_t want = left < kChunk ? static_cast<std::size_t>(left) : kChunk;
    const std::size_t got = std::fread(buffer.data(), 1, want, in.get());
    if (got != want) {
      throw BackupError("Couldn't read '" + path +
                        "' for the backup: it changed while it was "
                        "being copied. Try again.");
    }
    compress(buffer.data(), got, false);
    left -= got;
  }
}

BackupInfo BackupWriter::finish(BackupInfo info)
{
  const std::string end = "END\n";
  compress(end.data(), end.size(), true);
  info.formatVersion = kFormatVersion;
  info.contentBytes = m_content;
  info.payloadBytes = m_payload;
  info.payloadSha256 = m_hash->sha.hexDigest();
  std::string header = std::string(kMagic) + " " + std::to_string(kFormatVersion) + "\n";
  header += headerJson(info) + "\n";
  if (header.size() >= kHeaderBytes) {
    throw BackupError("Internal error: the backup header is too long.");
  }
  header.append(kHeaderBytes - 1 - header.size(), ' ');
  header += "\n";
  if (std::fseek(m_file, 0, SEEK_SET) != 0 ||
      std::fwrite(header.data(), 1, header.size(), m_file) != header.size() ||
      std::fflush(m_file) != 0) {
    failWrite(m_finalPath, errno ? errno : EIO);
  }
#ifndef _WIN32
  if (::fsync(::fileno(m_file)) != 0) {
    failWrite(m_finalPath, errno);
  }
#endif
  std::fclose(m_file);
  m_file = nullptr;
  std::error_code error;
  fs::rename(m_tempPath, m_finalPath, error);
  if (error) {
    failWrite(m_finalPath, error.value());
  }
  m_finished = true;
  info.path = m_finalPath;
  info.id = fs::path(m_finalPath).stem().string();
  return info;
}

BackupInfo readBackupInfo(const std::string& path)
{
  File file = openForReading(path);
  std::string header(kHeaderBytes, '\0');
  const std::size_t got = std::fread(header.data(), 1, header.size(), file.get());
  const std::string magicLine = std::string(kMagic) + " ";
  if (header.compare(0, magicLine.size(), magicLine) != 0) {
    throw BackupError(notABackup(path));
  }
  if (got < kHeaderBytes) {
    throw BackupError(incomplete(path));
  }
  const auto firstEnd = header.find('\n');
  const int format = std::atoi(header.c_str() + magicLine.size());
  if (format > kFormatVersion) {
    throw BackupError(Sentence{
        PUPITRE_TR("The backup '%1' was made by a newer version of Pupitre. Update Pupitre to "
                   "restore it."),
        {path}});
  }
  const auto jsonEnd = header.find('\n', firstEnd + 1);
  if (format < 1 || jsonEnd == std::string::npos) {
    throw BackupError(notABackup(path));
  }
  BackupInfo info;
  try {
    Poco::JSON::Parser parser;
    const auto object = parser.parse(header.substr(firstEnd + 1, jsonEnd - firstEnd - 1))
                            .extract<Poco::JSON::Object::Ptr>();
    info.formatVersion = object->getValue<int>("format");
    info.createdMs = object->getValue<std::int64_t>("created_ms");
    info.reason = object->getValue<std::string>("reason");
    info.deviceId = object->getValue<std::string>("device_id");
    info.appVersion = object->getValue<std::string>("app_version");
    info.schemaVersion = object->getValue<int>("schema_version");
    info.classes = object->getValue<std::int64_t>("classes");
    info.students = object->getValue<std::int64_t>("students");
    info.marks = object->getValue<std::int64_t>("marks");
    info.blobs = object->getValue<std::int64_t>("blobs");
    const auto names = object->getArray("class_names");
    for (std::size_t i = 0; names && i < names->size(); ++i) {
      info.classNames.push_back(names->getElement<std::string>(static_cast<unsigned>(i)));
    }
    info.contentBytes = object->getValue<std::int64_t>("content_bytes");
    info.payloadBytes = object->getValue<std::int64_t>("payload_bytes");
    info.payloadSha256 = object->getValue<std::string>("payload_sha256");
  } catch (const Poco::Exception&) {
    throw BackupError(notABackup(path));
  } catch (const std::exception&) {
    throw BackupError(notABackup(path));
  }
  std::error_code error;
  const auto size = static_cast<std::int64_t>(fs::file_size(path, error));
  if (error || size < static_cast<std::int64_t>(kHeaderBytes) + info.payloadBytes) {
    throw BackupError(incomplete(path));
  }
  if (size > static_cast<std::int64_t>(kHeaderBytes) + info.payloadBytes) {
    throw BackupError(damaged(info));
  }
  info.path = path;
  info.id = fs::path(path).stem().string();
  return info;
}

namespace {

// Reads the payload in chunks, feeding `consume`; checks the checksum at the end.
void readPayload(const BackupInfo& info, const Progress& progress,
                 const std::function<void(const char*, std::size_t)>& consume)
{
  File file = openForReading(info.path);
  if (std::fseek(file.get(), static_cast<long>(kHeaderBytes), SEEK_SET) != 0) {
    throw BackupError(damaged(info));
  }
  blobs::Sha256 sha;
  std::string buffer(kChunk, '\0');
  std::int64_t done = 0;
  while (done < info.payloadBytes) {
    const auto want = static_cast<std::size_t>(
        std::min<std::int64_t>(static_cast<std::int64_t>(kChunk), info.payloadBytes - done));
    const std::size_t got = std::fread(buffer.data(), 1, want, file.get());
    if (got != want) {
      throw BackupError(damaged(info));
    }
    sha.update(buffer.data(), got);
    if (consume) {
      consume(buffer.data(), got);
    }
    done += static_cast<std::int64_t>(got);
    if (progress) {
      progress(done, info.payloadBytes);
    }
  }
  if (sha.hexDigest() != info.payloadSha256) {
    throw BackupError(damaged(info));
  }
}

// Splits the decompressed stream into entries written under a folder.
class EntryWriter
{
public:
  EntryWriter(const BackupInfo& info, fs::path folder) : m_info(info), m_folder(std::move(folder))
  {
  }
  ~EntryWriter()
  {
    if (m_out) {
      std::fclose(m_out);
    }
  }
  void feed(const char* data, std::size_t size)
  {
    while (size > 0) {
      if (m_ended) {
        throw BackupError(damaged(m_info));
      }
      if (m_left == 0 && !m_out) {
        // Reading an entry's line "SIZE NAME\n" or "END\n".
        const char c = *data++;
        --size;
        if (c != '\n') {
          if (m_line.size() > 200) {
            throw BackupError(damaged(m_info));
          }
          m_line += c;
          continue;
        }
        startEntry();
        continue;
      }
      const std::size_t take = static_cast<std::size_t>(
          std::min<std::uint64_t>(m_left, static_cast<std::uint64_t>(size)));
      if (take > 0 && std::fwrite(data, 1, take, m_out) != take) {
        failWrite(m_current, errno ? errno : EIO);
      }
      data += take;
      size -= take;
      m_left -= take;
      if (m_left == 0) {
        closeEntry();
      }
    }
  }
  bool ended() const { return m_ended; }

private:
  void startEntry()
  {
    const std::string line = std::move(m_line);
    m_line.clear();
    if (line == "END") {
      m_ended = true;
      return;
    }
    const auto space = line.find(' ');
    if (space == std::string::npos) {
      throw BackupError(damaged(m_info));
    }
    const std::string name = line.substr(space + 1);
    const bool isBlob = name.rfind("blobs/", 0) == 0 && blobs::isBlobHash(name.substr(6));
    if (name != kDatabaseEntry && !isBlob) {
      throw BackupError(damaged(m_info));
    }
    m_left = std::strtoull(line.c_str(), nullptr, 10);
    m_current = (m_folder / name).string();
    fs::create_directories(fs::path(m_current).parent_path());
    m_out = std::fopen(m_current.c_str(), "wb");
    if (!m_out) {
      failWrite(m_current, errno);
    }
    if (m_left == 0) {
      closeEntry();
    }
  }
  void closeEntry()
  {
    if (std::fclose(m_out) != 0) {
      m_out = nullptr;
      failWrite(m_current, errno);
    }
    m_out = nullptr;
  }

  const BackupInfo& m_info;
  fs::path m_folder;
  std::string m_line;
  std::string m_current;
  std::FILE* m_out = nullptr;
  std::uint64_t m_left = 0;
  bool m_ended = false;
};

} // namespace

void verifyBackup(const BackupInfo& info, const Progress& progress)
{
  readPayload(info, progress, {});
}

void extractBackup(const BackupInfo& info, const std::string& folder, const Progress& progress)
{
  // The checksum first: nothing is written from a damaged file.
  verifyBackup(info, progress);
  EntryWriter entries(info, folder);
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  std::string out(ZSTD_DStreamOutSize(), '\0');
  readPayload(info, {}, [&](const char* data, std::size_t size) {
    ZSTD_inBuffer in{data, size, 0};
    bool outputFull = false;
    while (in.pos < in.size || outputFull) {
      ZSTD_outBuffer o{out.data(), out.size(), 0};
      const std::size_t result = ZSTD_decompressStream(dctx.get(), &o, &in);
      if (ZSTD_isError(result)) {
        throw BackupError(damaged(info));
      }
      entries.feed(out.data(), o.pos);
      outputFull = o.pos == o.size;
    }
  });
  if (!entries.ended()) {
    throw BackupError(damaged(info));
  }
  if (!fs::exists(fs::path(folder) / kDatabaseEntry)) {
    throw BackupError(damaged(info));
  }
}

} // namespace pupitre::backup
