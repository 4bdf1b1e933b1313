#include "pupitre/store/database.h"
#include "pupitre/uuid.h"
#include "scenario.h"
#include "sim_server.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace pupitre::sim {
namespace {

constexpr std::int64_t kTemplateTimeMs = 1'790'000'000'000;

// The server commits with synchronous = FULL: on a disk every push waits for an fsync, which
// would make the run slow without testing anything more. A folder in memory when there is one
// (PUPITRE_SIM_DIR chooses another).
std::filesystem::path workspaceBase()
{
  if (const char* dir = std::getenv("PUPITRE_SIM_DIR"); dir && *dir) {
    return dir;
  }
  std::error_code error;
  if (std::filesystem::is_directory("/dev/shm", error)) {
    return "/dev/shm";
  }
  return std::filesystem::temp_directory_path();
}

void removeDatabase(const std::string& path)
{
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix);
  }
}

void copyDatabase(const std::string& from, const std::string& to)
{
  removeDatabase(to);
  if (std::filesystem::exists(from + "-wal")) {
    throw std::runtime_error("The simulation's template " + from + " was not closed cleanly.");
  }
  std::filesystem::copy_file(from, to);
}

} // namespace

SimWorkspace::SimWorkspace()
    : m_sandbox(workspaceBase()), m_serverTemplate(m_sandbox.path("template-server.db"))
{
  for (std::size_t slot = 0; slot < kDeviceSlots; ++slot) {
    const std::string path = m_sandbox.path("template-device-" + std::to_string(slot) + ".db");
    {
      store::Database db(path, [] { return kTemplateTimeMs; });
    }
    // Device ids break ties between equal clocks: they must not change from run to run.
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      SQLite::Statement update(db, "UPDATE replica SET device_id = ?");
      update.bind(1, nameUuid("sim-device|" + std::to_string(slot)));
      update.exec();
    }
    m_deviceTemplates.push_back(path);
    m_deviceIds.push_back(store::Database(path, [] { return kTemplateTimeMs; }).deviceId());
  }
  SimServer::createAccount(m_serverTemplate, kTemplateTimeMs);
}

std::string SimWorkspace::freshServer()
{
  const std::string path = m_sandbox.path("server.db");
  copyDatabase(m_serverTemplate, path);
  return path;
}

std::string SimWorkspace::freshDevice(std::size_t index, std::size_t slot)
{
  const std::string path = m_sandbox.path("device-" + std::to_string(index) + ".db");
  copyDatabase(m_deviceTemplates.at(slot), path);
  return path;
}

} // namespace pupitre::sim
