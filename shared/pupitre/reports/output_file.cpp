#include "pupitre/reports/output_file.h"

#include "pupitre/error.h"
#include "pupitre/uuid.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

namespace pupitre::reports {
namespace {

namespace fs = std::filesystem;

} // namespace

void throwWriteError(const std::string& path, const std::string& why)
{
  throw Error(Sentence{PUPITRE_TR("Cannot write the report to %1: %2. Choose a folder you can "
                                  "write to, with free space."),
                       {path, why}});
}

OutputFile::OutputFile(const std::string& destination) : m_destination(destination)
{
  if (destination.empty()) {
    throw ValidationError(Sentence{PUPITRE_TR("Say where to write the report (-o FILE)."), {}});
  }
  const fs::path target(destination);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    throwWriteError(destination, "it is a folder");
  }
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, ec)) {
    throwWriteError(destination, "the folder " + folder.string() + " does not exist");
  }
  m_temporary =
      (folder / ("." + target.filename().string() + "." + newUuid().substr(0, 8) + ".part"))
          .string();
  // Fails early, before the report is made, when the folder cannot be written.
  std::ofstream probe(m_temporary, std::ios::binary | std::ios::trunc);
  if (!probe) {
    throwWriteError(destination, "the folder cannot be written");
  }
}

OutputFile::~OutputFile()
{
  if (!m_committed && !m_temporary.empty()) {
    std::error_code ec;
    fs::remove(m_temporary, ec);
  }
}

void OutputFile::commit()
{
#ifndef _WIN32
  // On the disk before it takes the destination's name: a power cut never leaves an empty
  // file in place of the old one.
  const int fd = ::open(m_temporary.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) {
      ::close(fd);
    }
    throwWriteError(m_destination, std::strerror(error));
  }
  ::close(fd);
#endif
  std::error_code ec;
  fs::rename(m_temporary, m_destination, ec);
  if (ec) {
    throwWriteError(m_destination, ec.message());
  }
  m_committed = true;
}

} // namespace pupitre::reports
