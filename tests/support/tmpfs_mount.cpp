#include "support/tmpfs_mount.h"

#include <sys/mount.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace pupitre::test {
namespace fs = std::filesystem;

namespace {

void mountTmpfs(const fs::path& folder, std::size_t bytes)
{
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
  if (::mount("tmpfs", folder.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    throw std::runtime_error("mount -t tmpfs on " + folder.string() +
                             " failed: " + std::strerror(errno));
  }
}

} // namespace

TmpfsMount::TmpfsMount(fs::path folder, std::size_t bytes)
    : m_folder(std::move(folder)), m_saved(m_folder.string() + ".outside-tmpfs")
{
  fs::create_directories(m_folder);
  fs::remove_all(m_saved);
  fs::rename(m_folder, m_saved);
  fs::create_directories(m_folder);
  try {
    mountTmpfs(m_folder, bytes);
  } catch (...) {
    fs::remove(m_folder);
    fs::rename(m_saved, m_folder);
    throw;
  }
  fs::copy(m_saved, m_folder, fs::copy_options::recursive);
}

TmpfsMount::~TmpfsMount()
{
  std::error_code error;
  fs::remove_all(m_saved, error);
  fs::create_directories(m_saved, error);
  fs::copy(m_folder, m_saved, fs::copy_options::recursive, error);
  if (::umount(m_folder.c_str()) != 0) {
    ::umount2(m_folder.c_str(), MNT_DETACH);
  }
  fs::remove_all(m_folder, error);
  fs::rename(m_saved, m_folder, error);
}

std::size_t TmpfsMount::fill(const std::string& name) const
{
  std::FILE* out = std::fopen((m_folder / name).c_str(), "wb");
  if (!out) {
    throw std::runtime_error("cannot create " + (m_folder / name).string());
  }
  std::array<char, 4096> block{};
  std::size_t written = 0;
  while (std::fwrite(block.data(), 1, block.size(), out) == block.size() && std::fflush(out) == 0) {
    written += block.size();
  }
  std::fclose(out);
  return written;
}

boost::test_tools::assertion_result tmpfsMountable(boost::unit_test::test_unit_id)
{
  boost::test_tools::assertion_result result(false);
  if (::geteuid() != 0) {
    result.message() << "needs root to mount a tmpfs";
    return result;
  }
  std::error_code error;
  const fs::path probe =
      fs::temp_directory_path() / ("pupitre-tmpfs-probe-" + std::to_string(::getpid()));
  fs::create_directories(probe, error);
  const bool mounted =
      ::mount("tmpfs", probe.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") == 0;
  const std::string why = mounted ? "" : std::strerror(errno);
  if (mounted) {
    ::umount(probe.c_str());
  }
  fs::remove(probe, error);
  result = boost::test_tools::assertion_result(mounted);
  result.message() << "this system does not let the tests mount a tmpfs (" << why << ")";
  return result;
}

} // namespace pupitre::test
