// BackgroundProcess on Windows (the cross-built suites, run under Wine): the program is started
// with Poco::Process, its standard output read through a pipe, a polite stop is Poco's
// termination request (the named event Poco's ServerApplication waits on), a kill is
// TerminateProcess. Waiting and killing use a process handle of our own: Poco 1.11's
// Process::kill(handle) closes the handle it was given, after which its wait() fails ("Wait
// failed for process") and isRunning() answers false for a process that may still run.
#include "support/background_process.h"
#include "support/process.h"

#include <Poco/Exception.h>
#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <windows.h>

#include <fstream>
#include <iostream>
#include <stdexcept>

namespace pupitre::test {

namespace {

// The exit code a killed process reports, as on Linux (128 + SIGKILL).
constexpr UINT kKilledExitCode = 137;

struct Launched
{
  Poco::ProcessHandle handle;
  Poco::Pipe out;
  Poco::Pipe err;
  HANDLE process = nullptr; // ours: waited on, killed, closed with the BackgroundProcess

  Launched(Poco::ProcessHandle launchedHandle, Poco::Pipe outPipe, Poco::Pipe errPipe)
      : handle(std::move(launchedHandle)), out(std::move(outPipe)), err(std::move(errPipe))
  {
    // Poco's handle is open, so the process object (ended or not) is still this one.
    process = OpenProcess(SYNCHRONIZE | PROCESS_TERMINATE | PROCESS_QUERY_LIMITED_INFORMATION,
                          FALSE, static_cast<DWORD>(handle.id()));
    if (process == nullptr) {
      throw std::runtime_error("BackgroundProcess: cannot open process " +
                               std::to_string(handle.id()) + " (error " +
                               std::to_string(GetLastError()) + ")");
    }
  }
  ~Launched() { CloseHandle(process); }
  Launched(const Launched&) = delete;
  Launched& operator=(const Launched&) = delete;

  // Its exit code once it has ended (waiting up to `milliseconds`), or nullopt.
  std::optional<int> ended(DWORD milliseconds) const
  {
    const DWORD waited = WaitForSingleObject(process, milliseconds);
    if (waited == WAIT_TIMEOUT) {
      return std::nullopt;
    }
    DWORD code = 0;
    if (waited != WAIT_OBJECT_0 || !GetExitCodeProcess(process, &code)) {
      throw std::runtime_error("BackgroundProcess: cannot wait for process " +
                               std::to_string(handle.id()) + " (error " +
                               std::to_string(GetLastError()) + ")");
    }
    return static_cast<int>(code);
  }
};

// The handles of each running BackgroundProcess (the header keeps POSIX members only).
std::mutex launchedMutex;
std::map<const BackgroundProcess*, std::shared_ptr<Launched>> launched;

std::shared_ptr<Launched> launchedOf(const BackgroundProcess* process)
{
  std::lock_guard lock(launchedMutex);
  const auto it = launched.find(process);
  return it == launched.end() ? nullptr : it->second;
}

} // namespace

BackgroundProcess::BackgroundProcess(const std::string& program,
                                     const std::vector<std::string>& args,
                                     const std::map<std::string, std::string>& env,
                                     const std::string& stderrFile)
{
  Poco::Process::Env environment(env.begin(), env.end());
  Poco::Pipe in;
  auto pipes = std::make_shared<Poco::Pipe>();
  auto errPipe = std::make_shared<Poco::Pipe>();
  Poco::ProcessHandle handle =
      Poco::Process::launch(program, launchArgs(args), ".", &in, pipes.get(),
                            stderrFile.empty() ? nullptr : errPipe.get(), environment);
  in.close(); // standard input at its end, as /dev/null is
  m_pid = static_cast<int>(handle.id());
  auto state = std::make_shared<Launched>(handle, *pipes, *errPipe);
  {
    std::lock_guard lock(launchedMutex);
    launched.emplace(this, state);
  }
  m_reader = std::thread([this, state, stderrFile] {
    std::thread errCopier;
    if (!stderrFile.empty()) {
      errCopier = std::thread([state, stderrFile] {
        std::ofstream file(stderrFile, std::ios::binary | std::ios::app);
        char buffer[4096];
        for (int n; (n = state->err.readBytes(buffer, sizeof buffer)) > 0;) {
          file.write(buffer, n);
          file.flush();
        }
      });
    }
    char buffer[4096];
    for (;;) {
      const int n = state->out.readBytes(buffer, sizeof buffer);
      std::lock_guard lock(m_mutex);
      if (n <= 0) {
        m_eof = true;
        m_changed.notify_all();
        break;
      }
      m_output.append(buffer, static_cast<std::size_t>(n));
      m_changed.notify_all();
    }
    if (errCopier.joinable()) {
      errCopier.join();
    }
  });
}

BackgroundProcess::~BackgroundProcess()
{
  try {
    if (running()) {
      kill();
    }
  } catch (const Poco::Exception& e) {
    // A destructor must not throw (std::terminate would hide the test's own failure): say it.
    std::cerr << "BackgroundProcess: could not end the process: " << e.displayText() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "BackgroundProcess: could not end the process: " << e.what() << "\n";
  }
  if (m_reader.joinable()) {
    m_reader.join();
  }
  std::lock_guard lock(launchedMutex);
  launched.erase(this);
}

std::optional<std::string> BackgroundProcess::waitForLine(const std::string& prefix,
                                                          std::chrono::milliseconds timeout)
{
  std::unique_lock lock(m_mutex);
  std::optional<std::string> found;
  m_changed.wait_for(lock, timeout, [&] {
    std::size_t start = 0;
    for (std::size_t end; (end = m_output.find('\n', start)) != std::string::npos;
         start = end + 1) {
      if (m_output.compare(start, prefix.size(), prefix) == 0) {
        found = m_output.substr(start, end - start);
        // Windows programs end their lines with CR LF.
        if (!found->empty() && found->back() == '\r') {
          found->pop_back();
        }
        return true;
      }
    }
    return m_eof;
  });
  return found;
}

std::string BackgroundProcess::output() const
{
  std::unique_lock lock(m_mutex);
  if (m_status) {
    m_changed.wait_for(lock, std::chrono::seconds(5), [&] { return m_eof; });
  }
  return m_output;
}

void BackgroundProcess::reap(bool block)
{
  if (m_status) {
    return;
  }
  const auto state = launchedOf(this);
  if (!state) {
    return;
  }
  m_status = state->ended(block ? INFINITE : 0);
}

bool BackgroundProcess::running()
{
  reap(false);
  return !m_status;
}

void BackgroundProcess::terminate()
{
  if (!running()) {
    return;
  }
  Poco::Process::requestTermination(static_cast<Poco::Process::PID>(m_pid));
  for (int i = 0; i < 1000 && running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (running()) {
    kill();
  }
}

void BackgroundProcess::kill()
{
  if (const auto state = launchedOf(this); state && running()) {
    // Fails only when it has ended meanwhile (then the wait below answers at once).
    TerminateProcess(state->process, kKilledExitCode);
  }
  reap(true);
}

int BackgroundProcess::exitCode()
{
  reap(true);
  return m_status.value_or(-1);
}

} // namespace pupitre::test
