#include "pupitre/ipc/socket_channel.h"

#include "pupitre/ipc/protocol.h"

#include <Poco/Exception.h>

#include <algorithm>
#ifndef _WIN32
#include <sys/socket.h>
#endif

namespace pupitre::ipc {
namespace {

#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL; // a closed peer is an error, not a SIGPIPE
#else
constexpr int kSendFlags = 0;
#endif
constexpr std::size_t kReceiveChunk = 64 * 1024;
constexpr std::chrono::milliseconds kPollSlice{200};
constexpr std::chrono::hours kLongestWait{24};

} // namespace

SocketChannel::SocketChannel(Poco::Net::StreamSocket socket, std::string peer)
    : m_socket(std::move(socket)), m_peer(std::move(peer))
{
  m_socket.setSendTimeout(
      Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(kSendTimeout).count()));
}

SocketChannel::~SocketChannel()
{
  try {
    m_socket.close();
  } catch (const Poco::Exception&) {
    // Already gone: nothing to release.
  }
}

bool SocketChannel::takeLine(std::string& line)
{
  const auto newline = m_buffer.find('\n');
  if (newline == std::string::npos) {
    return false;
  }
  line.assign(m_buffer, 0, newline);
  m_buffer.erase(0, newline + 1);
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return true;
}

IpcChannel::ReadStatus SocketChannel::readLine(std::string& line, std::chrono::milliseconds timeout)
{
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::min<std::chrono::milliseconds>(timeout, kLongestWait);
  line.clear();
  for (;;) {
    if (m_skipping) {
      const auto newline = m_buffer.find('\n');
      m_buffer.erase(0, newline == std::string::npos ? m_buffer.size() : newline + 1);
      m_skipping = newline == std::string::npos;
    }
    if (!m_skipping) {
      const auto newline = m_buffer.find('\n');
      if (newline != std::string::npos && newline > kMaxLineBytes) {
        m_buffer.erase(0, newline + 1);
        return ReadStatus::TooLong;
      }
      if (takeLine(line)) {
        return ReadStatus::Line;
      }
      if (m_buffer.size() > kMaxLineBytes) {
        m_buffer.clear();
        m_skipping = true;
        return ReadStatus::TooLong;
      }
    }
    if (m_eof || m_shutdown) {
      line = m_skipping ? std::string() : std::move(m_buffer);
      m_buffer.clear();
      m_skipping = false;
      m_eof = true;
      return ReadStatus::Closed;
    }
    const auto now = Clock::now();
    if (now >= deadline) {
      return ReadStatus::Timeout;
    }
    const auto slice = std::min<Clock::duration>(deadline - now, kPollSlice);
    try {
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(slice).count();
      if (!m_socket.poll(Poco::Timespan(us),
                         Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR)) {
        continue;
      }
      char chunk[kReceiveChunk];
      const int n = m_socket.receiveBytes(chunk, static_cast<int>(sizeof chunk));
      if (n <= 0) {
        m_eof = true;
      } else {
        m_buffer.append(chunk, static_cast<std::size_t>(n));
      }
    } catch (const Poco::TimeoutException&) {
      continue;
    } catch (const Poco::Exception&) {
      m_eof = true; // reset or broken: the same as an end for the reader
    }
  }
}

void SocketChannel::writeLine(const std::string& line)
{
  std::lock_guard lock(m_writeMutex);
  if (m_shutdown) {
    throw ChannelError("The connection to " + m_peer + " is closed.");
  }
  const std::string data = line + "\n";
  std::size_t sent = 0;
  try {
    while (sent < data.size()) {
      const int n =
          m_socket.sendBytes(data.data() + sent, static_cast<int>(data.size() - sent), kSendFlags);
      if (n <= 0) {
        throw ChannelError("The connection to " + m_peer + " broke while sending.");
      }
      sent += static_cast<std::size_t>(n);
    }
  } catch (const Poco::Exception& e) {
    throw ChannelError("The connection to " + m_peer + " broke while sending: " + e.displayText());
  }
}

void SocketChannel::shutdown()
{
  m_shutdown = true;
  try {
    m_socket.shutdown();
  } catch (const Poco::Exception&) {
    // Not connected any more: already shut.
  }
}

} // namespace pupitre::ipc
