#pragma once
// A program the sync benchmark runs beside itself (pupitre-server, pupitred): its standard
// output is read line by line so the benchmark can wait for "listening on ...", its standard
// error goes to a log file, and it is stopped with SIGTERM (SIGKILL if it does not end).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pupitre::bench {

class ChildProcess
{
public:
  // Starts `program` with `args`; `stdinText` is written to its standard input, which is then
  // closed. Throws std::runtime_error when it cannot be started.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::string& logFile, const std::string& stdinText = {});
  ~ChildProcess(); // stops it if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const { return m_pid; }
  // The first line of standard output starting with `prefix`; throws std::runtime_error when
  // the process ends or the time runs out first.
  std::string waitForLine(const std::string& prefix,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // Waits for the end; the exit code (128 + signal when killed).
  int wait();
  void stop();
  // The process's peak resident memory (VmHWM of /proc/PID/status) in KiB; 0 if unknown.
  std::int64_t peakRssKib() const;
  // The CPU time (user + system, all threads) the process has used so far, in seconds.
  double cpuSeconds() const;

private:
  int m_pid = -1;
  int m_outFd = -1;
  std::optional<int> m_status;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::string m_output;
  bool m_eof = false;
  std::thread m_reader;
};

// Runs `program` to its end; throws std::runtime_error unless it exits with 0.
void runToCompletion(const std::string& program, const std::vector<std::string>& args,
                     const std::string& logFile, const std::string& stdinText = {});

} // namespace pupitre::bench
