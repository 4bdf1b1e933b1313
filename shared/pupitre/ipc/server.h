#pragma once
// The daemon's side of the IPC: accepts connections from its listener, reads one JSON-RPC
// request per line, calls the method from its table, writes the answer, and pushes
// notifications to the connections that subscribed. Silent connections without a subscription
// are closed after a timeout, and a full house makes room for a newcomer (protocol.h,
// kMaxConnections, kIdleTimeout). One thread accepts, one thread per
// connection reads and runs that connection's requests (a slow login blocks only its own
// client), one thread sends notifications so that the sync never waits on a client.
#include "pupitre/ipc/channel.h"
#include "pupitre/ipc/protocol.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace pupitre::ipc {

// One client connection, as a method sees it.
class Session
{
public:
  explicit Session(std::uint64_t id) : m_id(id) {}
  std::uint64_t id() const { return m_id; }
  void subscribe() { m_subscribed = true; }
  bool subscribed() const { return m_subscribed; }

private:
  std::uint64_t m_id;
  std::atomic<bool> m_subscribed{false};
};

// A method: reads its params, returns its result, or throws RpcError (message.h).
using MethodHandler =
    std::function<Poco::Dynamic::Var(const Poco::JSON::Object::Ptr& params, Session& session)>;
using MethodTable = std::map<std::string, MethodHandler>;

class IpcServer
{
public:
  // `idleTimeout`: how long a connection without a subscription may stay silent (kIdleTimeout).
  IpcServer(std::unique_ptr<IpcListener> listener, MethodTable methods,
            std::shared_ptr<spdlog::logger> log,
            std::chrono::milliseconds idleTimeout = kIdleTimeout);
  ~IpcServer(); // stops
  IpcServer(const IpcServer&) = delete;
  IpcServer& operator=(const IpcServer&) = delete;

  void start();
  // Closes the listener and every connection and waits for their threads.
  void stop();
  // Queues a notification for every subscribed connection; returns at once.
  void notify(const std::string& method, const Poco::JSON::Object::Ptr& params);
  std::string address() const { return m_address; }

private:
  struct Connection;

  void acceptLoop();
  void serve(const std::shared_ptr<Connection>& connection);
  // Answers one line; false when the connection must end (wrong token).
  bool handleLine(Connection& connection, const std::string& line);
  void sendLoop();
  void reapFinished();
  // Closes the connection idle the longest to make room for a new one; false when every
  // connection is running a request. Called with m_connectionsMutex held.
  bool evictIdlest();

  std::unique_ptr<IpcListener> m_listener;
  const MethodTable m_methods;
  std::shared_ptr<spdlog::logger> m_log;
  const std::string m_token;
  const std::string m_address;
  const std::chrono::milliseconds m_idleTimeout;

  std::atomic<bool> m_stopping{false};
  std::thread m_acceptThread;
  std::thread m_sendThread;
  std::uint64_t m_nextSessionId = 1;

  std::mutex m_connectionsMutex;
  std::list<std::shared_ptr<Connection>> m_connections;

  std::mutex m_queueMutex;
  std::condition_variable m_queueChanged;
  std::deque<std::string> m_queue; // encoded notifications
};

} // namespace pupitre::ipc
