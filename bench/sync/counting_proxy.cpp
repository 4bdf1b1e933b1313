#include "sync/counting_proxy.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace pupitre::bench {

struct CountingProxy::Connection
{
  Poco::Net::StreamSocket client;
  Poco::Net::StreamSocket server;
  bool serverSpokeLast = true;     // the first bytes from the client start an exchange
  std::size_t exchange = SIZE_MAX; // index in m_exchanges of the current one
  std::thread up;
  std::thread down;
};

CountingProxy::CountingProxy(std::uint16_t targetPort) : m_target(targetPort)
{
  m_listener.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true);
  m_listener.listen(64);
  m_port = m_listener.address().port();
  m_acceptor = std::thread([this] { acceptLoop(); });
}

CountingProxy::~CountingProxy()
{
  m_stopping = true;
  m_acceptor.join();
  std::lock_guard lock(m_mutex);
  for (auto& c : m_open) {
    try {
      c->client.shutdown();
      c->server.shutdown();
    } catch (const Poco::Exception&) {
      // already closed
    }
    c->up.join();
    c->down.join();
  }
}

WireCounts CountingProxy::counts() const
{
  std::lock_guard lock(m_countsMutex);
  WireCounts total = m_unmatched;
  for (const auto& e : m_exchanges) {
    total.up += e.up;
    total.down += e.down;
  }
  total.exchanges = static_cast<std::int64_t>(m_exchanges.size());
  total.connections = m_connections.load();
  return total;
}

std::vector<WireCounts> CountingProxy::exchanges() const
{
  std::lock_guard lock(m_countsMutex);
  return m_exchanges;
}

void CountingProxy::acceptLoop()
{
  while (!m_stopping) {
    if (!m_listener.poll(Poco::Timespan(0, 100'000), Poco::Net::Socket::SELECT_READ)) {
      continue;
    }
    auto c = std::make_unique<Connection>();
    try {
      c->client = m_listener.acceptConnection();
      c->server.connect(Poco::Net::SocketAddress("127.0.0.1", m_target));
      // Relay each piece as it comes: Nagle's algorithm here would add delays of its own.
      c->client.setNoDelay(true);
      c->server.setNoDelay(true);
    } catch (const Poco::Exception&) {
      continue; // the client gave up, or the server is gone: the client sees a closed socket
    }
    ++m_connections;
    Connection& connection = *c;
    std::lock_guard lock(m_mutex);
    m_open.push_back(std::move(c));
    connection.up = std::thread([this, &connection] { relay(connection, true); });
    connection.down = std::thread([this, &connection] { relay(connection, false); });
  }
}

void CountingProxy::relay(Connection& c, bool upstream)
{
  auto& from = upstream ? c.client : c.server;
  auto& to = upstream ? c.server : c.client;
  std::array<char, 64 * 1024> buffer{};
  try {
    for (;;) {
      const int n = from.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
      if (n <= 0) {
        break;
      }
      {
        std::lock_guard lock(m_countsMutex);
        if (upstream && c.serverSpokeLast) {
          c.serverSpokeLast = false;
          c.exchange = m_exchanges.size();
          m_exchanges.push_back(
              {0, 0, 1, 0, n >= 4 && std::string_view(buffer.data(), 4) == "GET "});
        } else if (!upstream) {
          c.serverSpokeLast = true;
        }
        auto& counts = c.exchange < m_exchanges.size() ? m_exchanges[c.exchange] : m_unmatched;
        (upstream ? counts.up : counts.down) += n;
      }
      for (int sent = 0; sent < n;) {
        sent += to.sendBytes(buffer.data() + sent, n - sent);
      }
    }
  } catch (const Poco::Exception&) {
    // a side closed or reset: end this direction
  }
  try {
    to.shutdownSend();
  } catch (const Poco::Exception&) {
  }
}

} // namespace pupitre::bench
