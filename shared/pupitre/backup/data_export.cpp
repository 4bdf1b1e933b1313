#include "pupitre/backup/data_export.h"

#include "pupitre/blobs/blob_store.h"
#include "pupitre/blobs/sha256.h"
#include "pupitre/private_file.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/store/database.h"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pupitre::backup {
namespace fs = std::filesystem;
namespace {

constexpr const char* kReadme =
    "Pupitre: all the data this device keeps of you\n"
    "\n"
    "pupitre-data.json   every class, student, assessment, mark, attendance record, journal\n"
    "                    entry, resource, term and final mark (the format of `pupitrectl export`)\n"
    "pictures/ID.jpg     the students' pictures present on this device, by student id\n"
    "resources/ID/NAME   the resource files present on this device, by resource id\n"
    "gradebooks/*.xlsx   each class's gradebook of the whole year, to open in a spreadsheet\n";

class PocoZip : public ZipWriter
{
public:
  explicit PocoZip(std::ostream& out) : m_zip(out, true) {}
  void addBytes(const std::string& name, const std::string& bytes) override
  {
    std::istringstream in(bytes);
    m_zip.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX));
  }
  void addFile(const std::string& name, const std::string& path) override
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw Error("Couldn't read '" + path + "' for the export: " + std::strerror(errno) + ".");
    }
    m_zip.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX));
  }
  void close() { m_zip.close(); }

private:
  Poco::Zip::Compress m_zip;
};

// A file name from a record, safe inside a ZIP: no folders, no control characters.
std::string safeName(std::string name)
{
  for (auto& c : name) {
    if (c == '/' || c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20) {
      c = '_';
    }
  }
  if (name.empty() || name == "." || name == "..") {
    name = "file";
  }
  return name;
}

} // namespace

DataExportResult exportAllData(store::Database& db, const std::string& output,
                               const ZipExtras& extras, const Progress& progress)
{
  DataExportResult result;
  result.path = output;
  const auto data = store::readLiveData(db);
  const blobs::BlobStore store(blobs::blobFolderFor(db.path()));
  const std::string temp = output + ".part";
  {
    makePrivateFile(temp);
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error("Couldn't write '" + output + "': " + std::strerror(errno) +
                  ". Choose a folder you may write to.");
    }
    try {
      PocoZip zip(out);
      zip.addBytes("README.txt", kReadme);
      zip.addBytes("pupitre-data.json", store::canonicalJson(data));
      std::int64_t done = 0;
      std::int64_t total = 0;
      const auto students = data.find("students");
      const auto resources = data.find("resources");
      total += students == data.end() ? 0 : static_cast<std::int64_t>(students->second.size());
      total += resources == data.end() ? 0 : static_cast<std::int64_t>(resources->second.size());
      if (students != data.end()) {
        for (const auto& row : students->second) {
          const std::string hash = row.text("picture");
          if (!hash.empty()) {
            if (blobs::isBlobHash(hash) && store.has(hash)) {
              zip.addFile("pictures/" + row.id + ".jpg", store.pathOf(hash).string());
              ++result.pictures;
            } else {
              ++result.missing;
            }
          }
          if (progress) {
            progress(++done, total);
          }
        }
      }
      if (resources != data.end()) {
        for (const auto& row : resources->second) {
          const std::string hash = row.text("blob_hash");
          if (blobs::isBlobHash(hash) && store.has(hash)) {
            zip.addFile("resources/" + row.id + "/" + safeName(row.text("file_name")),
                        store.pathOf(hash).string());
            ++result.resources;
          } else {
            ++result.missing;
          }
          if (progress) {
            progress(++done, total);
          }
        }
      }
      if (extras) {
        extras(db, zip);
      }
      zip.close();
    } catch (const Poco::Exception& e) {
      throw Error("Couldn't write '" + output + "': " + e.displayText() + ".");
    }
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      const int error = errno;
      if (error == ENOSPC) {
        throw DiskFull(output, "The disk is full: couldn't write '" + output +
                                   "'. Free some space (or choose another place) and try again.");
      }
      throw Error("Couldn't write '" + output + "': " + std::strerror(error) + ".");
    }
  }
  std::error_code error;
  fs::rename(temp, output, error);
  if (error) {
    fs::remove(temp, error);
    throw Error("Couldn't write '" + output + "': " + error.message() + ".");
  }
  return result;
}

} // namespace pupitre::backup
