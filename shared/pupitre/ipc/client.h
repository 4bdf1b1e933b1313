#pragma once
// A client of pupitred's IPC, for pupitrectl and the app: requests with ids and timeouts,
// and notifications delivered to a callback. A reader thread takes every line the daemon
// sends; answers wake the call waiting for them, notifications go to the handler (on that
// reader thread: a GUI hands them to its own thread).
#include "pupitre/ipc/channel.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace pupitre::ipc {

struct Message;

class IpcClient
{
public:
  using NotificationHandler =
      std::function<void(const std::string& method, const Poco::JSON::Object::Ptr& params)>;

  static constexpr std::chrono::milliseconds kConnectTimeout{3000};
  static constexpr std::chrono::milliseconds kCallTimeout{30000};

  // Connects to pupitred at `endpoint` (defaultEndpoint() when empty). Throws
  // DaemonUnavailable when it is not running.
  explicit IpcClient(std::string endpoint = {},
                     std::chrono::milliseconds connectTimeout = kConnectTimeout);
  ~IpcClient();
  IpcClient(const IpcClient&) = delete;
  IpcClient& operator=(const IpcClient&) = delete;

  // Set before subscribing. Called for each notification, on the client's reader thread.
  void setNotificationHandler(NotificationHandler handler);

  // Sends a request and waits for its answer. Throws RpcError for an error answer and
  // ChannelError when the connection ends or the answer does not come in time.
  Poco::Dynamic::Var call(const std::string& method, const Poco::JSON::Object::Ptr& params = {},
                          std::chrono::milliseconds timeout = kCallTimeout);
  // The same, for methods whose result is an object.
  Poco::JSON::Object::Ptr callObject(const std::string& method,
                                     const Poco::JSON::Object::Ptr& params = {},
                                     std::chrono::milliseconds timeout = kCallTimeout);

  // The version handshake: throws RpcError(kVersionMismatch) when the daemon cannot serve
  // this client. Returns the daemon's description ("pupitred 0.1.0").
  std::string hello(const std::string& clientName);

  const std::string& endpoint() const { return m_endpoint; }
  bool connected() const;

private:
  struct Pending;
  void readLoop();

  std::string m_endpoint;
  std::unique_ptr<IpcChannel> m_channel;
  std::string m_token;
  std::thread m_reader;

  mutable std::mutex m_mutex;
  std::condition_variable m_answered;
  std::int64_t m_nextId = 1;
  std::map<std::int64_t, std::shared_ptr<Pending>> m_pending;
  bool m_closed = false;
  std::string m_closeReason;
  NotificationHandler m_handler;
};

} // namespace pupitre::ipc
