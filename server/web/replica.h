#pragma once
// The account's web replica (docs/web.md, "The web replica"): the web version's edits are
// made on a replica of the account's data kept by the server, with the device schema (the
// same migrations a device runs), so that the web reuses the app's model (validation,
// averages, terms, conflicts, restore) instead of a second implementation. The replica has
// its own device id ("web-<uuid>", kept in its settings, stable across restarts) and stamps
// its edits with an HLC on the server's clock. It syncs in this process with the account's
// data through SyncService's replica entry points (no token, no device slot) and the real
// sync engine: before a read it pulls what is new (nothing when nothing is), after a write it
// pushes at once, so a web edit has its sequence number before the page is answered.
#include "pupitre/store/database.h"
#include "pupitre/sync/device_names.h"
#include "pupitre/sync/engine.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace pupitre::server {
class SyncService;
}

namespace pupitre::server::web {

// The replica's device id, in its settings.
inline constexpr const char* kWebDeviceSetting = "web.device_id";
// The account the replica holds ("<id>/<created at ms>"), in its settings: an account id used
// again after an erasure never opens the erased account's replica.
inline constexpr const char* kWebAccountSetting = "web.account";
using sync::kWebDevicePrefix; // device ids of web replicas start with it (device_names.h)

class WebReplica
{
public:
  // Opens (creating and migrating) the replica database at `path` for the account
  // `binding` ("<id>/<created at ms>"); a file of another account there is deleted first.
  WebReplica(SyncService& service, std::int64_t accountId, const std::string& path,
             const std::string& binding);

  store::Database& db() { return *m_db; }
  const std::string& deviceId() const { return m_db->deviceId(); }
  std::int64_t accountId() const { return m_accountId; }
  const std::string& binding() const { return m_binding; }

  // Brings in what the account's devices pushed since the last call, and sends what is
  // pending: nothing at all when the account did not change and nothing is pending.
  // Throws sync::ApiRefusal (licence), StoreError.
  void refresh();
  // Sends the replica's pending changes at once (after a write) and brings in what is new.
  void sync();
  // The account's data version the replica holds (its pull cursor).
  std::int64_t version();

private:
  SyncService& m_service;
  std::int64_t m_accountId;
  std::string m_binding;
  std::unique_ptr<store::Database> m_db;
};

// Deletes the replica database at `path` with its -wal and -shm files.
void removeReplicaFiles(const std::string& path);
// The replica file of the account in `folder` ("<folder>/<account id>.db").
std::string replicaPath(const std::string& folder, std::int64_t accountId);

// The open replicas, one per account, each used by one request at a time; at most `maxOpen`
// stay open (the least recently used idle ones are closed; they open again when needed).
class WebReplicas
{
public:
  // `folder` holds the replicas ("<account id>.db"); "" : a temporary folder removed at the
  // end (a server whose store lives in memory).
  WebReplicas(SyncService& service, std::string folder, std::size_t maxOpen = 32);
  ~WebReplicas();
  WebReplicas(const WebReplicas&) = delete;
  WebReplicas& operator=(const WebReplicas&) = delete;

  // Runs `work(replica)` with the account's replica, alone on it. Throws sync::ApiRefusal
  // when the account is gone or its licence does not sync.
  template <class Work> auto with(std::int64_t accountId, Work work)
  {
    const std::string binding = bindingOf(accountId);
    const auto slot = slotFor(accountId);
    std::lock_guard lock(slot->mutex);
    if (slot->replica && slot->replica->binding() != binding) {
      // The account was erased and its id given to a new one while the server ran.
      slot->replica.reset();
      removeReplicaFiles(replicaPath(m_folder, accountId));
    }
    if (!slot->replica) {
      slot->replica = open(accountId, binding);
    }
    return work(*slot->replica);
  }

  const std::string& folder() const { return m_folder; }
  // How many replicas are open now.
  std::size_t openCount();

private:
  struct Slot
  {
    std::mutex mutex; // held while a request uses the replica
    std::unique_ptr<WebReplica> replica;
    std::uint64_t lastUse = 0;
  };
  std::shared_ptr<Slot> slotFor(std::int64_t accountId);
  std::unique_ptr<WebReplica> open(std::int64_t accountId, const std::string& binding);
  std::string bindingOf(std::int64_t accountId);
  void closeIdle(std::int64_t keep);

  SyncService& m_service;
  std::string m_folder;
  bool m_temporary = false;
  std::size_t m_maxOpen;
  std::mutex m_mutex; // guards m_slots and m_uses
  std::map<std::int64_t, std::shared_ptr<Slot>> m_slots;
  std::uint64_t m_uses = 0;
};

} // namespace pupitre::server::web
