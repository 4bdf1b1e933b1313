#include "sync/child_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace pupitre::bench {
namespace {

std::runtime_error systemError(const std::string& what)
{
  return std::runtime_error(what + ": " + std::strerror(errno));
}

} // namespace

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::string& logFile, const std::string& stdinText)
{
  int out[2];
  int in[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(in, O_CLOEXEC) != 0) {
    throw systemError("pipe");
  }
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const auto& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  m_pid = fork();
  if (m_pid < 0) {
    throw systemError("fork");
  }
  if (m_pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(in[0], STDIN_FILENO);
    const int log = open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (log >= 0) {
      dup2(log, STDERR_FILENO);
    }
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  close(in[0]);
  if (!stdinText.empty()) {
    const ssize_t written = write(in[1], stdinText.data(), stdinText.size());
    (void)written; // a program that does not read its input fails on its own
  }
  close(in[1]);
  m_outFd = out[0];
  m_reader = std::thread([this] {
    char buffer[4096];
    for (;;) {
      const ssize_t n = read(m_outFd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      std::lock_guard lock(m_mutex);
      if (n <= 0) {
        m_eof = true;
        m_changed.notify_all();
        return;
      }
      m_output.append(buffer, static_cast<std::size_t>(n));
      m_changed.notify_all();
    }
  });
}

ChildProcess::~ChildProcess()
{
  stop();
  if (m_reader.joinable()) {
    m_reader.join();
  }
  if (m_outFd >= 0) {
    close(m_outFd);
  }
}

std::string ChildProcess::waitForLine(const std::string& prefix, std::chrono::milliseconds timeout)
{
  std::unique_lock lock(m_mutex);
  std::optional<std::string> found;
  m_changed.wait_for(lock, timeout, [&] {
    std::size_t start = 0;
    for (std::size_t end; (end = m_output.find('\n', start)) != std::string::npos;
         start = end + 1) {
      if (m_output.compare(start, prefix.size(), prefix) == 0) {
        found = m_output.substr(start, end - start);
        return true;
      }
    }
    return m_eof;
  });
  if (!found) {
    throw std::runtime_error("process " + std::to_string(m_pid) + " did not print '" + prefix +
                             "' (see its log)");
  }
  return *found;
}

int ChildProcess::wait()
{
  if (!m_status && m_pid > 0) {
    int status = 0;
    while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  return m_status.value_or(-1);
}

void ChildProcess::stop()
{
  if (m_status || m_pid <= 0) {
    return;
  }
  ::kill(m_pid, SIGTERM);
  for (int i = 0; i < 1000; ++i) {
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return;
    }
    usleep(10'000);
  }
  ::kill(m_pid, SIGKILL);
  wait();
}

std::int64_t ChildProcess::peakRssKib() const
{
  std::ifstream status("/proc/" + std::to_string(m_pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      return std::strtoll(line.c_str() + 6, nullptr, 10);
    }
  }
  return 0;
}

double ChildProcess::cpuSeconds() const
{
  std::ifstream stat("/proc/" + std::to_string(m_pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold blanks) in parentheses: state is field 3,
  // utime and stime are fields 14 and 15.
  const auto close = text.rfind(')');
  if (close == std::string::npos) {
    return 0;
  }
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) {
      ticks += std::strtod(field.c_str(), nullptr);
    }
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

void runToCompletion(const std::string& program, const std::vector<std::string>& args,
                     const std::string& logFile, const std::string& stdinText)
{
  ChildProcess child(program, args, logFile, stdinText);
  if (const int code = child.wait(); code != 0) {
    throw std::runtime_error(program + " exited with " + std::to_string(code) + " (see " + logFile +
                             ")");
  }
}

} // namespace pupitre::bench
