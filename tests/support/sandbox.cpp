#include "support/sandbox.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <system_error>

namespace pupitre::test {

void writeFile(const std::string& path, const std::string& bytes)
{
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readFile(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Sandbox::Sandbox() : Sandbox(std::filesystem::temp_directory_path()) {}

Sandbox::Sandbox(const std::filesystem::path& base)
{
  std::random_device random;
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
