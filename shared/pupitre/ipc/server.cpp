#include "pupitre/ipc/server.h"

#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace pupitre::ipc {
namespace {

constexpr std::chrono::milliseconds kAcceptSlice{200};
constexpr std::chrono::milliseconds kReadSlice{500};
constexpr std::size_t kMaxQueuedNotifications = 1000;

// Compares in time independent of where the first difference is.
bool sameToken(const std::string& given, const std::string& expected)
{
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    difference |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  }
  return difference == 0;
}

bool blank(const std::string& line)
{
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

} // namespace

struct IpcServer::Connection
{
  Connection(std::unique_ptr<IpcChannel> c, std::uint64_t id) : channel(std::move(c)), session(id)
  {
  }

  // Writes one message; false (and the connection shut) when it cannot.
  bool send(const std::string& text)
  {
    try {
      channel->writeLine(text);
      return true;
    } catch (const ChannelError&) {
      channel->shutdown();
      return false;
    }
  }

  // Marks the connection active now (a line came, or a request ended).
  void touch() { lastActive = std::chrono::steady_clock::now().time_since_epoch().count(); }
  std::chrono::steady_clock::duration idleFor() const
  {
    return std::chrono::steady_clock::now().time_since_epoch() -
           std::chrono::steady_clock::duration(lastActive.load());
  }

  std::unique_ptr<IpcChannel> channel;
  Session session;
  std::thread thread;
  std::atomic<bool> finished{false};
  std::atomic<bool> busy{false};    // running a request
  std::atomic<bool> evicted{false}; // closed to make room; its thread is ending
  std::atomic<std::chrono::steady_clock::rep> lastActive{0};
};

IpcServer::IpcServer(std::unique_ptr<IpcListener> listener, MethodTable methods,
                     std::shared_ptr<spdlog::logger> log, std::chrono::milliseconds idleTimeout)
    : m_listener(std::move(listener)), m_methods(std::move(methods)),
      m_log(log ? std::move(log) : spdlog::default_logger()), m_token(m_listener->token()),
      m_address(m_listener->address()), m_idleTimeout(idleTimeout)
{
}

IpcServer::~IpcServer()
{
  stop();
}

void IpcServer::start()
{
  m_acceptThread = std::thread([this] { acceptLoop(); });
  m_sendThread = std::thread([this] { sendLoop(); });
}

void IpcServer::stop()
{
  if (m_stopping.exchange(true)) {
    return;
  }
  m_queueChanged.notify_all();
  if (m_acceptThread.joinable()) {
    m_acceptThread.join();
  }
  if (m_sendThread.joinable()) {
    m_sendThread.join();
  }
  m_listener->close();
  std::list<std::shared_ptr<Connection>> connections;
  {
    std::lock_guard lock(m_connectionsMutex);
    connections.swap(m_connections);
  }
  for (const auto& connection : connections) {
    connection->channel->shutdown();
  }
  for (const auto& connection : connections) {
    if (connection->thread.joinable()) {
      connection->thread.join();
    }
  }
}

void IpcServer::notify(const std::string& method, const Poco::JSON::Object::Ptr& params)
{
  const std::string text = encodeNotification(method, params);
  {
    std::lock_guard lock(m_queueMutex);
    if (m_queue.size() >= kMaxQueuedNotifications) {
      m_log->warn("Dropped notification {}: {} are waiting for slow clients", method,
                  m_queue.size());
      return;
    }
    m_queue.push_back(text);
  }
  m_queueChanged.notify_one();
}

void IpcServer::reapFinished()
{
  std::lock_guard lock(m_connectionsMutex);
  for (auto it = m_connections.begin(); it != m_connections.end();) {
    if ((*it)->finished) {
      (*it)->thread.join();
      it = m_connections.erase(it);
    } else {
      ++it;
    }
  }
}

void IpcServer::acceptLoop()
{
  while (!m_stopping) {
    std::unique_ptr<IpcChannel> channel;
    try {
      channel = m_listener->accept(kAcceptSlice);
    } catch (const std::exception& e) {
      m_log->error("Couldn't accept connections on {}: {}", m_address, e.what());
      std::this_thread::sleep_for(kAcceptSlice);
    }
    reapFinished();
    if (!channel) {
      continue;
    }
    std::lock_guard lock(m_connectionsMutex);
    const auto open = static_cast<std::size_t>(
        std::count_if(m_connections.begin(), m_connections.end(),
                      [](const auto& c) { return !c->finished && !c->evicted; }));
    if (open >= kMaxConnections && !evictIdlest()) {
      m_log->warn("Refused a connection from {}: {} connections are running requests already",
                  channel->peer(), open);
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(channel), m_nextSessionId++);
    connection->touch();
    m_connections.push_back(connection);
    connection->thread = std::thread([this, connection] { serve(connection); });
  }
}

bool IpcServer::evictIdlest()
{
  std::shared_ptr<Connection> idlest;
  for (const auto& connection : m_connections) {
    if (connection->finished || connection->evicted || connection->busy) {
      continue;
    }
    if (!idlest || connection->lastActive < idlest->lastActive) {
      idlest = connection;
    }
  }
  if (!idlest) {
    return false;
  }
  m_log->info("Closed the connection of {} (session {}), idle for {} s, to make room: {} are open",
              idlest->channel->peer(), idlest->session.id(),
              std::chrono::duration_cast<std::chrono::seconds>(idlest->idleFor()).count(),
              kMaxConnections);
  idlest->evicted = true;
  idlest->channel->shutdown();
  return true;
}

void IpcServer::serve(const std::shared_ptr<Connection>& connection)
{
  IpcChannel& channel = *connection->channel;
  m_log->debug("Client {} connected (session {})", channel.peer(), connection->session.id());
  std::string line;
  for (bool open = true; open && !m_stopping;) {
    switch (channel.readLine(line, kReadSlice)) {
    case IpcChannel::ReadStatus::Line:
      connection->busy = true;
      open = handleLine(*connection, line);
      connection->touch();
      connection->busy = false;
      break;
    case IpcChannel::ReadStatus::TooLong:
      m_log->warn("Client {} sent a message over {} bytes; answered with an error", channel.peer(),
                  kMaxLineBytes);
      open = connection->send(encodeError({}, errors::kInvalidRequest,
                                          "The message is longer than the limit of " +
                                              std::to_string(kMaxLineBytes) + " bytes."));
      break;
    case IpcChannel::ReadStatus::Closed:
      if (!blank(line)) { // a last message without its newline
        handleLine(*connection, line);
      }
      open = false;
      break;
    case IpcChannel::ReadStatus::Timeout:
      // A subscriber waits for notifications; anyone else silent this long is gone or stuck.
      if (!connection->session.subscribed() && connection->idleFor() >= m_idleTimeout) {
        m_log->debug("Closed the connection of {} (session {}): silent for {} s", channel.peer(),
                     connection->session.id(),
                     std::chrono::duration_cast<std::chrono::seconds>(m_idleTimeout).count());
        open = false;
      }
      break;
    }
  }
  channel.shutdown();
  m_log->debug("Client {} disconnected (session {})", channel.peer(), connection->session.id());
  connection->finished = true;
}

bool IpcServer::handleLine(Connection& connection, const std::string& line)
{
  if (blank(line)) {
    return true;
  }
  const Message message = parseMessage(line);
  switch (message.kind) {
  case Message::Kind::Invalid:
    return connection.send(encodeError(message.id, message.errorCode, message.errorMessage));
  case Message::Kind::Response:
    return true; // the daemon sends no requests: nothing waits for an answer
  case Message::Kind::Request:
  case Message::Kind::Notification:
    break;
  }
  const bool answer = message.kind == Message::Kind::Request;
  if (!m_token.empty() && !sameToken(message.auth, m_token)) {
    m_log->warn("Refused a request from {}: it lacks the connection token",
                connection.channel->peer());
    connection.send(encodeError(message.id, errors::kUnauthorized,
                                "This request lacks pupitred's connection token."));
    return false;
  }
  const auto method = m_methods.find(message.method);
  if (method == m_methods.end()) {
    return !answer || connection.send(encodeError(message.id, errors::kMethodNotFound,
                                                  "Unknown method \"" + message.method + "\"."));
  }
  std::string reply;
  try {
    reply = encodeResult(message.id, method->second(message.params, connection.session));
  } catch (const RpcError& e) {
    reply = encodeError(message.id, e.code(), e.what(), e.reason(), e.wireSentence());
  } catch (const std::exception& e) {
    m_log->error("Method {} failed: {}", message.method, e.what());
    reply = encodeError(message.id, errors::kInternalError,
                        std::string("pupitred failed: ") + e.what(), reasons::kInternal);
  }
  return !answer || connection.send(reply);
}

void IpcServer::sendLoop()
{
  for (;;) {
    std::string text;
    {
      std::unique_lock lock(m_queueMutex);
      m_queueChanged.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      if (m_stopping) {
        return;
      }
      text = std::move(m_queue.front());
      m_queue.pop_front();
    }
    std::vector<std::shared_ptr<Connection>> subscribers;
    {
      std::lock_guard lock(m_connectionsMutex);
      for (const auto& connection : m_connections) {
        if (connection->session.subscribed() && !connection->finished) {
          subscribers.push_back(connection);
        }
      }
    }
    for (const auto& connection : subscribers) {
      connection->send(text);
    }
  }
}

} // namespace pupitre::ipc
