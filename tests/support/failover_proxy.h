#pragma once
// A TCP load balancer on loopback in its simplest form, for tests of several server nodes:
// each connection goes to the first of its targets that accepts it, and is forwarded both ways
// unchanged until either side closes. A target that is down (refuses connections: killed) is
// skipped, so the clients fail over to the next one, as behind nginx's proxy_next_upstream.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pupitre::test {

class FailoverProxy
{
public:
  // Listens on 127.0.0.1 (a port the system chooses); `targets`: ports on 127.0.0.1, in order
  // of preference.
  explicit FailoverProxy(std::vector<std::uint16_t> targets);
  ~FailoverProxy(); // closes every connection and stops
  FailoverProxy(const FailoverProxy&) = delete;
  FailoverProxy& operator=(const FailoverProxy&) = delete;

  std::uint16_t port() const { return m_port; }
  std::string url() const; // "http://127.0.0.1:PORT"
  // How many connections went to each target so far (in the order of `targets`).
  std::vector<int> connections() const;

private:
  void acceptLoop();
  void forward(int client);

  std::vector<std::uint16_t> m_targets;
  std::vector<std::atomic<int>> m_counts;
  int m_listener = -1;
  std::uint16_t m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::mutex m_mutex;
  std::vector<std::thread> m_threads; // with m_mutex
  std::thread m_acceptor;
};

} // namespace pupitre::test
