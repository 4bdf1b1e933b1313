#include "support/unzip.h"

#include <stdexcept>

#ifdef _WIN32
#include <Poco/Exception.h>
#include <Poco/StreamCopier.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <fstream>
#else
#include "support/process.h"
#endif

namespace pupitre::test {

#ifdef _WIN32
namespace {

template <typename Read> std::string readArchive(const std::string& zip, Read read)
{
  std::ifstream in(zip, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + zip);
  }
  try {
    const Poco::Zip::ZipArchive archive(in);
    return read(archive, in);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error(zip + " is not a readable ZIP file: " + e.displayText());
  }
}

} // namespace

std::string unzipEntry(const std::string& zip, const std::string& entry)
{
  return readArchive(zip, [&](const Poco::Zip::ZipArchive& archive, std::ifstream& in) {
    const auto header = archive.findHeader(entry);
    if (header == archive.headerEnd()) {
      throw std::runtime_error(zip + " has no entry " + entry);
    }
    Poco::Zip::ZipInputStream stream(in, header->second);
    std::string bytes;
    Poco::StreamCopier::copyToString(stream, bytes);
    return bytes;
  });
}

std::string zipEntryNames(const std::string& zip)
{
  return readArchive(zip, [](const Poco::Zip::ZipArchive& archive, std::ifstream&) {
    std::string names;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      names += it->first + "\n";
    }
    return names;
  });
}
#else
std::string unzipEntry(const std::string& zip, const std::string& entry)
{
  const auto result = runProcess("/usr/bin/unzip", {"-p", zip, entry});
  if (result.exitCode != 0) {
    throw std::runtime_error("unzip -p " + zip + " " + entry + " failed (" +
                             std::to_string(result.exitCode) + "): " + result.err);
  }
  return result.out;
}

std::string zipEntryNames(const std::string& zip)
{
  const auto result = runProcess("/usr/bin/unzip", {"-Z1", zip});
  if (result.exitCode != 0) {
    throw std::runtime_error("unzip -Z1 " + zip + " failed (" + std::to_string(result.exitCode) +
                             "): " + result.err);
  }
  return result.out;
}
#endif

} // namespace pupitre::test
