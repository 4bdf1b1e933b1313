#pragma once
// What a pupitrectl command runs with: the global options, the database and the connection
// to pupitred (each opened on first use) and the output stream.
#include "arguments.h"
#include "pupitre/ipc/client.h"
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

  // Connected and past the version handshake. Throws ipc::DaemonUnavailable.
  ipc::IpcClient& daemon()
  {
    if (!m_daemon) {
      m_daemon = std::make_unique<ipc::IpcClient>(global.socket);
      m_daemon->hello("pupitrectl");
    }
    return *m_daemon;
  }

private:
  std::unique_ptr<store::Database> m_db;
  std::unique_ptr<ipc::IpcClient> m_daemon;
};

} // namespace pupitre::ctl
