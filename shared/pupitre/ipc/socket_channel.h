#pragma once
// IpcChannel over a connected Poco stream socket (Unix-domain or loopback TCP): newline-framed
// reads with a length limit, whole-line writes with a send timeout.
#include "pupitre/ipc/channel.h"

#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <mutex>

namespace pupitre::ipc {

class SocketChannel : public IpcChannel
{
public:
  SocketChannel(Poco::Net::StreamSocket socket, std::string peer);
  ~SocketChannel() override;

  ReadStatus readLine(std::string& line, std::chrono::milliseconds timeout) override;
  void writeLine(const std::string& line) override;
  void shutdown() override;
  std::string peer() const override { return m_peer; }

private:
  // Moves the next complete line out of m_buffer; false when there is none yet.
  bool takeLine(std::string& line);

  Poco::Net::StreamSocket m_socket;
  std::string m_peer;
  std::string m_buffer;    // received bytes not yet returned
  bool m_skipping = false; // inside a line that was too long: drop bytes up to '\n'
  bool m_eof = false;
  std::atomic<bool> m_shutdown{false};
  std::mutex m_writeMutex;
};

} // namespace pupitre::ipc
