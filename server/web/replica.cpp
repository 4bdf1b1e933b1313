#include "server/web/replica.h"

#include "pupitre/error.h"
#include "pupitre/private_file.h"
#include "pupitre/sync/outbox.h"
#include "pupitre/uuid.h"
#include "server/log.h"
#include "server/service/sync_service.h"
#include "server/web/inprocess_transport.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace pupitre::server::web {
namespace {

std::int64_t cursorOf(store::Database& db)
{
  const auto text = db.setting(sync::settings::kCursor);
  return text && !text->empty() ? std::stoll(*text) : 0;
}

std::unique_ptr<store::Database> openDatabase(SyncService& service, const std::string& path,
                                              const std::string& binding)
{
  clock::WallClock wall = [&service] { return service.nowMs(); };
  auto db = std::make_unique<store::Database>(path, wall);
  const auto bound = db->setting(kWebAccountSetting);
  if (bound && *bound != binding) {
    // Another account's replica (an erased account whose id was given again): never shown.
    db.reset();
    removeReplicaFiles(path);
    db = std::make_unique<store::Database>(path, wall);
  }
  if (!bound || *bound != binding) {
    db->setSetting(kWebAccountSetting, binding);
  }
  if (db->setting(kWebDeviceSetting)) {
    return db;
  }
  // A new replica: its device id says it is the web version's (device_names.h), before it
  // stamps anything.
  const std::string id = kWebDevicePrefix + newUuid();
  {
    SQLite::Statement update(db->sql(), "UPDATE replica SET device_id = ?");
    update.bind(1, id);
    update.exec();
  }
  db->setSetting(kWebDeviceSetting, id);
  db.reset();
  return std::make_unique<store::Database>(path, wall);
}

} // namespace

void removeReplicaFiles(const std::string& path)
{
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code error;
    std::filesystem::remove(path + suffix, error);
    if (error) {
      throw StoreError("Couldn't delete " + path + suffix + ": " + error.message() +
                       ". Check the permissions of the data folder.");
    }
  }
}

std::string replicaPath(const std::string& folder, std::int64_t accountId)
{
  return (std::filesystem::path(folder) / (std::to_string(accountId) + ".db")).string();
}

WebReplica::WebReplica(SyncService& service, std::int64_t accountId, const std::string& path,
                       const std::string& binding)
    : m_service(service), m_accountId(accountId), m_binding(binding),
      m_db(openDatabase(service, path, binding))
{
}

std::int64_t WebReplica::version()
{
  return cursorOf(*m_db);
}

void WebReplica::refresh()
{
  if (m_service.dataVersion(m_accountId) == cursorOf(*m_db) && sync::pendingCount(*m_db) == 0) {
    return;
  }
  sync();
}

void WebReplica::sync()
{
  InProcessTransport transport(m_service, m_accountId, m_db->deviceId());
  sync::SyncOptions options;
  options.server = "in-process";
  options.prefetchPages = false;
  sync::SyncEngine(*m_db, transport, options).run();
}

WebReplicas::WebReplicas(SyncService& service, std::string folder, std::size_t maxOpen)
    : m_service(service), m_folder(std::move(folder)), m_maxOpen(std::max<std::size_t>(1, maxOpen))
{
  if (m_folder.empty()) {
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100 && m_folder.empty(); ++attempt) {
      const auto candidate = base / ("pupitre-web-" + newUuid().substr(0, 8));
      std::error_code error;
      if (std::filesystem::create_directory(candidate, error)) {
        m_folder = candidate.string();
        makePrivateFolder(m_folder, true);
      }
    }
    if (m_folder.empty()) {
      throw StoreError("Couldn't create a temporary folder for the web version's data in " +
                       base.string() + ". Check that it exists and is writable.");
    }
    m_temporary = true;
    return;
  }
  // Marks and names: a folder only the server's user may read (0700), files 0600
  // (store::Database), as the rest of the data folder.
  makePrivateFolder(m_folder, true);
}

WebReplicas::~WebReplicas()
{
  {
    std::lock_guard lock(m_mutex);
    for (auto& [id, slot] : m_slots) {
      std::lock_guard slotLock(slot->mutex);
      slot->replica.reset();
    }
  }
  if (m_temporary) {
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
  }
}

std::shared_ptr<WebReplicas::Slot> WebReplicas::slotFor(std::int64_t accountId)
{
  std::shared_ptr<Slot> slot;
  {
    std::lock_guard lock(m_mutex);
    auto& found = m_slots[accountId];
    if (!found) {
      found = std::make_shared<Slot>();
    }
    found->lastUse = ++m_uses;
    slot = found;
  }
  closeIdle(accountId);
  return slot;
}

std::unique_ptr<WebReplica> WebReplicas::open(std::int64_t accountId, const std::string& binding)
{
  return std::make_unique<WebReplica>(m_service, accountId, replicaPath(m_folder, accountId),
                                      binding);
}

std::string WebReplicas::bindingOf(std::int64_t accountId)
{
  const auto account = m_service.syncingAccount(accountId);
  if (!account) {
    throw sync::ApiRefusal(account.error());
  }
  return std::to_string(accountId) + "/" + std::to_string(account.value().createdAtMs);
}

std::size_t WebReplicas::openCount()
{
  std::lock_guard lock(m_mutex);
  std::size_t count = 0;
  for (auto& [id, slot] : m_slots) {
    std::unique_lock slotLock(slot->mutex, std::try_to_lock);
    count += !slotLock.owns_lock() || slot->replica ? 1 : 0;
  }
  return count;
}

void WebReplicas::closeIdle(std::int64_t keep)
{
  std::lock_guard lock(m_mutex);
  std::vector<std::pair<std::uint64_t, std::shared_ptr<Slot>>> open;
  for (auto& [id, slot] : m_slots) {
    if (id != keep) {
      std::unique_lock slotLock(slot->mutex, std::try_to_lock);
      if (slotLock.owns_lock() && slot->replica) {
        open.emplace_back(slot->lastUse, slot);
      }
    }
  }
  if (open.size() + 1 <= m_maxOpen) {
    return;
  }
  std::sort(open.begin(), open.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i + m_maxOpen < open.size() + 1; ++i) {
    std::unique_lock slotLock(open[i].second->mutex, std::try_to_lock);
    if (slotLock.owns_lock()) {
      open[i].second->replica.reset();
    }
  }
}

} // namespace pupitre::server::web
