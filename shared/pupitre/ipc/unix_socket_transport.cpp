// The Linux/macOS transport: a Unix-domain socket in a private folder, peers checked by uid.
#ifndef _WIN32

#include "pupitre/ipc/channel.h"
#include "pupitre/ipc/socket_channel.h"
#include "pupitre/private_file.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace pupitre::ipc {
namespace {

using Poco::Net::SocketAddress;

std::string systemError(int error)
{
  return std::strerror(error);
}

std::string runtimeDir()
{
  const char* xdg = std::getenv("XDG_RUNTIME_DIR");
  if (xdg && xdg[0] == '/') {
    return std::string(xdg) + "/pupitre";
  }
  // No per-user runtime folder: a folder of ours in the shared temporary folder, which
  // another user may have created first (preparePrivateFolder and checkSocketFolder refuse it).
  const char* tmp = std::getenv("TMPDIR");
  std::string base = tmp && tmp[0] == '/' ? tmp : "/tmp";
  while (base.size() > 1 && base.back() == '/') {
    base.pop_back();
  }
  return base + "/pupitre-" + std::to_string(geteuid());
}

// Why `dir` cannot hold a socket pupitred and its clients trust, or empty when it can: it
// must be a real folder (not a link) of this user's that no one else may open.
std::string unsafeFolder(const std::string& dir, const struct stat& st)
{
  if (S_ISLNK(st.st_mode)) {
    return "'" + dir + "' is a symbolic link, not a folder";
  }
  if (!S_ISDIR(st.st_mode)) {
    return "'" + dir + "' is not a folder";
  }
  if (st.st_uid != geteuid()) {
    return "the folder '" + dir + "' belongs to another user (uid " + std::to_string(st.st_uid) +
           ")";
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return "the folder '" + dir + "' is open to other users (mode " + mode + ", not 0700)";
  }
  return {};
}

// Creates `dir` 0700 when missing. An existing folder must be a real folder of this user's
// (a /tmp name someone else created first, or a link, is refused); the per-user default folder
// is tightened to 0700, another folder that others may open is refused.
void preparePrivateFolder(const std::string& dir, bool isDefault)
{
  makePrivateFolder(std::filesystem::path(dir).parent_path().string(), false);
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error("Couldn't create the folder '" + dir +
                "' for pupitred's socket: " + systemError(errno));
  }
  struct stat st
  {
  };
  if (lstat(dir.c_str(), &st) != 0) {
    throw Error("Couldn't open the folder '" + dir +
                "' for pupitred's socket: " + systemError(errno));
  }
  std::string problem = unsafeFolder(dir, st);
  if (!problem.empty() && isDefault && S_ISDIR(st.st_mode) && st.st_uid == geteuid()) {
    const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || fchmod(fd, 0700) != 0) {
      const int error = errno;
      if (fd >= 0) {
        ::close(fd);
      }
      throw Error("Couldn't make '" + dir + "' private (0700): " + systemError(error));
    }
    ::close(fd);
    problem.clear();
  }
  if (!problem.empty()) {
    problem[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(problem[0])));
    throw Error(problem + "; pupitred will not put its socket there. " +
                (isDefault ? "Remove it or set XDG_RUNTIME_DIR."
                           : "Choose a folder only you can open (chmod 700) with --socket."));
  }
}

// The client's side of the same rule, checked before a byte is sent: the socket's folder and
// the socket are this user's, and neither is a link. Throws UnsafeEndpoint.
void checkSocketFolder(const std::string& path)
{
  const std::string dir = std::filesystem::path(path).parent_path().string();
  struct stat st
  {
  };
  if (lstat(dir.c_str(), &st) != 0) {
    throw DaemonUnavailable("pupitred is not running (there is no folder '" + dir + "').");
  }
  const std::string problem = unsafeFolder(dir, st);
  if (!problem.empty()) {
    throw UnsafeEndpoint("Refused to talk to '" + path + "': " + problem +
                         ", so another user could pose as pupitred. Nothing was sent. Remove '" +
                         dir + "' and restart pupitred, or set XDG_RUNTIME_DIR.");
  }
  if (lstat(path.c_str(), &st) != 0) {
    throw DaemonUnavailable("pupitred is not running (there is no socket at '" + path + "').");
  }
  if (S_ISLNK(st.st_mode) || !S_ISSOCK(st.st_mode) || st.st_uid != geteuid()) {
    throw UnsafeEndpoint("Refused to talk to '" + path + "': it is " +
                         (S_ISLNK(st.st_mode) ? std::string("a symbolic link")
                          : !S_ISSOCK(st.st_mode)
                              ? std::string("not a socket")
                              : "another user's (uid " + std::to_string(st.st_uid) + ")") +
                         ", not pupitred's socket. Nothing was sent. Remove it and restart "
                         "pupitred.");
  }
}

SocketAddress unixAddress(const std::string& path)
{
  if (path.size() >= sizeof(sockaddr_un::sun_path)) {
    throw Error("The socket path '" + path + "' is too long (" + std::to_string(path.size()) +
                " bytes; Unix sockets allow " + std::to_string(sizeof(sockaddr_un::sun_path) - 1) +
                "). Choose a shorter --socket.");
  }
  return SocketAddress(SocketAddress::UNIX_LOCAL, path);
}

bool peerUid(const Poco::Net::StreamSocket& socket, uid_t& uid)
{
  const int fd = socket.impl()->sockfd();
#if defined(__APPLE__)
  gid_t gid = 0;
  return getpeereid(fd, &uid, &gid) == 0;
#else
  struct ucred cred
  {
  };
  socklen_t length = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) {
    return false;
  }
  uid = cred.uid;
  return true;
#endif
}

class UnixSocketListener : public IpcListener
{
public:
  UnixSocketListener(std::string path, std::shared_ptr<spdlog::logger> log)
      : m_path(std::move(path)), m_log(std::move(log))
  {
    const std::string dir = std::filesystem::path(m_path).parent_path().string();
    preparePrivateFolder(dir, dir == runtimeDir());
    const SocketAddress address = unixAddress(m_path);
    // One daemon per socket: the lock is held for the daemon's life and freed by the kernel
    // when it dies, so a left-over socket file can be removed safely.
    const std::string lockPath = m_path + ".lock";
    // Never through a link: it would make pupitred create or lock a file elsewhere.
    m_lockFd = open(lockPath.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    if (m_lockFd < 0) {
      throw Error(errno == ELOOP ? "'" + lockPath +
                                       "' is a symbolic link; remove it (pupitred makes its own "
                                       "lock file) and start pupitred again."
                                 : "Couldn't open '" + lockPath + "': " + systemError(errno));
    }
    struct stat lockStat
    {
    };
    if (fstat(m_lockFd, &lockStat) != 0 || !S_ISREG(lockStat.st_mode)) {
      ::close(m_lockFd);
      throw Error("'" + lockPath + "' is not a regular file; remove it and start pupitred again.");
    }
    if (flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
      ::close(m_lockFd);
      throw Error("pupitred is already running for this user (socket '" + m_path + "').");
    }
    struct stat st
    {
    };
    if (lstat(m_path.c_str(), &st) == 0) {
      if (!S_ISSOCK(st.st_mode)) {
        ::close(m_lockFd);
        throw Error("'" + m_path + "' exists and is " +
                    (S_ISLNK(st.st_mode) ? "a symbolic link" : "not a socket") +
                    "; remove it or choose another --socket.");
      }
      ::unlink(m_path.c_str()); // left over from a daemon that died
    }
    const mode_t previous = umask(0077);
    try {
      m_server.bind(address);
      m_server.listen(16);
    } catch (const Poco::Exception& e) {
      umask(previous);
      ::close(m_lockFd);
      throw Error("Couldn't listen on '" + m_path + "': " + e.displayText());
    }
    umask(previous);
    chmod(m_path.c_str(), 0600);
    if (lstat(m_path.c_str(), &st) == 0) {
      m_inode = st.st_ino;
    }
  }

  ~UnixSocketListener() override { close(); }

  std::unique_ptr<IpcChannel> accept(std::chrono::milliseconds timeout) override
  {
    if (m_closed) {
      return nullptr;
    }
    Poco::Net::StreamSocket socket;
    try {
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
      if (!m_server.poll(Poco::Timespan(us), Poco::Net::Socket::SELECT_READ)) {
        return nullptr;
      }
      socket = m_server.acceptConnection();
    } catch (const Poco::Exception& e) {
      m_log->warn("Couldn't accept a connection on '{}': {}", m_path, e.displayText());
      return nullptr;
    }
    uid_t uid = 0;
    if (!peerUid(socket, uid)) {
      m_log->warn("Refused a connection on '{}': its user could not be checked ({})", m_path,
                  systemError(errno));
      return nullptr;
    }
    if (uid != geteuid()) {
      m_log->warn("Refused a connection on '{}' from uid {}: pupitred serves uid {} only", m_path,
                  uid, geteuid());
      return nullptr;
    }
    return std::make_unique<SocketChannel>(socket, "uid " + std::to_string(uid));
  }

  std::string token() const override { return {}; }
  std::string address() const override { return m_path; }

  void close() override
  {
    if (m_closed) {
      return;
    }
    m_closed = true;
    try {
      m_server.close();
    } catch (const Poco::Exception&) {
      // Nothing left to close.
    }
    // Remove the socket only if it is still ours.
    struct stat st
    {
    };
    if (lstat(m_path.c_str(), &st) == 0 && st.st_ino == m_inode) {
      ::unlink(m_path.c_str());
    }
    ::close(m_lockFd);
  }

private:
  std::string m_path;
  std::shared_ptr<spdlog::logger> m_log;
  Poco::Net::ServerSocket m_server;
  int m_lockFd = -1;
  ino_t m_inode = 0;
  bool m_closed = false;
};

} // namespace

std::unique_ptr<IpcListener> listenUnixSocket(const std::string& path,
                                              std::shared_ptr<spdlog::logger> log)
{
  return std::make_unique<UnixSocketListener>(path,
                                              log ? std::move(log) : spdlog::default_logger());
}

ClientConnection connectUnixSocket(const std::string& path, std::chrono::milliseconds timeout)
{
  struct stat st
  {
  };
  if (lstat(path.c_str(), &st) != 0) {
    throw DaemonUnavailable("pupitred is not running (there is no socket at '" + path + "').");
  }
  checkSocketFolder(path);
  Poco::Net::StreamSocket socket;
  try {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
    socket.connect(unixAddress(path), Poco::Timespan(us));
  } catch (const Poco::Net::ConnectionRefusedException&) {
    throw DaemonUnavailable("pupitred is not running (its socket '" + path +
                            "' is left from an earlier run).");
  } catch (const Poco::Exception& e) {
    throw DaemonUnavailable("Couldn't connect to pupitred at '" + path + "': " + e.displayText());
  }
  // Whoever listens must run as this user: a password goes over this connection.
  uid_t uid = 0;
  if (!peerUid(socket, uid)) {
    throw UnsafeEndpoint("Refused to talk to '" + path +
                         "': the user of the process listening there could not be checked (" +
                         systemError(errno) + "). Nothing was sent.");
  }
  if (uid != geteuid()) {
    throw UnsafeEndpoint("Refused to talk to '" + path + "': the process listening there runs " +
                         "as another user (uid " + std::to_string(uid) +
                         "), not as you, so it is not your pupitred. Nothing was sent. Stop " +
                         "that process, remove the socket and restart pupitred.");
  }
  return {std::make_unique<SocketChannel>(socket, "pupitred"), {}};
}

std::string defaultEndpoint()
{
  return runtimeDir() + "/pupitred.sock";
}

std::unique_ptr<IpcListener> listen(const std::string& endpoint,
                                    std::shared_ptr<spdlog::logger> log)
{
  return listenUnixSocket(endpoint, std::move(log));
}

ClientConnection connect(const std::string& endpoint, std::chrono::milliseconds timeout)
{
  return connectUnixSocket(endpoint, timeout);
}

} // namespace pupitre::ipc

#endif // _WIN32
