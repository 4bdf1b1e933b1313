#include "retention_keeper.h"

#include "pupitre/blobs/blob_store.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/sync/protocol.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

namespace pupitre::daemon {

std::chrono::milliseconds retentionSweepInterval(std::int64_t retentionMs)
{
  constexpr std::int64_t kHourMs = 3600 * 1000;
  return std::chrono::milliseconds(
      retentionMs <= 0 ? kHourMs : std::clamp<std::int64_t>(retentionMs / 10, 1000, kHourMs));
}

RetentionKeeper::RetentionKeeper(std::string databasePath, SharedDatabase& db, Account& account,
                                 Notify notify, std::shared_ptr<spdlog::logger> log,
                                 clock::WallClock wallClock)
    : m_databasePath(std::move(databasePath)), m_db(db), m_account(account),
      m_notify(std::move(notify)), m_log(std::move(log)), m_wallClock(std::move(wallClock))
{
}

RetentionKeeper::~RetentionKeeper()
{
  stop();
}

void RetentionKeeper::start()
{
  m_thread = std::thread([this] { loop(); });
}

void RetentionKeeper::stop()
{
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

std::int64_t RetentionKeeper::retentionMs()
{
  return m_db.intSetting(settings::kRetentionMs).value_or(sync::kDefaultRetentionMs);
}

sync::LocalPurge RetentionKeeper::sweep()
{
  const AccountView account = m_account.view();
  if (account.signedIn && account.licence != "single") {
    return {}; // it syncs: the server's erasure comes with its pulls
  }
  const std::int64_t retention = retentionMs();
  if (retention <= 0) {
    return {};
  }
  if (!m_ownDb) {
    m_ownDb = std::make_unique<store::Database>(m_databasePath, m_wallClock);
  }
  auto purged = sync::purgeDeletedValues(*m_ownDb, m_ownDb->correctedWallMs() - retention);
  if (purged.rows == 0) {
    return purged;
  }
  blobs::BlobStore files(blobs::blobFolderFor(m_databasePath));
  for (const auto& hash : purged.unreferencedBlobs) {
    files.remove(hash);
    std::error_code ignored; // a thumbnail is only made when a picture is shown
    std::filesystem::remove(files.root() / "thumbnails" / (hash + ".jpg"), ignored);
  }
  constexpr std::int64_t kDayMs = 24 * 3600 * 1000;
  const std::string age = retention >= kDayMs ? std::to_string(retention / kDayMs) + " days"
                                              : std::to_string(retention / 1000) + " s";
  m_log->info("Retention: the values of {} records deleted more than {} ago were erased on "
              "this device ({} files removed)",
              purged.rows, age, purged.unreferencedBlobs.size());
  Poco::JSON::Object::Ptr changed = new Poco::JSON::Object;
  changed->set("downloaded", 0);
  changed->set("conflicts", 0);
  changed->set("erased", purged.rows);
  m_notify(ipc::notifications::kDataChanged, changed);
  return purged;
}

void RetentionKeeper::loop()
{
  // The interval follows the retention, which a sign-in may change: looked at every second.
  std::optional<std::chrono::steady_clock::time_point> last;
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    lock.unlock();
    try {
      const auto now = std::chrono::steady_clock::now();
      if (!last || now - *last >= retentionSweepInterval(retentionMs())) {
        last = now;
        sweep();
      }
    } catch (const std::exception& e) {
      m_log->error("Retention: erasing deleted records' values on this device failed: {}",
                   e.what());
      m_ownDb.reset(); // reopened for the next pass
    }
    lock.lock();
    m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping; });
  }
}

} // namespace pupitre::daemon
