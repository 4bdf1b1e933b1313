#include "sync/daemon_link.h"

#include "sync/daemon_launcher.h"
#include "sync/daemon_replies.h"

#include "pupitre/ipc/client.h"
#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"

#include <wx/intl.h>
#include <wx/log.h>
#include <wx/stdpaths.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

wxDEFINE_EVENT(pupitre::gui::EVT_DAEMON_STATUS, wxCommandEvent);
wxDEFINE_EVENT(pupitre::gui::EVT_DAEMON_SYNC, wxCommandEvent);
wxDEFINE_EVENT(pupitre::gui::EVT_DAEMON_DATA_CHANGED, wxCommandEvent);

namespace pupitre::gui {
namespace {

using Poco::JSON::Object;
namespace methods = ipc::methods;
namespace notifications = ipc::notifications;

// Signing in, signing out and the device list wait for the server (10 s to connect, 120 s to
// answer, as pupitrectl allows).
constexpr std::chrono::seconds kServerCallTimeout{180};
// The server builds a whole account's export at once: a large one takes a while.
constexpr std::chrono::seconds kExportCallTimeout{600};
constexpr std::chrono::milliseconds kConnectTimeout{1000};
constexpr std::chrono::milliseconds kFirstRetry{250};
constexpr std::chrono::milliseconds kLongestRetry{10000};
// Finished syncs remembered for a `done` whose answer arrives after the sync ended.
constexpr std::size_t kEndedSyncsKept = 16;
// How long closing the app waits for a request in flight before leaving it behind.
constexpr std::chrono::milliseconds kStopWait{1500};

std::string text(const Object::Ptr& object, const std::string& key)
{
  return object && object->has(key) && !object->isNull(key) ? object->get(key).toString()
                                                            : std::string();
}

std::int64_t count(const Object::Ptr& object, const std::string& key)
{
  try {
    return object && object->has(key) && !object->isNull(key)
               ? object->get(key).convert<std::int64_t>()
               : 0;
  } catch (const Poco::Exception&) {
    return 0;
  }
}

// sync.finished's "pictures"/"resources" stages and "warnings" (ipc-protocol.md).
void readBlobResults(const Object::Ptr& params, SyncReport& report)
{
  for (const char* stage : {"pictures", "resources"}) {
    if (const auto figures = params ? params->getObject(stage) : nullptr) {
      report.filesSent += count(figures, "uploaded");
      report.filesReceived += count(figures, "downloaded");
    }
  }
  const auto warnings = params ? params->getArray("warnings") : nullptr;
  for (std::size_t i = 0; warnings && i < warnings->size(); ++i) {
    report.warnings.push_back(warnings->getElement<std::string>(static_cast<unsigned>(i)));
  }
}

} // namespace

struct DaemonLink::Impl
{
  // A request run on the worker; `fail` is called instead when the daemon cannot be reached.
  struct Job
  {
    std::function<void(ipc::IpcClient&)> run;
    std::function<void(const std::string& error)> fail;
  };

  Impl(DaemonLink& link, std::string socketPath, std::string databasePath, std::string program)
      : owner(link), socket(std::move(socketPath)), database(std::move(databasePath)),
        daemonProgram(
            findDaemonProgram(program, wxStandardPaths::Get().GetExecutablePath().utf8_string()))
  {
  }

  // Stops the worker. A request waiting on the daemon (a sign-in can take minutes) is not
  // waited for: after kStopWait the worker is left to finish alone and delete this Impl
  // itself; false then, and the caller must not delete it.
  bool stop()
  {
    std::unique_lock lock(mutex);
    stopping = true;
    alive = false; // nothing more reaches the GUI thread
    wake.notify_all();
    if (!worker.joinable()) {
      return true;
    }
    finishedCondition.wait_for(lock, kStopWait, [this] { return finished; });
    if (finished) {
      lock.unlock();
      worker.join();
      return true;
    }
    orphaned = true;
    worker.detach();
    return false;
  }

  // Runs `work` on the GUI thread, unless the link is being destroyed.
  void post(std::function<void()> work)
  {
    std::lock_guard lock(mutex);
    if (alive) {
      owner.CallAfter(std::move(work));
    }
  }

  // --- GUI thread --------------------------------------------------------------------------

  void fire(const wxEventType& type)
  {
    wxCommandEvent event(type);
    event.SetEventObject(&owner);
    owner.ProcessEvent(event);
  }

  void setStatus(DaemonStatus next)
  {
    next.storageUsed = next.storageUsed ? next.storageUsed : status.storageUsed;
    next.storageQuota = next.storageQuota ? next.storageQuota : status.storageQuota;
    if (!next.reachable || !next.signedIn) {
      next.storageUsed.reset();
      next.storageQuota.reset();
    }
    status = std::move(next);
    fire(EVT_DAEMON_STATUS);
  }

  void syncEnded(const std::string& id, const std::string& error)
  {
    endedSyncs.emplace_back(id, error);
    if (endedSyncs.size() > kEndedSyncsKept) {
      endedSyncs.pop_front();
    }
    auto [first, last] = syncWaiters.equal_range(id);
    std::vector<Done> waiting;
    for (auto it = first; it != last; ++it) {
      waiting.push_back(it->second);
    }
    syncWaiters.erase(first, last);
    for (auto& done : waiting) {
      done(error);
    }
  }

  void waitForSync(const std::string& id, Done done)
  {
    if (!done) {
      return;
    }
    for (const auto& [ended, error] : endedSyncs) {
      if (ended == id) {
        done(error);
        return;
      }
    }
    syncWaiters.emplace(id, std::move(done));
  }

  // The daemon went away with syncs in flight: they end here, as failed.
  void daemonLost(const std::string& why)
  {
    if (!report.finished && !report.failed && !runningSyncId.empty()) {
      report.failed = true;
      report.failure = why;
      fire(EVT_DAEMON_SYNC);
    }
    runningSyncId.clear();
    auto waiting = std::move(syncWaiters);
    syncWaiters.clear();
    for (auto& [id, done] : waiting) {
      done(why);
    }
  }

  void onNotification(const std::string& method, const Object::Ptr& params)
  {
    if (method == notifications::kSyncStarted) {
      runningSyncId = text(params, "id");
      report = SyncReport{};
      status.state = ipc::states::kSyncing;
      status.reason.clear();
      fire(EVT_DAEMON_SYNC);
      fire(EVT_DAEMON_STATUS);
    } else if (method == notifications::kSyncProgress) {
      report.stage = text(params, "stage");
      report.done = count(params, "done");
      report.total = count(params, "total");
      fire(EVT_DAEMON_SYNC);
    } else if (method == notifications::kSyncFinished) {
      report.finished = true;
      report.uploaded = count(params, "uploaded");
      report.downloaded = count(params, "downloaded");
      report.conflicts = count(params, "conflicts");
      readBlobResults(params, report);
      spdlog::info("Sync finished: {} sent, {} received, {} conflicts", report.uploaded,
                   report.downloaded, report.conflicts);
      runningSyncId.clear();
      fire(EVT_DAEMON_SYNC);
      syncEnded(text(params, "id"), {});
      refreshStatus();
    } else if (method == notifications::kSyncFailed) {
      report.failed = true;
      report.failure = syncFailureText(text(params, "code"), text(params, "reason"));
      spdlog::warn("Sync failed: {}", report.failure);
      runningSyncId.clear();
      fire(EVT_DAEMON_SYNC);
      syncEnded(text(params, "id"), report.failure);
      refreshStatus();
    } else if (method == notifications::kDataChanged) {
      fire(EVT_DAEMON_DATA_CHANGED);
    } else if (method == notifications::kStateChanged) {
      status.state = text(params, "state");
      status.reason = text(params, "reason");
      fire(EVT_DAEMON_STATUS);
      refreshStatus();
    } else if (method == notifications::kLoginChanged) {
      status.signedIn = params && params->optValue<bool>("signed_in", false);
      fire(EVT_DAEMON_STATUS);
      refreshStatus();
    }
  }

  // --- any thread ----------------------------------------------------------------------------

  void enqueue(Job job)
  {
    {
      std::lock_guard lock(mutex);
      jobs.push_back(std::move(job));
    }
    wake.notify_all();
  }

  void refreshStatus()
  {
    enqueue({[this](ipc::IpcClient& client) {
               const auto json = client.callObject(methods::kStatus);
               post([this, json] {
                 DaemonStatus next = status;
                 readStatus(json, next);
                 setStatus(std::move(next));
               });
             },
             [](const std::string&) {}});
  }

  // --- worker thread -------------------------------------------------------------------------

  bool stopRequested()
  {
    std::lock_guard lock(mutex);
    return stopping;
  }

  void failQueued(const std::string& why)
  {
    std::deque<Job> failed;
    {
      std::lock_guard lock(mutex);
      failed.swap(jobs);
    }
    for (auto& job : failed) {
      if (job.fail) {
        job.fail(why);
      }
    }
  }

  // Waits `delay` unless a request or stop() comes first.
  void pause(std::chrono::milliseconds delay)
  {
    std::unique_lock lock(mutex);
    wake.wait_for(lock, delay, [this] { return stopping || !jobs.empty(); });
  }

  void connect()
  {
    auto opened = std::make_unique<ipc::IpcClient>(socket, kConnectTimeout);
    opened->setNotificationHandler([this](const std::string& method, const Object::Ptr& params) {
      post([this, method, params] { onNotification(method, params); });
    });
    const std::string daemon = opened->hello("pupitre");
    opened->call(methods::kSubscribe);
    const auto json = opened->callObject(methods::kStatus);
    connection = std::move(opened);
    spdlog::info("Linked to {} at {}", daemon, connection->endpoint());
    post([this, json] {
      DaemonStatus next = status;
      readStatus(json, next);
      setStatus(std::move(next));
    });
  }

  void reportUnreachable(const std::string& why)
  {
    post([this, why] {
      daemonLost(why);
      if (status.reachable || status.reason != why || !announcedUnreachable) {
        announcedUnreachable = true;
        DaemonStatus next;
        next.reachable = false;
        next.reason = why;
        setStatus(std::move(next));
      }
    });
  }

  void run()
  {
    auto retry = kFirstRetry;
    bool launched = false;
    while (!stopRequested()) {
      if (!connection || !connection->connected()) {
        const bool wasConnected = connection != nullptr;
        connection.reset();
        try {
          connect();
          retry = kFirstRetry;
          launched = false;
          continue;
        } catch (const std::exception& e) {
          connection.reset();
          const std::string why = requestFailureText(e);
          if (wasConnected || retry == kFirstRetry) {
            reportUnreachable(why);
          }
          failQueued(why);
          if (startDaemon && !launched) {
            launched = true;
            const auto problem = launchDaemon(daemonProgram, database, socket);
            if (!problem.empty()) {
              wxLogDebug("Pupitre could not start the sync daemon: %s",
                         wxString::FromUTF8(problem));
            }
          }
          pause(retry);
          retry = std::min(retry * 2, kLongestRetry);
          continue;
        }
      }
      std::optional<Job> job;
      {
        std::unique_lock lock(mutex);
        wake.wait_for(lock, std::chrono::milliseconds(500),
                      [this] { return stopping || !jobs.empty(); });
        if (stopping) {
          break;
        }
        if (!jobs.empty()) {
          job = std::move(jobs.front());
          jobs.pop_front();
        }
      }
      if (!job) {
        continue;
      }
      try {
        job->run(*connection);
      } catch (const std::exception& e) {
        if (job->fail) {
          job->fail(requestFailureText(e, lastEmail()));
        }
      }
    }
    connection.reset();
  }

  // The worker thread's body: run(), then tell stop() or, when stop() gave up waiting,
  // delete this Impl.
  void workerMain()
  {
    run();
    bool orphan = false;
    {
      std::lock_guard lock(mutex);
      finished = true;
      orphan = orphaned;
      finishedCondition.notify_all();
    }
    if (orphan) {
      delete this;
    }
  }

  std::string lastEmail()
  {
    std::lock_guard lock(mutex);
    return signingInEmail;
  }

  // A job whose answer is only success or a sentence, with `done` called on the GUI thread.
  Job request(std::function<void(ipc::IpcClient&)> work, Done done)
  {
    auto answer = [this, done](const std::string& error) {
      if (done) {
        post([done, error] { done(error); });
      }
    };
    return {[work = std::move(work), answer](ipc::IpcClient& client) {
              work(client);
              answer({});
            },
            answer};
  }

  // A job that reads STATUS from the answer and hands it to the GUI thread.
  Job statusRequest(const char* method, Object::Ptr params, Done done)
  {
    return request(
        [this, method, params](ipc::IpcClient& client) {
          const auto json = client.callObject(method, params, kServerCallTimeout);
          post([this, json] {
            DaemonStatus next = status;
            readStatus(json, next);
            setStatus(std::move(next));
          });
        },
        std::move(done));
  }

  DaemonLink& owner;
  const std::string socket;
  const std::string database;
  const std::string daemonProgram;

  // GUI thread only.
  DaemonStatus status;
  SyncReport report;
  std::string runningSyncId;
  std::multimap<std::string, Done> syncWaiters;
  std::deque<std::pair<std::string, std::string>> endedSyncs;
  bool announcedUnreachable = false;

  // Worker only.
  std::unique_ptr<ipc::IpcClient> connection;

  // Shared, under `mutex`.
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<Job> jobs;
  std::condition_variable finishedCondition;
  bool stopping = false;
  bool alive = true;
  bool finished = false;
  bool orphaned = false;
  bool startDaemon = true;
  std::string signingInEmail;
  std::thread worker;
};

DaemonLink::DaemonLink(std::string socket, std::string database, std::string daemonProgram)
    : m_impl(std::make_unique<Impl>(*this, std::move(socket), std::move(database),
                                    std::move(daemonProgram)))
{
}

DaemonLink::~DaemonLink()
{
  // Before wxEvtHandler drops the events the worker queued. A worker still waiting on the
  // daemon deletes the Impl itself when its request ends.
  if (!m_impl->stop()) {
    (void)m_impl.release();
  }
}

void DaemonLink::start(bool startDaemon)
{
  if (m_impl->worker.joinable()) {
    return;
  }
  {
    std::lock_guard lock(m_impl->mutex);
    m_impl->startDaemon = startDaemon;
  }
  m_impl->worker = std::thread([impl = m_impl.get()] { impl->workerMain(); });
}

const DaemonStatus& DaemonLink::status() const
{
  return m_impl->status;
}

const SyncReport& DaemonLink::lastReport() const
{
  return m_impl->report;
}

void DaemonLink::synchronise(const SyncOptions& options, Done done)
{
  Object::Ptr params = new Object;
  params->set("data", options.data);
  params->set("pictures", options.pictures);
  params->set("resources", options.resources);
  auto* impl = m_impl.get();
  auto fail = [impl, done](const std::string& error) {
    if (done) {
      impl->post([done, error] { done(error); });
    }
  };
  impl->enqueue({[impl, params, done](ipc::IpcClient& client) {
                   const std::string id = text(client.callObject(methods::kSync, params), "id");
                   impl->post([impl, id, done] { impl->waitForSync(id, done); });
                 },
                 fail});
}

void DaemonLink::cancelSync(Done done)
{
  auto* impl = m_impl.get();
  auto fail = [impl, done](const std::string& error) {
    if (done) {
      impl->post([done, error] { done(error); });
    }
  };
  impl->enqueue({[impl, done](ipc::IpcClient& client) {
                   client.callObject(methods::kSyncCancel);
                   if (done) {
                     impl->post([done] { done({}); });
                   }
                 },
                 fail});
}

void DaemonLink::signIn(const std::string& server, const std::string& email,
                        const std::string& password, Done done, const std::string& deviceName)
{
  Object::Ptr params = new Object;
  params->set("server", server);
  params->set("email", email);
  params->set("password", password);
  if (!deviceName.empty()) {
    params->set("device_name", deviceName);
  }
  {
    std::lock_guard lock(m_impl->mutex);
    m_impl->signingInEmail = email;
  }
  m_impl->enqueue(m_impl->statusRequest(methods::kLogin, params, std::move(done)));
}

void DaemonLink::signOut(Done done)
{
  m_impl->enqueue(m_impl->statusRequest(methods::kLogout, {}, std::move(done)));
}

void DaemonLink::setSchedule(std::optional<int> minutes, Done done)
{
  Object::Ptr params = new Object;
  if (minutes && *minutes > 0) {
    params->set("minutes", static_cast<std::int64_t>(*minutes));
  } else {
    params->set("minutes", Poco::Dynamic::Var());
  }
  m_impl->enqueue(m_impl->statusRequest(methods::kSchedule, params, std::move(done)));
}

void DaemonLink::listDevices(
    std::function<void(const std::vector<Device>&, const std::string& error)> done)
{
  auto* impl = m_impl.get();
  impl->enqueue({[impl, done](ipc::IpcClient& client) {
                   const auto json = client.callObject(methods::kDevices, {}, kServerCallTimeout);
                   impl->post([impl, json, done] {
                     DaemonStatus next = impl->status;
                     std::vector<Device> devices;
                     readAccount(json, next, &devices);
                     impl->setStatus(std::move(next));
                     if (done) {
                       done(devices, {});
                     }
                   });
                 },
                 [impl, done](const std::string& error) {
                   if (done) {
                     impl->post([done, error] { done({}, error); });
                   }
                 }});
}

void DaemonLink::unlinkDevice(const std::string& deviceId, Done done)
{
  Object::Ptr params = new Object;
  params->set("device_id", deviceId);
  auto* impl = m_impl.get();
  impl->enqueue(impl->request(
      [impl, params](ipc::IpcClient& client) {
        const auto json = client.callObject(methods::kUnlink, params, kServerCallTimeout);
        impl->post([impl, json] {
          DaemonStatus next = impl->status;
          readAccount(json, next, nullptr);
          impl->setStatus(std::move(next));
        });
        impl->refreshStatus(); // unlinking this very device signs it out
      },
      std::move(done)));
}

void DaemonLink::renameDevice(const std::string& name,
                              std::function<void(bool sent, const std::string& error)> done)
{
  Object::Ptr params = new Object;
  params->set("name", name);
  auto* impl = m_impl.get();
  impl->enqueue({[impl, params, done](ipc::IpcClient& client) {
                   const auto json =
                       client.callObject(methods::kDeviceRename, params, kServerCallTimeout);
                   const bool sent = json->optValue<bool>("sent", false);
                   const auto account = json->getObject("account");
                   impl->post([impl, account, sent, done] {
                     if (account) {
                       DaemonStatus next = impl->status;
                       readAccount(account, next, nullptr);
                       impl->setStatus(std::move(next));
                     }
                     if (done) {
                       done(sent, {});
                     }
                   });
                   impl->refreshStatus(); // device_name, device_name_pending
                 },
                 [impl, done](const std::string& error) {
                   if (done) {
                     impl->post([done, error] { done(false, error); });
                   }
                 }});
}

void DaemonLink::exportAccount(
    const std::string& path, std::function<void(std::int64_t bytes, const std::string& error)> done)
{
  Object::Ptr params = new Object;
  params->set("path", path);
  auto* impl = m_impl.get();
  impl->enqueue({[impl, params, done](ipc::IpcClient& client) {
                   const auto json =
                       client.callObject(methods::kAccountExport, params, kExportCallTimeout);
                   const auto bytes = json->optValue<std::int64_t>("bytes", 0);
                   impl->post([bytes, done] {
                     if (done) {
                       done(bytes, {});
                     }
                   });
                 },
                 [impl, done](const std::string& error) {
                   impl->refreshStatus(); // a refused token signed this device out
                   if (done) {
                     impl->post([done, error] { done(0, error); });
                   }
                 }});
}

void DaemonLink::refreshStatus()
{
  m_impl->refreshStatus();
}

} // namespace pupitre::gui
