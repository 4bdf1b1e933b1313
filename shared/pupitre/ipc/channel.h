#pragma once
// How IPC messages travel between pupitred and a client on one machine: a connection that
// carries lines (IpcChannel) and a listener that admits only the daemon's own user
// (IpcListener). Two transports sit behind them (architecture.md, "Local IPC"):
//  - Linux/macOS: a Unix-domain socket, 0600, in a 0700 per-user folder; the peer's uid is
//    checked on every accepted connection (SO_PEERCRED / getpeereid).
//  - Windows (Poco 1.11 has no AF_UNIX there): loopback TCP on a port the OS chooses; the
//    port and a 256-bit random token are written to an endpoint file only the user can read,
//    and every request must carry the token.
#include "pupitre/error.h"

#include <chrono>
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace pupitre::ipc {

// pupitred could not be reached: not running, or the socket is not this user's.
class DaemonUnavailable : public Error
{
public:
  using Error::Error;
};

// The socket, or its folder, is not this user's (or a link), or another user's process listens
// there: the client refused to talk to it before sending anything.
class UnsafeEndpoint : public Error
{
public:
  using Error::Error;
};

// A connection broke, or an answer did not come in time.
class ChannelError : public Error
{
public:
  using Error::Error;
};

class IpcChannel
{
public:
  enum class ReadStatus {
    Line,    // `line` holds the next line, without its newline
    TooLong, // the line passed kMaxLineBytes; the rest of it up to its newline is skipped
    Closed,  // the peer ended the connection; `line` holds an unterminated last line, if any
    Timeout, // nothing complete arrived in time
  };

  virtual ~IpcChannel() = default;
  virtual ReadStatus readLine(std::string& line, std::chrono::milliseconds timeout) = 0;
  // Writes `line` and a newline, whole, even when several threads write. Throws ChannelError.
  virtual void writeLine(const std::string& line) = 0;
  // Ends the connection; a readLine waiting in another thread returns Closed.
  virtual void shutdown() = 0;
  // Who is on the other side, for logs ("uid 1000", "127.0.0.1:50123").
  virtual std::string peer() const = 0;
};

class IpcListener
{
public:
  virtual ~IpcListener() = default;
  // The next admitted connection, or nullptr when the time ran out or a peer was refused
  // (refusals are logged).
  virtual std::unique_ptr<IpcChannel> accept(std::chrono::milliseconds timeout) = 0;
  // The token every request must carry (protocol.h, kAuthMember); empty when not needed.
  virtual std::string token() const = 0;
  // The socket or endpoint file, for messages.
  virtual std::string address() const = 0;
  // Stops listening and removes the socket or endpoint file.
  virtual void close() = 0;
};

// An open client connection and the token its requests must carry.
struct ClientConnection
{
  std::unique_ptr<IpcChannel> channel;
  std::string token;
};

// Where this OS user's pupitred listens unless told otherwise:
// $XDG_RUNTIME_DIR/pupitre/pupitred.sock, else $TMPDIR (or /tmp)/pupitre-UID/pupitred.sock;
// on Windows the endpoint file %LOCALAPPDATA%\Pupitre\pupitred.endpoint.
std::string defaultEndpoint();

// The platform's transport, at `endpoint` (a socket path, or the endpoint file on Windows).
// listen throws Error when the endpoint cannot be set up or another pupitred holds it;
// connect throws DaemonUnavailable when nothing answers there, and UnsafeEndpoint, before
// sending anything, when the socket's folder is not this user's with mode 0700, the socket is
// a link, or the listening process runs as another user (SO_PEERCRED / getpeereid).
std::unique_ptr<IpcListener> listen(const std::string& endpoint,
                                    std::shared_ptr<spdlog::logger> log);
ClientConnection connect(const std::string& endpoint, std::chrono::milliseconds timeout);

#ifndef _WIN32
// The folder is created 0700 when missing; an existing folder must be a real folder of this
// user's; the default runtime folder is set to 0700 when it is looser, another loose folder is
// refused. The lock file (PATH.lock) and the socket are never followed through a link.
std::unique_ptr<IpcListener> listenUnixSocket(const std::string& path,
                                              std::shared_ptr<spdlog::logger> log);
ClientConnection connectUnixSocket(const std::string& path, std::chrono::milliseconds timeout);
#endif

// Loopback TCP with a token: the Windows transport. It is plain Poco and builds everywhere,
// so its token checks are tested on Linux too.
std::unique_ptr<IpcListener> listenLoopback(const std::string& endpointFile,
                                            std::shared_ptr<spdlog::logger> log);
ClientConnection connectLoopback(const std::string& endpointFile,
                                 std::chrono::milliseconds timeout);

} // namespace pupitre::ipc
