#include "server/http/connection_watch.h"

#ifdef _WIN32
#include <winsock2.h>

#include <windows.h>
#else
#include <sys/socket.h>
#endif

namespace pupitre::server::http {
namespace {

constexpr auto kCheckEvery = std::chrono::milliseconds(100);

} // namespace

ConnectionWatch::Ticket::Ticket(ConnectionWatch& watch, const Poco::Net::StreamSocket& socket)
    : m_watch(watch), m_fd(socket.impl()->sockfd())
{
  const std::lock_guard lock(m_watch.m_mutex);
  m_watch.m_tickets.insert(this);
}

ConnectionWatch::Ticket::~Ticket()
{
  const std::lock_guard lock(m_watch.m_mutex);
  m_watch.m_tickets.erase(this);
}

void ConnectionWatch::Ticket::arm(Clock::duration within)
{
  const std::lock_guard lock(m_watch.m_mutex);
  m_deadline = Clock::now() + within;
}

void ConnectionWatch::Ticket::busy()
{
  const std::lock_guard lock(m_watch.m_mutex);
  m_deadline.reset();
  m_busy = true;
}

bool ConnectionWatch::Ticket::idle()
{
  const std::lock_guard lock(m_watch.m_mutex);
  m_busy = false;
  return !m_watch.m_stopping;
}

bool ConnectionWatch::Ticket::expired() const
{
  const std::lock_guard lock(m_watch.m_mutex);
  return m_expired;
}

ConnectionWatch::ConnectionWatch() : m_thread([this] { run(); }) {}

ConnectionWatch::~ConnectionWatch()
{
  {
    const std::lock_guard lock(m_mutex);
    m_quit = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void ConnectionWatch::stopAll(bool abort)
{
  const std::lock_guard lock(m_mutex);
  m_stopping = true;
  for (Ticket* ticket : m_tickets) {
    if (abort || !ticket->m_busy) {
      cut(*ticket, true);
    }
  }
}

void ConnectionWatch::cut(Ticket& ticket, bool both)
{
  // The socket stays open (its connection closes it), so the descriptor is still its own:
  // tickets leave the set, under the mutex held here, before their socket closes.
#ifdef _WIN32
  // Windows does not end a read blocked in another thread when the socket is shut down (and
  // a receiving side shut down answers the client's next byte with a reset, which could beat
  // the 408): the blocked read is cancelled instead (it fails, "operation aborted"); writing
  // still works for the answer.
  if (both) {
    ::shutdown(ticket.m_fd, SD_BOTH);
  }
  CancelIoEx(reinterpret_cast<HANDLE>(ticket.m_fd), nullptr);
#else
  ::shutdown(ticket.m_fd, both ? SHUT_RDWR : SHUT_RD);
#endif
  ticket.m_deadline.reset();
}

void ConnectionWatch::run()
{
  std::unique_lock lock(m_mutex);
  while (!m_quit) {
    m_wake.wait_for(lock, kCheckEvery);
    const auto now = Clock::now();
    for (Ticket* ticket : m_tickets) {
      if (ticket->m_deadline && *ticket->m_deadline <= now) {
        // Reading ends (the request is answered 408); writing still works for that answer.
        ticket->m_expired = true;
        cut(*ticket, false);
      }
    }
  }
}

} // namespace pupitre::server::http
