#pragma once
// "Export all my data" (docs/backups.md, "The teacher's own data"): one ZIP holding what this
// device keeps of the teacher — the canonical JSON of `pupitrectl export`, the students'
// pictures and the resource files present on the device, and whatever a front-end adds through
// the ZipExtras seam (the gradebooks as XLSX, written by the reports code).
#include "pupitre/backup/backup_file.h"

#include <functional>
#include <memory>
#include <string>

namespace pupitre::store {
class Database;
}

namespace pupitre::backup {

// Adds files to the ZIP being written.
class ZipWriter
{
public:
  virtual ~ZipWriter() = default;
  // `name` is the path inside the ZIP ("gradebooks/4B Maths.xlsx").
  virtual void addBytes(const std::string& name, const std::string& bytes) = 0;
  virtual void addFile(const std::string& name, const std::string& path) = 0;
};

// Called once, after the JSON and the blobs, to add more files (the gradebooks as XLSX:
// reports::gradebooksForZip, which the app and pupitrectl pass).
using ZipExtras = std::function<void(store::Database& db, ZipWriter& zip)>;

struct DataExportResult
{
  std::string path;
  std::int64_t pictures = 0;
  std::int64_t resources = 0;
  std::int64_t missing = 0; // pictures and files named by records but not on this device
};

// Writes the ZIP at `output` (through a temporary file and a rename, mode 0600). Inside:
// pupitre-data.json, pictures/STUDENT_ID.jpg, resources/RESOURCE_ID/FILE_NAME, README.txt.
// Throws pupitre::Error (DiskFull when the disk is full).
DataExportResult exportAllData(store::Database& db, const std::string& output,
                               const ZipExtras& extras = {}, const Progress& progress = {});

} // namespace pupitre::backup
