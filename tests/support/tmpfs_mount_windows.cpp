// Windows has no tmpfs: the full-disk tests that need one report themselves skipped there
// (tmpfsMountable says why), and a TmpfsMount cannot be made.
#include "support/tmpfs_mount.h"

#include <stdexcept>

namespace pupitre::test {

TmpfsMount::TmpfsMount(std::filesystem::path folder, std::size_t) : m_folder(std::move(folder))
{
  throw std::runtime_error("no tmpfs on Windows: cannot play a full disk on " + m_folder.string());
}

TmpfsMount::~TmpfsMount() = default;

std::size_t TmpfsMount::fill(const std::string&) const
{
  return 0;
}

boost::test_tools::assertion_result tmpfsMountable(boost::unit_test::test_unit_id)
{
  boost::test_tools::assertion_result result(false);
  result.message() << "Windows has no tmpfs to play a full disk with (the test runs on Linux)";
  return result;
}

} // namespace pupitre::test
