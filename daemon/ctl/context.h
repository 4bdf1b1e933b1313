#pragma once
// What a pupitrectl command runs with: the global options, the database (opened on first
// use) and the output stream.
#include "arguments.h"
#include "pupitre/paths.h"
#include "pupitre/store/database.h"

#include <filesystem>
#include <iostream>
#include <memory>

namespace pupitre::ctl {

struct Context
{
  GlobalOptions global;
  std::ostream& out = std::cout;

  store::Database& db()
  {
    if (!m_db) {
      std::string path = global.db.empty() ? paths::defaultDatabase() : global.db;
      if (global.db.empty()) {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
      }
      m_db = std::make_unique<store::Database>(path);
    }
    return *m_db;
  }

private:
  std::unique_ptr<store::Database> m_db;
};

} // namespace pupitre::ctl
