#pragma once
// pupitred's core, without the process around it: the database, the sign-in, the sync
// worker, the retention keeper and the IPC server, built and started in that order and
// stopped in reverse.
#include "account.h"
#include "retention_keeper.h"
#include "shared_database.h"
#include "sync_runner.h"

#include "pupitre/ipc/server.h"
#include "pupitre/policy/policy.h"

#include <Poco/JSON/Object.h>

#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace pupitre::daemon {

struct DaemonOptions
{
  std::string database; // the database file (absolute)
  std::string endpoint; // the socket (or, on Windows, the endpoint file)
  std::string
      tokenFolder; // where the token file goes without a keyring; default: the database's folder
  bool keyring = true; // keep the token in the desktop keyring when one is reachable
  net::TlsTrust tls;   // HTTPS: certificate authorities trusted besides the system's (--ca-file)
  TransportFactory transports = httpTransports();
  clock::WallClock wallClock = clock::systemWallClock(); // when syncs are due
  policy::Policy policy; // the school's (pupitre/policy/policy.h); default: none
};

class Daemon
{
public:
  Daemon(DaemonOptions options, std::shared_ptr<spdlog::logger> log);
  ~Daemon(); // stops
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Throws Error when the database cannot be opened or another pupitred serves the endpoint.
  void start();
  void stop();

  const DaemonOptions& options() const { return m_options; }
  std::string endpoint() const;
  // STATUS (docs/ipc-protocol.md).
  Poco::JSON::Object::Ptr status();
  Account& account() { return *m_account; }
  SyncRunner& runner() { return *m_runner; }
  RetentionKeeper& retention() { return *m_keeper; }
  const std::string& deviceId() const { return m_db->deviceId(); }

private:
  void notify(const std::string& method, const Poco::JSON::Object::Ptr& params);
  void accountChanged();

  DaemonOptions m_options;
  std::shared_ptr<spdlog::logger> m_log;
  std::unique_ptr<SharedDatabase> m_db;
  std::unique_ptr<Account> m_account;
  std::unique_ptr<SyncRunner> m_runner;
  std::unique_ptr<RetentionKeeper> m_keeper;
  std::unique_ptr<ipc::IpcServer> m_server;
  bool m_started = false;
};

} // namespace pupitre::daemon
