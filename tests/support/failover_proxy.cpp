#include "support/failover_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>

namespace pupitre::test {
namespace {

constexpr int kPollMs = 100;

sockaddr_in loopback(std::uint16_t port)
{
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return address;
}

bool sendAll(int fd, const char* data, std::size_t size)
{
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

} // namespace

FailoverProxy::FailoverProxy(std::vector<std::uint16_t> targets)
    : m_targets(std::move(targets)), m_counts(m_targets.size())
{
  m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
  const int on = 1;
  ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  auto address = loopback(0);
  socklen_t length = sizeof(address);
  if (m_listener < 0 ||
      ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(m_listener, 64) != 0 ||
      ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("FailoverProxy: can't listen on 127.0.0.1");
  }
  m_port = ntohs(address.sin_port);
  m_acceptor = std::thread([this] { acceptLoop(); });
}

FailoverProxy::~FailoverProxy()
{
  m_stopping = true;
  if (m_acceptor.joinable()) {
    m_acceptor.join();
  }
  std::lock_guard lock(m_mutex);
  for (auto& t : m_threads) {
    if (t.joinable()) {
      t.join();
    }
  }
  ::close(m_listener);
}

std::string FailoverProxy::url() const
{
  return "http://127.0.0.1:" + std::to_string(m_port);
}

std::vector<int> FailoverProxy::connections() const
{
  std::vector<int> counts;
  for (const auto& c : m_counts) {
    counts.push_back(c.load());
  }
  return counts;
}

void FailoverProxy::acceptLoop()
{
  while (!m_stopping) {
    pollfd ready{m_listener, POLLIN, 0};
    if (::poll(&ready, 1, kPollMs) <= 0) {
      continue;
    }
    const int client = ::accept(m_listener, nullptr, nullptr);
    if (client < 0) {
      continue;
    }
    std::lock_guard lock(m_mutex);
    m_threads.emplace_back([this, client] { forward(client); });
  }
}

void FailoverProxy::forward(int client)
{
  int server = -1;
  for (std::size_t i = 0; i < m_targets.size() && server < 0; ++i) {
    server = ::socket(AF_INET, SOCK_STREAM, 0);
    const auto address = loopback(m_targets[i]);
    if (::connect(server, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0) {
      ++m_counts[i];
    } else {
      ::close(server);
      server = -1;
    }
  }
  if (server >= 0) {
    std::array<char, 64 * 1024> buffer{};
    bool open = true;
    while (open && !m_stopping) {
      std::array<pollfd, 2> fds{pollfd{client, POLLIN, 0}, pollfd{server, POLLIN, 0}};
      if (::poll(fds.data(), fds.size(), kPollMs) <= 0) {
        continue;
      }
      for (std::size_t i = 0; i < fds.size() && open; ++i) {
        if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
          continue;
        }
        const int from = fds[i].fd;
        const int to = from == client ? server : client;
        const ssize_t n = ::recv(from, buffer.data(), buffer.size(), 0);
        open = n > 0 && sendAll(to, buffer.data(), static_cast<std::size_t>(n));
      }
    }
    ::close(server);
  }
  ::close(client); // no target up: the client sees the connection closed
}

} // namespace pupitre::test
