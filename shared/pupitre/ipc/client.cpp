#include "pupitre/ipc/client.h"

#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"

namespace pupitre::ipc {
namespace {

constexpr std::chrono::milliseconds kReadSlice{500};

} // namespace

struct IpcClient::Pending
{
  bool done = false;
  Message answer;
};

IpcClient::IpcClient(std::string endpoint, std::chrono::milliseconds connectTimeout)
    : m_endpoint(endpoint.empty() ? defaultEndpoint() : std::move(endpoint))
{
  ClientConnection connection = connect(m_endpoint, connectTimeout);
  m_channel = std::move(connection.channel);
  m_token = std::move(connection.token);
  m_reader = std::thread([this] { readLoop(); });
}

IpcClient::~IpcClient()
{
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
  }
  m_channel->shutdown();
  if (m_reader.joinable()) {
    m_reader.join();
  }
}

void IpcClient::setNotificationHandler(NotificationHandler handler)
{
  std::lock_guard lock(m_mutex);
  m_handler = std::move(handler);
}

bool IpcClient::connected() const
{
  std::lock_guard lock(m_mutex);
  return !m_closed;
}

void IpcClient::readLoop()
{
  std::string line;
  for (;;) {
    const auto status = m_channel->readLine(line, kReadSlice);
    if (status == IpcChannel::ReadStatus::Timeout) {
      std::lock_guard lock(m_mutex);
      if (m_closed) {
        break;
      }
      continue;
    }
    if (status != IpcChannel::ReadStatus::Line) {
      break; // closed, or the daemon sent something absurd
    }
    Message message = parseMessage(line);
    if (message.kind == Message::Kind::Notification) {
      NotificationHandler handler;
      {
        std::lock_guard lock(m_mutex);
        handler = m_handler;
      }
      if (handler) {
        handler(message.method, message.params);
      }
      continue;
    }
    if (message.kind != Message::Kind::Response || !message.id.isInteger()) {
      continue; // an error about a line we never sent, or noise: nothing waits for it
    }
    std::lock_guard lock(m_mutex);
    const auto it = m_pending.find(message.id.convert<std::int64_t>());
    if (it != m_pending.end()) {
      it->second->answer = std::move(message);
      it->second->done = true;
      m_answered.notify_all();
    }
  }
  std::lock_guard lock(m_mutex);
  if (m_closeReason.empty()) {
    m_closeReason = m_closed ? "The connection to pupitred was closed."
                             : "pupitred closed the connection (it stopped or restarted).";
  }
  m_closed = true;
  m_answered.notify_all();
}

Poco::Dynamic::Var IpcClient::call(const std::string& method, const Poco::JSON::Object::Ptr& params,
                                   std::chrono::milliseconds timeout)
{
  auto pending = std::make_shared<Pending>();
  std::int64_t id = 0;
  {
    std::lock_guard lock(m_mutex);
    if (m_closed) {
      throw ChannelError(m_closeReason);
    }
    id = m_nextId++;
    m_pending[id] = pending;
  }
  try {
    m_channel->writeLine(encodeRequest(id, method, params, m_token));
  } catch (const ChannelError&) {
    std::lock_guard lock(m_mutex);
    m_pending.erase(id);
    if (m_closeReason.empty()) {
      m_closeReason = "pupitred closed the connection (it stopped or restarted).";
    }
    m_closed = true; // the reader sees the end too, but maybe not yet
    throw ChannelError(m_closeReason);
  }
  std::unique_lock lock(m_mutex);
  const bool answered =
      m_answered.wait_for(lock, timeout, [&] { return pending->done || m_closed; });
  m_pending.erase(id);
  if (!pending->done) {
    throw ChannelError(answered ? m_closeReason
                                : "pupitred did not answer \"" + method + "\" within " +
                                      std::to_string(timeout.count() / 1000) + " s.");
  }
  const Message& answer = pending->answer;
  if (answer.isError()) {
    throw RpcError(answer.errorCode, answer.errorMessage, answer.errorReason, answer.errorSentence);
  }
  return answer.result;
}

Poco::JSON::Object::Ptr IpcClient::callObject(const std::string& method,
                                              const Poco::JSON::Object::Ptr& params,
                                              std::chrono::milliseconds timeout)
{
  const Poco::Dynamic::Var result = call(method, params, timeout);
  if (result.type() != typeid(Poco::JSON::Object::Ptr)) {
    throw ChannelError("pupitred answered \"" + method +
                       "\" with something that is not an object.");
  }
  return result.extract<Poco::JSON::Object::Ptr>();
}

std::string IpcClient::hello(const std::string& clientName)
{
  Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
  params->set("version", kProtocolVersion);
  params->set("client", clientName);
  const auto result = callObject(methods::kHello, params);
  return result->optValue<std::string>("daemon", "pupitred");
}

} // namespace pupitre::ipc
