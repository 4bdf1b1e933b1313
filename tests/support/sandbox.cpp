#include "support/sandbox.h"

#include <cstdlib>
#include <random>
#include <system_error>

namespace pupitre::test {

Sandbox::Sandbox()
{
  std::random_device random;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("pupitre-test-" + std::to_string(random()));
    std::error_code error;
    if (std::filesystem::create_directory(candidate, error)) {
      m_dir = candidate;
      return;
    }
  }
  throw std::runtime_error("Couldn't create a temporary folder for the test");
}

Sandbox::~Sandbox()
{
  std::error_code error;
  std::filesystem::remove_all(m_dir, error);
}

std::string binDir()
{
  const char* dir = std::getenv("PUPITRE_BIN_DIR");
  return dir ? dir : ".";
}

} // namespace pupitre::test
