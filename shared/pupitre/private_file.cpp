#include "pupitre/private_file.h"

#include "pupitre/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace pupitre {

void prepareDatabaseFile(const std::string& database, bool tightenFolder)
{
  if (database.empty() || database == ":memory:" || database.rfind("file:", 0) == 0) {
    return;
  }
  const std::filesystem::path file = std::filesystem::absolute(database);
  makePrivateFolder(file.parent_path().string(), tightenFolder);
  makePrivateFile(file.string());
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    tightenFileMode(file.string() + suffix);
  }
}

std::optional<std::string> readWholeFile(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// POSIX: modes. Windows: private_file_windows.cpp.
#ifndef _WIN32
namespace {

// Group and other permission bits: none of them on a private file or folder.
constexpr mode_t kOthersBits = 077;

std::string systemError(int error)
{
  return std::strerror(error);
}

} // namespace

bool makePrivateFolder(const std::string& dir, bool tighten)
{
  bool changed = false;
  std::filesystem::path partial;
  for (const auto& part : std::filesystem::path(dir)) {
    partial /= part;
    if (part.empty() || part == partial.root_path()) {
      continue;
    }
    if (::mkdir(partial.c_str(), 0700) == 0) {
      ::chmod(partial.c_str(), 0700); // whatever the umask
      changed = true;
    } else if (errno != EEXIST) {
      throw Error("Couldn't create the folder '" + partial.string() + "': " + systemError(errno) +
                  ". Check the permissions of the folder above it.");
    } else {
      changed = false; // only the last folder counts
    }
  }
  struct stat st
  {
  };
  if (::lstat(dir.c_str(), &st) != 0) {
    throw Error("Couldn't open the folder '" + dir + "': " + systemError(errno) + ".");
  }
  if (S_ISLNK(st.st_mode) && tighten) {
    throw Error("'" + dir + "' is a symbolic link; Pupitre keeps private data only in a real " +
                "folder. Remove the link or choose another folder.");
  }
  if (S_ISLNK(st.st_mode) && ::stat(dir.c_str(), &st) != 0) {
    throw Error("Couldn't open the folder '" + dir + "': " + systemError(errno) + ".");
  }
  if (!S_ISDIR(st.st_mode)) {
    throw Error("'" + dir + "' is not a folder; remove it or choose another place.");
  }
  if (!tighten || (st.st_mode & kOthersBits) == 0) {
    return changed;
  }
  if (st.st_uid != ::geteuid()) {
    throw Error("The folder '" + dir + "' belongs to another user (uid " +
                std::to_string(st.st_uid) + "); Pupitre will not keep private data there. " +
                "Remove it or choose another folder.");
  }
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  const bool ok = fd >= 0 && ::fchmod(fd, 0700) == 0;
  const int error = errno;
  if (fd >= 0) {
    ::close(fd);
  }
  if (!ok) {
    throw Error("Couldn't make the folder '" + dir + "' private (0700): " + systemError(error) +
                ".");
  }
  return true;
}

void makePrivateFile(const std::string& path)
{
  // By path only, never open and close an existing file: closing any descriptor of a file drops
  // the POSIX locks this process holds on it, SQLite's included.
  struct stat st
  {
  };
  if (::lstat(path.c_str(), &st) != 0) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::fchmod(fd, 0600); // whatever the umask
      ::close(fd);
      return;
    }
    if (errno != EEXIST || ::lstat(path.c_str(), &st) != 0) {
      throw Error("Couldn't create '" + path + "': " + systemError(errno) + ".");
    }
  }
  if (S_ISLNK(st.st_mode)) {
    throw Error("'" + path + "' is a symbolic link; Pupitre writes private data only to a " +
                "real file. Remove the link or choose another file.");
  }
  if (!S_ISREG(st.st_mode)) {
    throw Error("'" + path + "' is not a regular file; remove it or choose another file.");
  }
  if ((st.st_mode & kOthersBits) != 0 && ::chmod(path.c_str(), st.st_mode & 0700) != 0) {
    throw Error("Couldn't make '" + path + "' private (0600): " + systemError(errno) + ".");
  }
}

void tightenFileMode(const std::string& path) noexcept
{
  struct stat st
  {
  };
  if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & kOthersBits)) {
    ::chmod(path.c_str(), st.st_mode & 0700);
  }
}

void writePrivateFile(const std::string& path, const std::string& text)
{
  const std::string temporary = path + ".tmp";
  ::unlink(temporary.c_str());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw Error("Couldn't write '" + temporary + "': " + std::strerror(errno));
  }
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    throw Error("Couldn't write '" + path + "': " + std::strerror(ok ? errno : error));
  }
}
#endif // !_WIN32

} // namespace pupitre
