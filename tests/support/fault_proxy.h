#pragma once
// A TCP proxy on loopback between a client and a server that can cut replies short, as a
// network that drops in the middle of an answer does. It forwards bytes both ways unchanged;
// for the requests a rule picks (by a text in the request line, "POST /api/v1/push"), it
// closes the connection after the first N bytes of the reply. A request starts with the first
// bytes the client sends after the reply to the previous one began (or after connecting).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pupitre::test {

class FaultProxy
{
public:
  // Listens on 127.0.0.1 (a port the system chooses) and forwards to targetHost:targetPort.
  FaultProxy(std::string targetHost, std::uint16_t targetPort);
  ~FaultProxy(); // closes every connection and stops
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::uint16_t port() const { return m_port; }
  std::string url() const; // "http://127.0.0.1:PORT"

  // Where a cut is counted from: the reply's first byte, or its body's (after the blank line
  // that ends its header).
  enum class From { ReplyStart, BodyStart };
  // The next `times` replies to requests whose first line contains `requestLine` are cut
  // `afterBytes` bytes after `from` (0 from the start: the connection closes before any byte
  // of the reply).
  void cutReplies(const std::string& requestLine, std::size_t afterBytes, int times = 1,
                  From from = From::ReplyStart);
  // Forgets the rules: everything is forwarded again.
  void forwardAll();
  // How many replies were cut so far.
  int cuts() const { return m_cuts.load(); }
  // Requests whose body is larger than `bytes` (their Content-Length, as sent: compressed
  // when compressed) are answered 413 with an HTML page by the proxy itself, as a reverse
  // proxy with a smaller body limit than the server's does (nginx: client_max_body_size);
  // 0: no limit.
  void refuseBodiesOver(std::size_t bytes) { m_maxBody = bytes; }
  // How many requests were refused so.
  int refusals() const { return m_refusals.load(); }

private:
  struct Rule
  {
    std::string requestLine;
    std::size_t afterBytes = 0;
    int times = 0;
    From from = From::ReplyStart;
  };
  void acceptLoop();
  void serve(int client);
  // Whether the reply to the request that starts with `firstLine` is cut, and where.
  bool takeCut(const std::string& firstLine, Rule& cut);

  std::string m_targetHost;
  std::uint16_t m_targetPort;
  int m_listen = -1;
  std::uint16_t m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::atomic<int> m_cuts{0};
  std::atomic<std::size_t> m_maxBody{0};
  std::atomic<int> m_refusals{0};
  std::mutex m_mutex;
  Rule m_rule;
  std::vector<std::thread> m_connections;
  std::thread m_acceptor;
};

} // namespace pupitre::test
