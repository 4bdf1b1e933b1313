#include "support/background_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace pupitre::test {

BackgroundProcess::BackgroundProcess(const std::string& program,
                                     const std::vector<std::string>& args,
                                     const std::map<std::string, std::string>& env,
                                     const std::string& stderrFile)
{
  int pipeFds[2];
  if (pipe2(pipeFds, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed: " + std::string(std::strerror(errno)));
  }
  std::vector<std::string> envText;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    if (!env.count(entry.substr(0, entry.find('=')))) {
      envText.push_back(entry);
    }
  }
  for (const auto& [key, value] : env) {
    envText.push_back(key + "=" + value);
  }
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const auto& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : envText) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);

  m_pid = fork();
  if (m_pid < 0) {
    throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
  }
  if (m_pid == 0) {
    dup2(pipeFds[1], STDOUT_FILENO);
    const int devNull = open("/dev/null", O_RDONLY);
    dup2(devNull, STDIN_FILENO);
    if (!stderrFile.empty()) {
      const int err = open(stderrFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (err >= 0) {
        dup2(err, STDERR_FILENO);
      }
    }
    execve(program.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(pipeFds[1]);
  m_outFd = pipeFds[0];
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

BackgroundProcess::~BackgroundProcess()
{
  if (running()) {
    kill();
  }
  if (m_reader.joinable()) {
    m_reader.join();
  }
  if (m_outFd >= 0) {
    close(m_outFd);
  }
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
  // Once the process has ended, all it wrote is in the pipe: wait for the reader to get to its
  // end, or a loaded machine returns what the reader happened to have read so far. (A child the
  // process left running may hold the pipe open: then what there is after a few seconds.)
  if (m_status) {
    m_changed.wait_for(lock, std::chrono::seconds(5), [&] { return m_eof; });
  }
  return m_output;
}

void BackgroundProcess::reap(bool block)
{
  if (m_status || m_pid <= 0) {
    return;
  }
  int status = 0;
  const pid_t done = waitpid(m_pid, &status, block ? 0 : WNOHANG);
  if (done == m_pid) {
    m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
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
  ::kill(m_pid, SIGTERM);
  for (int i = 0; i < 1000 && running(); ++i) {
    usleep(10'000);
  }
  if (running()) {
    kill();
  }
}

void BackgroundProcess::kill()
{
  if (running()) {
    ::kill(m_pid, SIGKILL);
  }
  reap(true);
}

int BackgroundProcess::exitCode()
{
  reap(true);
  return m_status.value_or(-1);
}

} // namespace pupitre::test
