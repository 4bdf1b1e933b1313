#pragma once
// Where benchmarks keep their database files: a fresh folder under the system's temporary
// folder (or one the user names), removed at the end unless asked to keep it.
#include "pupitre/store/database.h"

#include <filesystem>
#include <optional>
#include <string>

namespace pupitre::bench {

class ScratchFolder
{
public:
  // `folder` empty: a new folder under the temporary folder, named after `prefix`.
  ScratchFolder(const std::string& prefix, const std::optional<std::string>& folder, bool keep);
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
  std::filesystem::path m_path;
  bool m_remove;
};

// Removes a database file with its -wal and -shm companions.
void removeDatabaseFiles(const std::string& path);

// A consistent page-for-page copy of `source` at `target` (SQLite's backup API), replacing
// any file there.
void copyDatabase(store::Database& source, const std::string& target);

} // namespace pupitre::bench
