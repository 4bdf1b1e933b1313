#include "request_gate.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pupitre::e2e {
namespace {

int connectTo(std::uint16_t port)
{
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return -1;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool receiveMore(int fd, std::string& buffer)
{
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      buffer.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    return false;
  }
}

bool sendAll(int fd, const std::string& bytes)
{
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::size_t contentLength(const std::string& lowerHead)
{
  const std::string name = "\r\ncontent-length:";
  const auto at = lowerHead.find(name);
  if (at == std::string::npos) {
    return 0;
  }
  std::size_t start = at + name.size();
  while (start < lowerHead.size() && lowerHead[start] == ' ') {
    ++start;
  }
  std::size_t length = 0; // a length that cannot be read counts as none
  std::from_chars(lowerHead.data() + start, lowerHead.data() + lowerHead.size(), length);
  return length;
}

// One HTTP message (head, then a body of Content-Length bytes: the only kind pupitred and
// pupitre-server send) from `fd`, `buffer` holding what was read before. false when the
// connection ends first.
bool readMessage(int fd, std::string& buffer, std::string& message, std::string& lowerHead)
{
  std::size_t end = 0;
  while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (!receiveMore(fd, buffer)) {
      return false;
    }
  }
  lowerHead = lower(buffer.substr(0, end + 2));
  const std::size_t size = end + 4 + contentLength(lowerHead);
  while (buffer.size() < size) {
    if (!receiveMore(fd, buffer)) {
      return false;
    }
  }
  message = buffer.substr(0, size);
  buffer.erase(0, size);
  return true;
}

// "POST /api/v1/push?x=1 HTTP/1.1" -> "POST /api/v1/push?x=1"
std::string requestOf(const std::string& message)
{
  const std::string line = message.substr(0, message.find("\r\n"));
  return line.substr(0, line.rfind(' '));
}

std::string targetOf(const std::string& request)
{
  const auto space = request.find(' ');
  return space == std::string::npos ? request : request.substr(space + 1);
}

int countStarting(const std::vector<std::string>& targets, const std::string& prefix)
{
  return static_cast<int>(
      std::count_if(targets.begin(), targets.end(),
                    [&](const std::string& target) { return target.rfind(prefix, 0) == 0; }));
}

} // namespace

RequestGate::RequestGate(std::uint16_t serverPort) : m_serverPort(serverPort)
{
  m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  BOOST_REQUIRE_MESSAGE(m_listener >= 0, "the request gate has no socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  BOOST_REQUIRE_MESSAGE(
      ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
          ::listen(m_listener, 16) == 0 &&
          ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &size) == 0,
      "the request gate cannot listen on loopback");
  m_port = ntohs(address.sin_port);
  m_acceptor = std::thread([this] { acceptLoop(); });
}

RequestGate::~RequestGate()
{
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    for (const int fd : m_sockets) {
      ::shutdown(fd, SHUT_RDWR); // wakes the relay blocked on it; the relay closes it
    }
  }
  m_changed.notify_all();
  ::shutdown(m_listener, SHUT_RDWR);
  m_acceptor.join();
  ::close(m_listener);
  // No new relay starts once the acceptor has ended.
  for (auto& relay : m_relays) {
    relay.join();
  }
}

std::string RequestGate::url() const
{
  return "http://127.0.0.1:" + std::to_string(m_port);
}

void RequestGate::holdFrom(const std::string& pathPrefix, int nth)
{
  std::lock_guard lock(m_mutex);
  m_holdPrefix = pathPrefix;
  m_holdFrom = nth;
  m_seen = 0;
}

std::optional<std::string> RequestGate::waitForHeld(std::chrono::milliseconds timeout)
{
  std::unique_lock lock(m_mutex);
  if (!m_changed.wait_for(lock, timeout, [this] { return !m_waiting.empty(); })) {
    return std::nullopt;
  }
  return m_waiting.front()->request;
}

int RequestGate::held() const
{
  std::lock_guard lock(m_mutex);
  return static_cast<int>(m_waiting.size());
}

void RequestGate::passOne()
{
  {
    std::lock_guard lock(m_mutex);
    BOOST_REQUIRE_MESSAGE(!m_waiting.empty(), "no request waits at the gate");
    m_waiting.front()->fate = Fate::Forward;
    m_waiting.pop_front();
  }
  m_changed.notify_all();
}

void RequestGate::open()
{
  {
    std::lock_guard lock(m_mutex);
    m_holdFrom = 0;
    for (Ticket* ticket : m_waiting) {
      ticket->fate = Fate::Forward;
    }
    m_waiting.clear();
  }
  m_changed.notify_all();
}

void RequestGate::drop()
{
  {
    std::lock_guard lock(m_mutex);
    m_holdFrom = 0;
    for (Ticket* ticket : m_waiting) {
      ticket->fate = Fate::Drop;
    }
    m_waiting.clear();
  }
  m_changed.notify_all();
}

void RequestGate::rewriteAnswers(const std::string& pathPrefix,
                                 std::function<std::string(const std::string&)> rewrite)
{
  std::lock_guard lock(m_mutex);
  m_rewritePrefix = pathPrefix;
  m_rewrite = std::move(rewrite);
}

bool RequestGate::rewrites(const std::string& request) const
{
  std::lock_guard lock(m_mutex);
  return m_rewrite && targetOf(request).rfind(m_rewritePrefix, 0) == 0;
}

std::string RequestGate::rewritten(const std::string& request, std::string answer,
                                   const std::string& head)
{
  std::function<std::string(const std::string&)> rewrite;
  {
    std::lock_guard lock(m_mutex);
    if (!m_rewrite || targetOf(request).rfind(m_rewritePrefix, 0) != 0) {
      return answer;
    }
    rewrite = m_rewrite;
  }
  if (head.find("\r\ncontent-encoding:") != std::string::npos) {
    return answer; // compressed: left as it is (the test sees no effect)
  }
  const auto bodyStart = answer.find("\r\n\r\n") + 4;
  const std::string body = rewrite(answer.substr(bodyStart));
  std::string newHead = answer.substr(0, bodyStart);
  const auto at = lower(newHead).find("\r\ncontent-length:");
  const auto end = newHead.find("\r\n", at + 2);
  newHead.replace(at, end - at, "\r\nContent-Length: " + std::to_string(body.size()));
  return newHead + body;
}

int RequestGate::forwarded(const std::string& pathPrefix) const
{
  std::lock_guard lock(m_mutex);
  return countStarting(m_forwarded, pathPrefix);
}

int RequestGate::answered(const std::string& pathPrefix) const
{
  std::lock_guard lock(m_mutex);
  return countStarting(m_answered, pathPrefix);
}

void RequestGate::acceptLoop()
{
  for (;;) {
    const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
    std::lock_guard lock(m_mutex);
    if (m_stopping) {
      if (client >= 0) {
        ::close(client);
      }
      return;
    }
    if (client < 0) {
      continue; // EINTR, ECONNABORTED: a connection that went away before it was taken
    }
    m_sockets.push_back(client);
    m_relays.emplace_back([this, client] { relay(client); });
  }
}

bool RequestGate::admit(const std::string& request)
{
  std::unique_lock lock(m_mutex);
  if (m_stopping) {
    return false;
  }
  const bool matches = m_holdFrom > 0 && targetOf(request).rfind(m_holdPrefix, 0) == 0;
  if (!matches || ++m_seen < m_holdFrom) {
    return true;
  }
  Ticket ticket{request, Fate::Wait};
  m_waiting.push_back(&ticket);
  m_changed.notify_all();
  m_changed.wait(lock, [&] { return ticket.fate != Fate::Wait || m_stopping; });
  if (ticket.fate == Fate::Wait) { // stopping: still in the queue
    m_waiting.erase(std::find(m_waiting.begin(), m_waiting.end(), &ticket));
  }
  return ticket.fate == Fate::Forward && !m_stopping;
}

void RequestGate::relay(int client)
{
  int server = -1;
  std::string fromClient;
  std::string fromServer;
  for (;;) {
    std::string request;
    std::string head;
    if (!readMessage(client, fromClient, request, head) || !admit(requestOf(request))) {
      break;
    }
    if (rewrites(requestOf(request))) {
      // The answer must come uncompressed to be rewritten.
      const auto at =
          lower(request.substr(0, request.find("\r\n\r\n"))).find("\r\naccept-encoding:");
      if (at != std::string::npos) {
        request.erase(at, request.find("\r\n", at + 2) - at);
      }
    }
    if (server < 0) {
      server = connectTo(m_serverPort);
      std::lock_guard lock(m_mutex);
      if (server >= 0) {
        m_sockets.push_back(server);
      }
    }
    if (server < 0 || !sendAll(server, request)) {
      break; // the server is down: the device's connection ends as its own would
    }
    {
      std::lock_guard lock(m_mutex);
      m_forwarded.push_back(targetOf(requestOf(request)));
    }
    std::string answer;
    if (!readMessage(server, fromServer, answer, head)) {
      break; // the server went away: so does the device's connection
    }
    {
      std::lock_guard lock(m_mutex);
      m_answered.push_back(targetOf(requestOf(request)));
    }
    answer = rewritten(requestOf(request), std::move(answer), head);
    if (!sendAll(client, answer) || head.find("\r\nconnection: close") != std::string::npos) {
      break; // the device went away (the answer is lost), or the server ends the connection
    }
  }
  std::lock_guard lock(m_mutex);
  for (const int fd : {client, server}) {
    if (fd >= 0) {
      m_sockets.erase(std::find(m_sockets.begin(), m_sockets.end(), fd));
      ::close(fd);
    }
  }
}

} // namespace pupitre::e2e
