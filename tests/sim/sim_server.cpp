#include "sim_server.h"

#include "pupitre/error.h"
#include "server/service/licence.h"
#include "server/service/passwords.h"
#include "server/sync/account_export.h"

#include <SQLiteCpp/Database.h>

namespace pupitre::sim {
namespace {

constexpr std::int64_t kDevices = 5;

} // namespace

SimServer::SimServer(std::string path, clock::WallClock clock, std::int64_t maxClockAheadMs,
                     std::size_t maxTextBytes)
    : m_path(std::move(path)), m_clock(std::move(clock)), m_maxClockAheadMs(maxClockAheadMs),
      m_maxTextBytes(maxTextBytes)
{
  open();
}

void SimServer::createAccount(const std::string& path, std::int64_t nowMs)
{
  server::SqliteServerStore store(path);
  server::NewAccount account;
  account.email = kEmail;
  account.passwordHash = "not-used-by-the-simulation";
  account.licence = server::licence::kMulti;
  account.maxDevices = kDevices;
  account.storageQuota = server::licence::kDefaultStorageQuota;
  account.createdAtMs = nowMs;
  if (!store.createAccount(account)) {
    throw Error(std::string("The simulation's account ") + kEmail + " exists already in " + path +
                ".");
  }
}

sync::ServerLimits SimServer::limits() const
{
  sync::ServerLimits limits;
  limits.maxTextBytes = m_maxTextBytes;
  return limits;
}

void SimServer::open()
{
  m_service.reset();
  m_store.reset();
  m_store = std::make_unique<server::SqliteServerStore>(m_path);
  m_service = std::make_unique<server::SyncService>(
      *m_store, server::SyncServiceOptions{.clock = m_clock,
                                           .maxClockAheadMs = m_maxClockAheadMs,
                                           .maxTextBytes = m_maxTextBytes});
  const auto account = m_store->findAccount(kEmail);
  if (!account) {
    throw Error("The simulation's server " + m_path + " has no account " + kEmail + ".");
  }
  m_accountId = account->id;
}

void SimServer::restart()
{
  open();
}

bool SimServer::linkDevice(const std::string& deviceId, const std::string& token)
{
  return m_store->linkDevice(m_accountId, deviceId, "Device " + deviceId, server::tokenHash(token),
                             kDevices, m_clock()) == server::LinkResult::Linked;
}

std::string SimServer::exportJson()
{
  return server::accountCanonicalJson(*m_store, m_accountId);
}

std::vector<sync::Conflict> SimServer::conflicts()
{
  std::vector<sync::Conflict> all;
  for (auto& stored : m_store->readAfter(m_accountId, 0, 1'000'000, {}).conflicts) {
    all.push_back(std::move(stored.conflict));
  }
  return all;
}

std::string SimServer::integrityCheck()
{
  SQLite::Database db(m_path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA integrity_check").getString();
}

} // namespace pupitre::sim
