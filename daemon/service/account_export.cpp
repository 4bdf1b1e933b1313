#include "account_export.h"

#include "pupitre/private_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

namespace pupitre::daemon {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void cannotWrite(const std::string& path, const std::string& why)
{
  throw ExportWriteError(Sentence{PUPITRE_TR("Couldn't write the account's data to %1: %2. "
                                             "Choose a folder you can write to, with free space."),
                                  {path, why}});
}

// The file's bytes on the disk before it takes its name (POSIX; Windows flushes on close).
void flushToDisk(const std::string& path)
{
#ifndef _WIN32
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) {
      ::close(fd);
    }
    cannotWrite(path, std::strerror(error));
  }
  ::close(fd);
#else
  (void)path;
#endif
}

// PATH.part, removed unless kept.
class PartFile
{
public:
  explicit PartFile(std::string path) : m_path(std::move(path)) {}
  ~PartFile()
  {
    if (!m_kept) {
      std::error_code ec;
      fs::remove(m_path, ec);
    }
  }
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;
  const std::string& path() const { return m_path; }
  void keep() { m_kept = true; }

private:
  std::string m_path;
  bool m_kept = false;
};

void checkDestination(const std::string& path)
{
  if (path.empty()) {
    throw ValidationError(
        Sentence{PUPITRE_TR("Say where to write the account's data (a file name)."), {}});
  }
  const fs::path target(path);
  if (!target.is_absolute()) {
    throw ValidationError(Sentence{
        PUPITRE_TR("The file for the account's data must be a full path, not '%1'."), {path}});
  }
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    cannotWrite(path, "it is a folder");
  }
  if (!fs::is_directory(target.parent_path(), ec)) {
    cannotWrite(path, "the folder " + target.parent_path().string() + " does not exist");
  }
}

} // namespace

AccountExportWritten writeAccountExport(Account& account, const std::string& path)
{
  checkDestination(path);
  PartFile part(path + ".part");
  std::ofstream out;
  try {
    makePrivateFile(part.path()); // 0600 before a byte is written
    out.open(part.path(), std::ios::binary | std::ios::trunc);
  } catch (const Error& e) {
    cannotWrite(path, e.what());
  }
  if (!out) {
    cannotWrite(path, std::strerror(errno));
  }
  const std::string exported = account.accountExport(); // the server's refusals go through
  out.write(exported.data(), static_cast<std::streamsize>(exported.size()));
  out.close();
  if (!out) {
    cannotWrite(path, "the disk may be full");
  }
  flushToDisk(part.path());
  std::error_code ec;
  fs::rename(part.path(), path, ec);
  if (ec) {
    cannotWrite(path, ec.message());
  }
  part.keep();
  return {path, static_cast<std::int64_t>(exported.size())};
}

} // namespace pupitre::daemon
