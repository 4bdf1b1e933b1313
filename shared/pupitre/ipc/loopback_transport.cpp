// The Windows transport (Poco 1.11 has no AF_UNIX there): loopback TCP on a port the OS
// chooses, with the port and a 256-bit random token in an endpoint file only the user can
// read. Plain Poco, so it builds and is tested on Linux too; only the file's protection is
// platform code.
#include "pupitre/ipc/channel.h"
#include "pupitre/ipc/socket_channel.h"
#include "pupitre/json_integers.h"
#include "pupitre/paths.h"
#include "pupitre/private_file.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/RandomStream.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#ifdef _WIN32
#include "pupitre/win/wide_text.h"

#include <windows.h>
#endif

namespace pupitre::ipc {
namespace {

constexpr std::size_t kTokenBytes = 32; // 256 bits

std::string randomToken()
{
  Poco::RandomInputStream random;
  std::string hex;
  static const char* digits = "0123456789abcdef";
  for (std::size_t i = 0; i < kTokenBytes; ++i) {
    const auto byte = static_cast<unsigned char>(random.get());
    hex += digits[byte >> 4];
    hex += digits[byte & 0x0f];
  }
  return hex;
}

#ifdef _WIN32
// One pupitred per endpoint file: ENDPOINT.lock held open without sharing while it listens.
// Windows releases it when the process ends, however it ends.
class EndpointLock
{
public:
  explicit EndpointLock(const std::string& endpointFile) : m_path(win::wide(endpointFile + ".lock"))
  {
    m_handle = CreateFileW(m_path.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
    if (m_handle == INVALID_HANDLE_VALUE) {
      const DWORD error = GetLastError();
      if (error == ERROR_SHARING_VIOLATION) {
        throw Error("pupitred is already running for this user (endpoint file '" + endpointFile +
                    "').");
      }
      throw Error("Couldn't lock '" + endpointFile + ".lock': " + win::errorText(error) + ".");
    }
  }
  ~EndpointLock()
  {
    CloseHandle(m_handle);
    DeleteFileW(m_path.c_str()); // fails, harmlessly, when another pupitred has it open now
  }
  EndpointLock(const EndpointLock&) = delete;
  EndpointLock& operator=(const EndpointLock&) = delete;

private:
  std::wstring m_path;
  HANDLE m_handle = INVALID_HANDLE_VALUE;
};
#else
// Elsewhere the loopback transport serves tests only; the Unix socket's lock guards pupitred.
class EndpointLock
{
public:
  explicit EndpointLock(const std::string&) {}
};
#endif

class LoopbackListener : public IpcListener
{
public:
  LoopbackListener(std::string endpointFile, std::shared_ptr<spdlog::logger> log)
      : m_file(std::move(endpointFile)), m_log(std::move(log)), m_token(randomToken())
  {
    makePrivateFolder(std::filesystem::path(m_file).parent_path().string(), false);
    m_lock = std::make_unique<EndpointLock>(m_file);
    try {
      m_server.bind(Poco::Net::SocketAddress("127.0.0.1", 0));
      m_server.listen(16);
    } catch (const Poco::Exception& e) {
      throw Error("Couldn't listen on the loopback interface: " + e.displayText());
    }
    Poco::JSON::Object endpoint;
    endpoint.set("port", static_cast<int>(m_server.address().port()));
    endpoint.set("token", m_token);
    std::ostringstream text;
    endpoint.stringify(text);
    m_contents = text.str();
    writePrivateFile(m_file, m_contents);
  }

  ~LoopbackListener() override { close(); }

  std::unique_ptr<IpcChannel> accept(std::chrono::milliseconds timeout) override
  {
    if (m_closed) {
      return nullptr;
    }
    try {
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
      if (!m_server.poll(Poco::Timespan(us), Poco::Net::Socket::SELECT_READ)) {
        return nullptr;
      }
      Poco::Net::SocketAddress peer;
      Poco::Net::StreamSocket socket = m_server.acceptConnection(peer);
      if (!peer.host().isLoopback()) {
        m_log->warn("Refused a connection from {}: only this computer may connect",
                    peer.toString());
        return nullptr;
      }
      return std::make_unique<SocketChannel>(socket, peer.toString());
    } catch (const Poco::Exception& e) {
      m_log->warn("Couldn't accept a connection on {}: {}", m_server.address().toString(),
                  e.displayText());
      return nullptr;
    }
  }

  std::string token() const override { return m_token; }
  std::string address() const override { return m_file; }

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
    if (readWholeFile(m_file) == m_contents) { // not another daemon's file
      std::remove(m_file.c_str());
    }
    m_lock.reset();
  }

private:
  std::string m_file;
  std::shared_ptr<spdlog::logger> m_log;
  std::string m_token;
  std::string m_contents;
  std::unique_ptr<EndpointLock> m_lock;
  Poco::Net::ServerSocket m_server;
  bool m_closed = false;
};

} // namespace

std::unique_ptr<IpcListener> listenLoopback(const std::string& endpointFile,
                                            std::shared_ptr<spdlog::logger> log)
{
  return std::make_unique<LoopbackListener>(endpointFile,
                                            log ? std::move(log) : spdlog::default_logger());
}

ClientConnection connectLoopback(const std::string& endpointFile, std::chrono::milliseconds timeout)
{
  const std::string text = readWholeFile(endpointFile).value_or("");
  if (text.empty()) {
    throw DaemonUnavailable("pupitred is not running (there is no endpoint file at '" +
                            endpointFile + "').");
  }
  int port = 0;
  std::string token;
  try {
    if (firstIntegerOutOfRange(text)) {
      throw Poco::DataFormatException("a number out of range");
    }
    Poco::JSON::Parser parser;
    const auto endpoint = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    port = endpoint->getValue<int>("port");
    token = endpoint->getValue<std::string>("token");
  } catch (const Poco::Exception&) {
    throw DaemonUnavailable("pupitred's endpoint file '" + endpointFile +
                            "' is damaged; restart pupitred.");
  }
  Poco::Net::StreamSocket socket;
  try {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)),
                   Poco::Timespan(us));
  } catch (const Poco::Net::ConnectionRefusedException&) {
    throw DaemonUnavailable("pupitred is not running (its endpoint file '" + endpointFile +
                            "' is left from an earlier run).");
  } catch (const Poco::Exception& e) {
    throw DaemonUnavailable("Couldn't connect to pupitred on port " + std::to_string(port) + ": " +
                            e.displayText());
  }
  return {std::make_unique<SocketChannel>(socket, "pupitred"), token};
}

#ifdef _WIN32
std::string defaultEndpoint()
{
  return paths::dataDir() + "\\pupitred.endpoint";
}

std::unique_ptr<IpcListener> listen(const std::string& endpoint,
                                    std::shared_ptr<spdlog::logger> log)
{
  return listenLoopback(endpoint, std::move(log));
}

ClientConnection connect(const std::string& endpoint, std::chrono::milliseconds timeout)
{
  return connectLoopback(endpoint, timeout);
}
#endif

} // namespace pupitre::ipc
