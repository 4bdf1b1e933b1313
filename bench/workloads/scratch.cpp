#include "workloads/scratch.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>

#include <random>

namespace pupitre::bench {

ScratchFolder::ScratchFolder(const std::string& prefix, const std::optional<std::string>& folder,
                             bool keep)
    : m_remove(!keep && !folder)
{
  if (folder) {
    m_path = *folder;
  } else {
    std::random_device random;
    m_path = std::filesystem::temp_directory_path() /
             (prefix + "-" + std::to_string(random() % 1000000000u));
  }
  std::filesystem::create_directories(m_path);
  // Private, as pupitred requires of the folder of its socket (which the benchmarks put here).
  std::filesystem::permissions(m_path, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace);
}

ScratchFolder::~ScratchFolder()
{
  if (m_remove) {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
}

void removeDatabaseFiles(const std::string& path)
{
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix);
  }
}

void copyDatabase(store::Database& source, const std::string& target)
{
  removeDatabaseFiles(target);
  // Page for page (the backup API), so the copy has the source's layout: VACUUM INTO would
  // pack every page full and make the first edits split pages the source would not.
  SQLite::Database copy(target, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  SQLite::Backup backup(copy, source.sql());
  backup.executeStep(-1);
}

} // namespace pupitre::bench
