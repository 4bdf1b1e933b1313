#include "server/cli/stop_request.h"

#include <csignal>

#ifdef _WIN32
#include <Poco/NamedEvent.h>
#include <Poco/Process.h>
#include <windows.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#else
#include <pthread.h>
#endif

namespace pupitre::server::cli {
namespace {

#ifdef _WIN32
// The console control handler runs on a thread of its own, with no argument: the state it
// shares with wait() is global. Ctrl+C, Ctrl+Break, the console closing and Poco's termination
// request (its named event) all stop the server.
std::mutex g_mutex;
std::condition_variable g_changed;
std::string g_reason;
bool g_stopped = false;

constexpr auto kCloseGrace = std::chrono::seconds(4); // Windows ends us after 5 s anyway

void requested(const char* reason)
{
  std::lock_guard lock(g_mutex);
  if (g_reason.empty()) {
    g_reason = reason;
  }
  g_changed.notify_all();
}

BOOL WINAPI onConsoleControl(DWORD event)
{
  std::unique_lock lock(g_mutex);
  switch (event) {
  case CTRL_C_EVENT:
    g_reason = "Ctrl+C";
    break;
  case CTRL_BREAK_EVENT:
    g_reason = "Ctrl+Break";
    break;
  default:
    g_reason = "the console closing";
    break;
  }
  g_changed.notify_all();
  if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT) {
    // The process ends when this handler returns: let the server finish stopping first.
    g_changed.wait_for(lock, kCloseGrace, [] { return g_stopped; });
  }
  return TRUE;
}
#else
sigset_t terminationSignals()
{
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}
#endif

} // namespace

StopRequest::StopRequest()
{
#ifdef _WIN32
  SetConsoleCtrlHandler(&onConsoleControl, TRUE);
  // Poco::Process::requestTermination(pid), as for Poco's servers (pupitred): how scripts and
  // tests stop a server that has no console of theirs.
  std::thread([] {
    Poco::NamedEvent request(Poco::Process::terminationEventName(Poco::Process::id()));
    request.wait();
    requested("a termination request");
  }).detach();
#else
  const sigset_t signals = terminationSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN); // a client that hangs up is an error on its socket, not our end
#endif
}

StopRequest::~StopRequest()
{
#ifdef _WIN32
  SetConsoleCtrlHandler(&onConsoleControl, FALSE);
#endif
}

std::string StopRequest::wait()
{
#ifdef _WIN32
  std::unique_lock lock(g_mutex);
  g_changed.wait(lock, [] { return !g_reason.empty(); });
  return g_reason;
#else
  const sigset_t signals = terminationSignals();
  int signal = 0;
  sigwait(&signals, &signal);
  return "signal " + std::to_string(signal);
#endif
}

void StopRequest::stopped()
{
#ifdef _WIN32
  std::lock_guard lock(g_mutex);
  g_stopped = true;
  g_changed.notify_all();
#endif
}

} // namespace pupitre::server::cli
