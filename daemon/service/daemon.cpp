#include "daemon.h"

#include "effective_settings.h"
#include "ipc_methods.h"
#include "token_store.h"

#include "pupitre/ipc/channel.h"
#include "pupitre/ipc/protocol.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Environment.h>
#include <Poco/JSON/Array.h>
#include <Poco/Timestamp.h>
#include <spdlog/spdlog.h>

#include <filesystem>

namespace pupitre::daemon {
namespace {

using Poco::Dynamic::Var;

Var isoTime(std::optional<std::int64_t> ms)
{
  if (!ms) {
    return {};
  }
  return Poco::DateTimeFormatter::format(Poco::Timestamp(*ms * 1000),
                                         Poco::DateTimeFormat::ISO8601_FORMAT);
}

Var textOrNull(const std::string& text)
{
  return text.empty() ? Var() : Var(text);
}

} // namespace

Daemon::Daemon(DaemonOptions options, std::shared_ptr<spdlog::logger> log)
    : m_options(std::move(options)), m_log(std::move(log))
{
}

Daemon::~Daemon()
{
  stop();
}

std::string Daemon::endpoint() const
{
  return m_server ? m_server->address() : m_options.endpoint;
}

void Daemon::start()
{
  m_db = std::make_unique<SharedDatabase>(m_options.database);
  const std::filesystem::path database(m_options.database);
  const std::filesystem::path tokenFolder = m_options.tokenFolder.empty()
                                                ? database.parent_path()
                                                : std::filesystem::path(m_options.tokenFolder);
  auto tokenFile = std::make_unique<FileTokenStore>(
      (tokenFolder / (database.stem().string() + ".device-token")).string());
  auto keyring =
      m_options.keyring ? openKeyring(m_options.database, m_db->deviceId(), m_log) : nullptr;
  m_account = std::make_unique<Account>(
      *m_db, std::make_unique<DeviceTokenStore>(std::move(keyring), std::move(tokenFile), m_log),
      m_options.transports, m_log);
  m_account->load();
  m_account->setChangedHandler([this] { accountChanged(); });
  m_runner = std::make_unique<SyncRunner>(
      m_options.database, *m_db, *m_account, m_options.transports, m_options.tls,
      [this](const std::string& method, const Poco::JSON::Object::Ptr& params) {
        notify(method, params);
      },
      m_log, m_options.wallClock);
  m_runner->setPolicy(m_options.policy);
  m_keeper = std::make_unique<RetentionKeeper>(
      m_options.database, *m_db, *m_account,
      [this](const std::string& method, const Poco::JSON::Object::Ptr& params) {
        notify(method, params);
      },
      m_log);
  // Listening first: a second pupitred on the same socket stops here, before it syncs.
  m_server = std::make_unique<ipc::IpcServer>(ipc::listen(m_options.endpoint, m_log),
                                              daemonMethods(*this), m_log);
  m_runner->start();
  m_keeper->start();
  m_server->start();
  m_started = true;
  const auto view = m_account->view();
  m_log->info("pupitred serves {} on {} ({})", m_options.database, m_server->address(),
              view.signedIn ? "signed in as " + view.email + " at " + view.server
                            : "not signed in");
}

void Daemon::stop()
{
  if (!m_started) {
    return;
  }
  m_started = false;
  m_server->stop();
  m_keeper->stop();
  m_runner->stop();
  m_log->info("pupitred stopped");
}

void Daemon::notify(const std::string& method, const Poco::JSON::Object::Ptr& params)
{
  if (m_server) {
    m_server->notify(method, params);
  }
}

void Daemon::accountChanged()
{
  m_runner->accountChanged();
  const auto view = m_account->view();
  Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
  params->set("signed_in", view.signedIn);
  params->set("email", textOrNull(view.email));
  params->set("server", textOrNull(view.server));
  notify(ipc::notifications::kLoginChanged, params);
}

Poco::JSON::Object::Ptr Daemon::status()
{
  const AccountView view = m_account->view();
  const SyncState sync = m_runner->snapshot();
  Poco::JSON::Object::Ptr status = new Poco::JSON::Object;
  status->set("signed_in", view.signedIn);
  status->set("email", textOrNull(view.email));
  status->set("server", textOrNull(view.server));
  status->set("licence", textOrNull(view.licence));
  status->set("device_id", m_db->deviceId());
  status->set("device_name", m_account->deviceName(Poco::Environment::nodeName()));
  status->set("device_name_pending",
              m_db->setting(settings::kDeviceNamePending).value_or("") == "1");
  status->set("database", m_db->path());
  status->set("token_storage", textOrNull(view.tokenStorage));
  status->set("state", sync.state);
  status->set("state_reason", textOrNull(sync.reason));
  status->set("sync_id", textOrNull(sync.runningId));
  status->set("last_sync", isoTime(sync.lastSyncMs));
  status->set("next_sync", isoTime(sync.nextSyncMs));
  status->set("schedule_minutes", sync.scheduleMinutes ? Var(*sync.scheduleMinutes) : Var());
  status->set("pending", m_db->pendingCount());
  Poco::JSON::Array::Ptr held = new Poco::JSON::Array;
  for (const auto& record : m_db->heldRecords()) {
    held->add(heldRecordJson(record));
  }
  status->set("held", held);
  // The account's storage as the server last told it (sign-in, devices, a blob sync).
  const auto used = m_db->intSetting(settings::kStorageUsed);
  const auto quota = m_db->intSetting(settings::kStorageQuota);
  status->set("storage_used", used ? Var(*used) : Var());
  status->set("storage_quota", quota ? Var(*quota) : Var());
  status->set("storage_warning", used && quota && *quota > 0 && *used * 5 >= *quota * 4);
  // The settings that apply (the school's policy over this device's choices) and the ones
  // the teacher cannot change.
  const auto effective = effectiveSettings(m_options.policy, *m_db);
  status->set("settings", settingsJson(effective));
  Poco::JSON::Array::Ptr locked = new Poco::JSON::Array;
  for (const auto& key : effective.locked) {
    locked->add(key);
  }
  status->set("locked", locked);
  status->set("policy", textOrNull(m_options.policy.origin));
  return status;
}

} // namespace pupitre::daemon
