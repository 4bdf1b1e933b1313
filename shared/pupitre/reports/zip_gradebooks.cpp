#include "pupitre/reports/zip_gradebooks.h"

#include "pupitre/model/classes.h"
#include "pupitre/reports/reports.h"

#include <filesystem>
#include <set>

namespace pupitre::reports {
namespace {

// A class name as a file name inside the ZIP: no folders, no characters Windows refuses,
// and unique ("4B", "4B (2)").
std::string fileName(std::string name, std::set<std::string>& taken)
{
  for (auto& c : name) {
    if (std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos ||
        static_cast<unsigned char>(c) < 0x20) {
      c = '_';
    }
  }
  if (name.empty() || name == "." || name == "..") {
    name = "class";
  }
  std::string unique = name;
  for (int n = 2; !taken.insert(unique).second; ++n) {
    unique = name + " (" + std::to_string(n) + ")";
  }
  return unique;
}

// A temporary file removed however the scope ends.
struct TempFile
{
  std::filesystem::path path;
  ~TempFile()
  {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

} // namespace

backup::ZipExtras gradebooksForZip(Language language)
{
  return [language = std::move(language)](store::Database& db, backup::ZipWriter& zip) {
    std::set<std::string> taken;
    for (const auto& schoolClass : model::Classes(db).list()) {
      // Beside the database: the same disk, private like it, never a shared /tmp.
      TempFile temp{std::filesystem::path(db.path()).parent_path() /
                    (".gradebook-" + schoolClass.id + ".xlsx.tmp")};
      writeGradebook(db, {.classId = schoolClass.id, .format = Format::Xlsx}, language,
                     temp.path.string());
      zip.addFile("gradebooks/" + fileName(schoolClass.name, taken) + ".xlsx", temp.path.string());
    }
  };
}

} // namespace pupitre::reports
