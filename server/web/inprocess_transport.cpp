#include "server/web/inprocess_transport.h"

#include "server/service/sync_service.h"
#include "server/sync/push_checks.h"

namespace pupitre::server::web {
namespace {

template <class T> T valueOrThrow(Outcome<T> outcome)
{
  if (!outcome) {
    throw sync::ApiRefusal(outcome.error());
  }
  return std::move(outcome.value());
}

} // namespace

InProcessTransport::InProcessTransport(SyncService& service, std::int64_t accountId,
                                       std::string deviceId)
    : m_service(service), m_accountId(accountId), m_deviceId(std::move(deviceId))
{
}

sync::LoginResult InProcessTransport::login(const sync::LoginRequest&)
{
  throw sync::TransportError("The web replica does not sign in.");
}

sync::AccountInfo InProcessTransport::account()
{
  throw sync::TransportError("The web replica does not list devices.");
}

sync::AccountInfo InProcessTransport::unlink(const std::string&)
{
  throw sync::TransportError("The web replica does not unlink devices.");
}

sync::AccountInfo InProcessTransport::renameDevice(const std::string&, const std::string&)
{
  throw sync::TransportError("The web replica does not rename devices.");
}

void InProcessTransport::logout()
{
  throw sync::TransportError("The web replica does not sign out.");
}

void InProcessTransport::announce()
{
  m_serverTime = m_service.nowMs();
  m_maxClockAhead = m_service.maxClockAheadMs();
  sync::ServerLimits limits;
  limits.maxPushChanges = kMaxPushChanges;
  limits.maxTextBytes = m_service.maxTextBytes();
  limits.maxAnyBytes = kMaxAnyValueBytes;
  limits.maxNumberBytes = kMaxNumberValueBytes;
  m_limits = limits;
}

sync::PushResult InProcessTransport::push(const sync::PushRequest& request)
{
  announce();
  return valueOrThrow(m_service.pushAsReplica(m_accountId, m_deviceId, request));
}

sync::PullPage InProcessTransport::pull(std::int64_t after, std::size_t limit)
{
  announce();
  return valueOrThrow(m_service.pullAsReplica(m_accountId, after, limit));
}

} // namespace pupitre::server::web
