#pragma once
// A small RAM file system (tmpfs) mounted over a folder for the length of a test, to play a
// full disk for real (Linux, as root). The folder's files are carried over into it at mount
// and back out at unmount, so a server's data folder can move onto it while the server is
// stopped.
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <filesystem>
#include <string>

namespace pupitre::test {

class TmpfsMount
{
public:
  // Mounts a tmpfs of `bytes` over `folder` (created if missing), with its files. Throws
  // std::runtime_error when the system refuses.
  TmpfsMount(std::filesystem::path folder, std::size_t bytes);
  ~TmpfsMount(); // copies the files back out and unmounts (lazily if still busy)
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

  // Writes a file `name` in the folder until the file system is full; returns its size.
  std::size_t fill(const std::string& name = "filler.bin") const;

private:
  std::filesystem::path m_folder;
  std::filesystem::path m_saved; // the folder's files while it is mounted over
};

// For boost::unit_test::precondition: holds when a tmpfs can be mounted here (root, and a
// system that lets it: a container may not).
boost::test_tools::assertion_result tmpfsMountable(boost::unit_test::test_unit_id);

} // namespace pupitre::test
