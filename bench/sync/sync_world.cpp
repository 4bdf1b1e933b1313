#include "sync/sync_world.h"

#include "pupitre/ipc/protocol.h"

#include <stdexcept>

namespace pupitre::bench {
namespace {

using Clock = std::chrono::steady_clock;
using Poco::JSON::Object;

double secondsBetween(Clock::time_point a, Clock::time_point b)
{
  return std::chrono::duration<double>(b - a).count();
}

} // namespace

SyncServer::SyncServer(const Programs& programs, std::filesystem::path dataDir,
                       std::vector<std::string> serveOptions, std::string logName)
    : m_programs(programs), m_dataDir(std::move(dataDir)), m_serveOptions(std::move(serveOptions)),
      m_logName(std::move(logName))
{
  std::filesystem::create_directories(m_dataDir);
}

SyncServer::~SyncServer()
{
  stop();
}

void SyncServer::addAccount(const std::string& email, const std::string& password, int devices)
{
  runToCompletion(m_programs.server,
                  {"--data", m_dataDir.string(), "user", "add", email, "--licence", "multi",
                   "--devices", std::to_string(devices)},
                  (m_dataDir / "admin.log").string(), password + "\n");
}

void SyncServer::start()
{
  std::vector<std::string> args{"--data", m_dataDir.string(), "serve", "--port",
                                "0",      "--log-level",      "warn"};
  args.insert(args.end(), m_serveOptions.begin(), m_serveOptions.end());
  m_process =
      std::make_unique<ChildProcess>(m_programs.server, args, (m_dataDir / m_logName).string());
  const std::string line = m_process->waitForLine("listening on ");
  m_port = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
}

void SyncServer::stop()
{
  if (m_process) {
    m_process->stop();
    m_process.reset();
  }
}

DeviceDaemon::DeviceDaemon(const Programs& programs, const std::filesystem::path& folder,
                           const std::string& name)
    : m_name(name), m_database((folder / (name + ".db")).string())
{
  const std::string socket = (folder / (name + ".sock")).string();
  m_process = std::make_unique<ChildProcess>(
      programs.daemon,
      std::vector<std::string>{"--db", m_database, "--socket", socket, "--token-dir",
                               folder.string(), "--no-keyring"},
      (folder / (name + ".log")).string());
  m_process->waitForLine("pupitred: listening on ");
  m_client = std::make_unique<ipc::IpcClient>(socket);
  m_client->hello("bench_sync");
  m_client->setNotificationHandler([this](const std::string& method, const Object::Ptr& params) {
    std::lock_guard lock(m_mutex);
    m_events.emplace_back(method, params);
    m_changed.notify_all();
  });
  m_client->call(ipc::methods::kSubscribe);
}

DeviceDaemon::~DeviceDaemon()
{
  m_client.reset();
  m_process->stop();
}

void DeviceDaemon::login(const std::string& serverUrl, const std::string& email,
                         const std::string& password)
{
  Object::Ptr params = new Object;
  params->set("server", serverUrl);
  params->set("email", email);
  params->set("password", password);
  params->set("device_name", m_name);
  m_client->call(ipc::methods::kLogin, params);
}

std::optional<DeviceDaemon::Event> DeviceDaemon::nextEvent(Clock::time_point deadline)
{
  std::unique_lock lock(m_mutex);
  if (!m_changed.wait_until(lock, deadline, [this] { return !m_events.empty(); })) {
    return std::nullopt;
  }
  auto event = m_events.front();
  m_events.pop_front();
  return event;
}

SyncRun DeviceDaemon::sync(std::chrono::seconds timeout)
{
  namespace notifications = ipc::notifications;
  Object::Ptr params = new Object;
  params->set("data", true);
  const auto start = Clock::now();
  const auto deadline = start + timeout;
  const auto answer = m_client->callObject(ipc::methods::kSync, params);
  const std::string id = answer->getValue<std::string>("id");
  SyncRun run;
  for (;;) {
    const auto event = nextEvent(deadline);
    if (!event) {
      throw std::runtime_error(m_name + ": the sync did not end in time");
    }
    const auto& [method, details] = *event;
    if (!details || !details->has("id") || details->getValue<std::string>("id") != id) {
      continue;
    }
    if (method == notifications::kSyncProgress) {
      if (details->getValue<std::string>("stage") == "push" &&
          details->getValue<std::int64_t>("done") == details->getValue<std::int64_t>("total")) {
        run.pushSeconds = secondsBetween(start, Clock::now());
      }
      if (details->getValue<std::string>("stage") == "pull") {
        run.pulled = details->getValue<std::int64_t>("done");
      }
    } else if (method == notifications::kSyncFinished) {
      run.seconds = secondsBetween(start, Clock::now());
      run.uploaded = details->getValue<std::int64_t>("uploaded");
      run.downloaded = details->getValue<std::int64_t>("downloaded");
      run.conflicts = details->getValue<std::int64_t>("conflicts");
      return run;
    } else if (method == notifications::kSyncFailed) {
      throw std::runtime_error(m_name +
                               ": sync failed: " + details->optValue<std::string>("reason", "?"));
    }
  }
}

} // namespace pupitre::bench
