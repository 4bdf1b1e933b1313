#pragma once
// Deadlines for the API server's connections. Poco's socket timeouts bound each read, not a
// whole request: a client sending one byte every few seconds would hold a thread forever.
// A connection arms a deadline while it reads a request's headers or body; one thread cuts
// the reading side of those past it (the blocked read ends, the request gets 408), so slow
// or silent clients cannot starve the server's threads. It also stops every connection when
// the server stops.
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace pupitre::server::http {

class ConnectionWatch
{
public:
  using Clock = std::chrono::steady_clock;

  // One connection while it is served: registered on construction, gone on destruction
  // (before its socket closes).
  class Ticket
  {
  public:
    Ticket(ConnectionWatch& watch, const Poco::Net::StreamSocket& socket);
    ~Ticket();
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;

    // The connection is cut unless it has read what it reads now within `within`.
    void arm(Clock::duration within);
    // A request is being handled: no deadline, and the server's stop lets it finish.
    void busy();
    // Waiting for a request (kept alive); false once the server is stopping.
    [[nodiscard]] bool idle();
    // Whether a deadline passed and the connection's reading side was cut.
    [[nodiscard]] bool expired() const;

  private:
    friend class ConnectionWatch;
    ConnectionWatch& m_watch;
    poco_socket_t m_fd;
    std::optional<Clock::time_point> m_deadline; // guarded by the watch's mutex
    bool m_busy = false;
    bool m_expired = false;
  };

  ConnectionWatch();
  ~ConnectionWatch();
  ConnectionWatch(const ConnectionWatch&) = delete;
  ConnectionWatch& operator=(const ConnectionWatch&) = delete;

  // No new requests: idle connections are closed; busy ones too when `abort`, else they end
  // after their answer.
  void stopAll(bool abort);

private:
  void run();
  // Shuts down the reading side of the ticket's socket, or both sides when `both`.
  void cut(Ticket& ticket, bool both);

  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::set<Ticket*> m_tickets;
  bool m_stopping = false;
  bool m_quit = false;
  std::thread m_thread;
};

} // namespace pupitre::server::http
