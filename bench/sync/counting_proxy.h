#pragma once
// A TCP relay on loopback between a daemon and the server that counts every byte it passes,
// HTTP headers included: the bytes a sync puts on the wire. It also counts exchanges (a
// request and its answer): each time the client speaks again after the server answered.
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pupitre::bench {

struct WireCounts
{
  std::int64_t up = 0;   // client to server
  std::int64_t down = 0; // server to client
  std::int64_t exchanges = 0;
  std::int64_t connections = 0;
  bool pull = false; // an exchange whose request is a GET (sync pulls; pushes are POSTs)

  std::int64_t total() const { return up + down; }
  WireCounts operator-(const WireCounts& o) const
  {
    return {up - o.up, down - o.down, exchanges - o.exchanges, connections - o.connections};
  }
};

class CountingProxy
{
public:
  // Listens on 127.0.0.1 (a free port) and relays each connection to 127.0.0.1:targetPort.
  explicit CountingProxy(std::uint16_t targetPort);
  ~CountingProxy();
  CountingProxy(const CountingProxy&) = delete;
  CountingProxy& operator=(const CountingProxy&) = delete;

  std::uint16_t port() const { return m_port; }
  WireCounts counts() const;
  // Every exchange so far in the order they began: `up` the request, `down` its answer.
  std::vector<WireCounts> exchanges() const;

private:
  struct Connection;
  void acceptLoop();
  void relay(Connection& connection, bool upstream);

  std::uint16_t m_target;
  std::uint16_t m_port = 0;
  Poco::Net::ServerSocket m_listener;
  std::atomic<bool> m_stopping{false};
  std::thread m_acceptor;
  std::atomic<std::int64_t> m_connections{0};
  mutable std::mutex m_countsMutex;
  std::vector<WireCounts> m_exchanges;
  WireCounts m_unmatched; // bytes before any exchange (none with HTTP)
  std::mutex m_mutex;
  std::list<std::unique_ptr<Connection>> m_open;
};

} // namespace pupitre::bench
