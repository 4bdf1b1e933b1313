#include "support/fault_proxy.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace pupitre::test {
namespace {

constexpr int kPollMs = 100;
constexpr std::size_t kMaxRequestLine = 8192;

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

// The Content-Length of a request's header, 0 when it has none.
std::size_t contentLength(std::string header)
{
  for (auto& c : header) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const auto at = header.find("\r\ncontent-length:");
  return at == std::string::npos ? 0 : std::stoull(header.substr(at + 17));
}

// What nginx answers a body over client_max_body_size.
void send413(int client)
{
  const std::string page = "<html><head><title>413 Request Entity Too Large</title></head><body>"
                           "<center><h1>413 Request Entity Too Large</h1></center></body></html>";
  const std::string reply = "HTTP/1.1 413 Request Entity Too Large\r\nServer: nginx\r\n"
                            "Content-Type: text/html\r\nContent-Length: " +
                            std::to_string(page.size()) + "\r\nConnection: close\r\n\r\n" + page;
  sendAll(client, reply.data(), reply.size());
  ::shutdown(client, SHUT_WR);
}

int connectTo(const std::string& host, std::uint16_t port)
{
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
    return -1;
  }
  int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  if (fd >= 0 && ::connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
    ::close(fd);
    fd = -1;
  }
  ::freeaddrinfo(found);
  return fd;
}

} // namespace

FaultProxy::FaultProxy(std::string targetHost, std::uint16_t targetPort)
    : m_targetHost(std::move(targetHost)), m_targetPort(targetPort)
{
  m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (m_listen < 0 ||
      ::bind(m_listen, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(m_listen, 64) != 0 ||
      ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string reason = std::strerror(errno);
    if (m_listen >= 0) {
      ::close(m_listen);
    }
    throw std::runtime_error("the fault proxy could not listen: " + reason);
  }
  m_port = ntohs(address.sin_port);
  m_acceptor = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy()
{
  m_stopping = true;
  if (m_acceptor.joinable()) {
    m_acceptor.join();
  }
  ::close(m_listen);
  std::vector<std::thread> connections;
  {
    std::lock_guard lock(m_mutex);
    connections.swap(m_connections);
  }
  for (auto& connection : connections) {
    connection.join();
  }
}

std::string FaultProxy::url() const
{
  return "http://127.0.0.1:" + std::to_string(m_port);
}

void FaultProxy::cutReplies(const std::string& requestLine, std::size_t afterBytes, int times,
                            From from)
{
  std::lock_guard lock(m_mutex);
  m_rule = {requestLine, afterBytes, times, from};
}

void FaultProxy::forwardAll()
{
  std::lock_guard lock(m_mutex);
  m_rule = {};
}

bool FaultProxy::takeCut(const std::string& firstLine, Rule& cut)
{
  std::lock_guard lock(m_mutex);
  if (m_rule.times <= 0 || firstLine.find(m_rule.requestLine) == std::string::npos) {
    return false;
  }
  --m_rule.times;
  cut = m_rule;
  return true;
}

void FaultProxy::acceptLoop()
{
  while (!m_stopping) {
    pollfd ready{m_listen, POLLIN, 0};
    if (::poll(&ready, 1, kPollMs) <= 0) {
      continue;
    }
    const int client = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      continue;
    }
    std::lock_guard lock(m_mutex);
    m_connections.emplace_back([this, client] { serve(client); });
  }
}

void FaultProxy::serve(int client)
{
  const int server = connectTo(m_targetHost, m_targetPort);
  if (server < 0) {
    ::close(client);
    return;
  }
  std::array<char, 64 * 1024> buffer{};
  bool newRequest = true;   // the next bytes from the client start a request
  bool readingLine = false; // its first line is still being read
  std::string firstLine;
  bool cutting = false;
  Rule cut;
  std::size_t allowed = 0; // bytes of the reply let through when cutting, once known
  std::size_t passed = 0;
  std::string headerTail;  // the last bytes of the reply's header seen, to find its end
  std::size_t maxBody = 0; // refuseBodiesOver() when the request began
  std::string header;      // the request's header, held back until its length is known
  bool holdingHeader = false;
  bool refusing = false; // the request is too large: its body is read and dropped
  std::size_t toDrop = 0;
  while (!m_stopping) {
    std::array<pollfd, 2> fds{pollfd{client, POLLIN, 0}, pollfd{server, POLLIN, 0}};
    const int ready = ::poll(fds.data(), fds.size(), kPollMs);
    if (ready < 0 && errno != EINTR) {
      break;
    }
    if (ready <= 0) {
      continue;
    }
    if (fds[0].revents != 0) {
      const ssize_t n = ::recv(client, buffer.data(), buffer.size(), 0);
      if (n <= 0) {
        break;
      }
      if (newRequest) {
        newRequest = false;
        readingLine = true;
        firstLine.clear();
        cutting = false;
        passed = 0;
        headerTail.clear();
        maxBody = m_maxBody.load();
        holdingHeader = maxBody > 0;
        header.clear();
        refusing = false;
      }
      if (readingLine) {
        const std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
        const auto end = chunk.find('\n');
        firstLine.append(chunk.substr(0, end));
        if (end != std::string_view::npos || firstLine.size() > kMaxRequestLine) {
          readingLine = false;
          cutting = takeCut(firstLine, cut);
          allowed = cut.from == From::ReplyStart ? cut.afterBytes : SIZE_MAX;
        }
      }
      std::string_view data(buffer.data(), static_cast<std::size_t>(n));
      if (refusing) {
        toDrop -= std::min(toDrop, data.size());
        if (toDrop == 0) {
          send413(client);
          ++m_refusals;
          break;
        }
        continue;
      }
      if (holdingHeader) {
        header.append(data);
        const auto end = header.find("\r\n\r\n");
        if (end == std::string::npos) {
          continue;
        }
        holdingHeader = false;
        const std::size_t length = contentLength(header.substr(0, end + 2));
        if (length > maxBody) {
          refusing = true;
          toDrop = length - std::min(length, header.size() - end - 4);
          if (toDrop == 0) {
            send413(client);
            ++m_refusals;
            break;
          }
          continue;
        }
        data = header;
      }
      if (!sendAll(server, data.data(), data.size())) {
        break;
      }
    }
    if (fds[1].revents != 0) {
      const ssize_t n = ::recv(server, buffer.data(), buffer.size(), 0);
      if (n <= 0) {
        break;
      }
      newRequest = true;
      std::size_t give = static_cast<std::size_t>(n);
      if (cutting && allowed == SIZE_MAX) {
        // Counted from the body: find the blank line that ends the header.
        const std::size_t before = headerTail.size();
        headerTail.append(buffer.data(), give);
        if (const auto end = headerTail.find("\r\n\r\n"); end != std::string::npos) {
          allowed = passed - before + end + 4 + cut.afterBytes;
        } else if (headerTail.size() > 3) {
          headerTail.erase(0, headerTail.size() - 3);
        }
      }
      if (cutting) {
        give = std::min(give, allowed - passed);
      }
      if (!sendAll(client, buffer.data(), give)) {
        break;
      }
      passed += give;
      if (cutting && passed >= allowed) {
        ++m_cuts;
        break; // the rest of the reply never arrives
      }
    }
  }
  ::shutdown(client, SHUT_RDWR);
  ::close(client);
  ::close(server);
}

} // namespace pupitre::test
