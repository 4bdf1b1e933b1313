#pragma once
// The processes of a sync benchmark: a real `pupitre-server serve` and real `pupitred`
// daemons on loopback, each daemon on its own database file, driven over the IPC client
// (shared/pupitre/ipc/client.h) exactly as pupitrectl and the app drive them.
#include "sync/child_process.h"

#include "pupitre/ipc/client.h"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace pupitre::bench {

// Where the programs under test are (the build's own by default).
struct Programs
{
  std::string server;
  std::string daemon;
};

// `pupitre-server serve --data DIR --port 0`, with accounts made by `pupitre-server user add`.
class SyncServer
{
public:
  // `serveOptions`: more options of `serve` (e.g. --database URL); `logName`: its log file in
  // the data folder (several nodes on one data folder each log to their own).
  SyncServer(const Programs& programs, std::filesystem::path dataDir,
             std::vector<std::string> serveOptions = {}, std::string logName = "server.log");
  ~SyncServer();

  // Before or after start(): `user add EMAIL --licence multi --devices N`.
  void addAccount(const std::string& email, const std::string& password, int devices);
  void start();
  void stop();
  std::uint16_t port() const { return m_port; }
  int pid() const { return m_process ? m_process->pid() : -1; }
  double cpuSeconds() const { return m_process ? m_process->cpuSeconds() : 0; }
  const std::filesystem::path& dataDir() const { return m_dataDir; }

private:
  Programs m_programs;
  std::filesystem::path m_dataDir;
  std::vector<std::string> m_serveOptions;
  std::string m_logName;
  std::unique_ptr<ChildProcess> m_process;
  std::uint16_t m_port = 0;
};

// What one sync looked like from the client's side.
struct SyncRun
{
  double seconds = 0;     // from the `sync` request to `sync.finished`
  double pushSeconds = 0; // from the request to the last push progress (0 when nothing sent)
  std::int64_t uploaded = 0;
  std::int64_t downloaded = 0; // changes applied (sync.finished)
  std::int64_t pulled = 0;     // writes and conflicts received (the last pull progress)
  std::int64_t conflicts = 0;
};

// `pupitred --db F --socket S --token-dir D --no-keyring`, and an IPC client subscribed to it.
class DeviceDaemon
{
public:
  DeviceDaemon(const Programs& programs, const std::filesystem::path& folder,
               const std::string& name);
  ~DeviceDaemon();

  const std::string& databasePath() const { return m_database; }
  int pid() const { return m_process->pid(); }
  std::int64_t peakRssKib() const { return m_process->peakRssKib(); }
  double cpuSeconds() const { return m_process->cpuSeconds(); }

  void login(const std::string& serverUrl, const std::string& email, const std::string& password);
  // Asks for a sync and waits for its end; throws std::runtime_error on sync.failed.
  SyncRun sync(std::chrono::seconds timeout = std::chrono::seconds(600));

private:
  using Event = std::pair<std::string, Poco::JSON::Object::Ptr>;
  std::optional<Event> nextEvent(std::chrono::steady_clock::time_point deadline);

  std::string m_name;
  std::string m_database;
  std::unique_ptr<ChildProcess> m_process;
  std::unique_ptr<ipc::IpcClient> m_client;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Event> m_events;
};

} // namespace pupitre::bench
