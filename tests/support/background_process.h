#pragma once
// A program the test keeps running in the background (a server, a daemon): its output is
// collected as it comes, and the test can wait for a line, stop it politely or kill -9 it.
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pupitre::test {

class BackgroundProcess
{
public:
  // `stderrFile`: where its standard error goes (appended to), instead of the test's.
  BackgroundProcess(const std::string& program, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env = {},
                    const std::string& stderrFile = {});
  ~BackgroundProcess(); // kills the process if it still runs
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  int pid() const { return m_pid; }
  // The first line of standard output starting with `prefix`; nullopt when the process
  // ends or the time runs out first.
  std::optional<std::string>
  waitForLine(const std::string& prefix,
              std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // What it wrote so far; all it wrote once it has ended (running() false, exitCode()).
  std::string output() const;
  bool running();
  void terminate(); // SIGTERM, then waits (SIGKILL after 10 s)
  void kill();      // SIGKILL, then waits
  int exitCode();   // waits for the end

private:
  void reap(bool block);

  int m_pid = -1;
  int m_outFd = -1;
  std::optional<int> m_status;
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_changed;
  std::string m_output;
  bool m_eof = false;
  std::thread m_reader;
};

} // namespace pupitre::test
