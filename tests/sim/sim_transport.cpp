#include "sim_transport.h"

#include "pupitre/sync/wire.h"

namespace pupitre::sim {

const char* toText(Fault fault)
{
  switch (fault) {
  case Fault::None:
    return "none";
  case Fault::DropRequest:
    return "request lost";
  case Fault::DropReply:
    return "reply lost";
  case Fault::Duplicate:
    return "request duplicated";
  case Fault::CrashAfterCommit:
    return "device crashed after the server's commit";
  case Fault::RestartBefore:
    return "server restarted before handling";
  case Fault::RestartAfterCommit:
    return "server restarted after handling";
  }
  return "?";
}

SimTransport::SimTransport(SimServer& server, std::string token, TransportHooks hooks)
    : m_server(server), m_token(std::move(token)), m_hooks(std::move(hooks))
{
}

template <class T, class Serve, class Encode, class Decode>
T SimTransport::exchange(const char* call, Serve serve, Encode encode, Decode decode)
{
  const Fault fault = m_hooks.nextFault ? m_hooks.nextFault(call) : Fault::None;
  if (fault == Fault::DropRequest) {
    throw sync::TransportError("Simulated: the request was lost.");
  }
  if (fault == Fault::RestartBefore) {
    m_server.restart();
    throw sync::TransportError("Simulated: the server restarted and the connection broke.");
  }
  auto outcome = serve();
  if (fault == Fault::Duplicate) {
    outcome = serve(); // the device gets the answer to the second copy
  }
  if (m_hooks.whileWaiting) {
    m_hooks.whileWaiting();
  }
  switch (fault) {
  case Fault::DropReply:
    throw sync::TransportError("Simulated: the reply was lost.");
  case Fault::CrashAfterCommit:
    throw DeviceCrash();
  case Fault::RestartAfterCommit:
    m_server.restart();
    throw sync::TransportError("Simulated: the server restarted before answering.");
  default:
    break;
  }
  m_serverTime = m_server.nowMs();
  m_maxClockAhead = m_server.service().maxClockAheadMs();
  m_limits = m_server.limits();
  if (!outcome) {
    const sync::ApiError& error = outcome.error();
    throw sync::ApiRefusal(sync::decodeError(error.status, sync::encodeError(error)));
  }
  return decode(encode(outcome.value()));
}

sync::LoginResult SimTransport::login(const sync::LoginRequest& request)
{
  const std::string body = sync::encodeLoginRequest(request);
  return exchange<sync::LoginResult>(
      "login", [&] { return m_server.service().login(sync::decodeLoginRequest(body)); },
      sync::encodeLoginResult, sync::decodeLoginResult);
}

sync::AccountInfo SimTransport::account()
{
  return exchange<sync::AccountInfo>(
      "account", [&] { return m_server.service().account(m_token); }, sync::encodeAccount,
      sync::decodeAccount);
}

sync::AccountInfo SimTransport::unlink(const std::string& deviceId)
{
  return exchange<sync::AccountInfo>(
      "unlink", [&] { return m_server.service().unlink(m_token, deviceId); }, sync::encodeAccount,
      sync::decodeAccount);
}

sync::AccountInfo SimTransport::renameDevice(const std::string& deviceId, const std::string& name)
{
  return exchange<sync::AccountInfo>(
      "rename", [&] { return m_server.service().renameDevice(m_token, deviceId, name); },
      sync::encodeAccount, sync::decodeAccount);
}

void SimTransport::logout()
{
  exchange<bool>(
      "logout",
      [&]() -> server::Outcome<bool> {
        const auto done = m_server.service().logout(m_token);
        if (!done) {
          return done.error();
        }
        return true;
      },
      [](bool) { return std::string("{}"); }, [](const std::string&) { return true; });
}

sync::PushResult SimTransport::push(const sync::PushRequest& original)
{
  sync::PushRequest tampered;
  const sync::PushRequest* sent = &original;
  if (m_hooks.tamper) {
    tampered = original;
    m_hooks.tamper(tampered);
    sent = &tampered;
  }
  const sync::PushRequest& request = *sent;
  if (m_hooks.beforePush) {
    m_hooks.beforePush(request);
  }
  const std::string body = sync::encodePush(request);
  sync::PushResult result;
  try {
    result = exchange<sync::PushResult>(
        "push", [&] { return m_server.service().push(m_token, sync::decodePush(body)); },
        sync::encodePushResult, sync::decodePushResult);
  } catch (const sync::ApiRefusal& refusal) {
    if (m_hooks.pushRefused) {
      m_hooks.pushRefused(request, refusal);
    }
    throw;
  }
  if (m_hooks.pushAccepted) {
    m_hooks.pushAccepted(request);
  }
  return result;
}

sync::PullPage SimTransport::pull(std::int64_t after, std::size_t limit)
{
  sync::PullPage page = exchange<sync::PullPage>(
      "pull",
      [&] {
        // As pupitred asks (http_transport.cpp): without the device's own writes.
        return m_server.service().pull(m_token, after, limit, false, false);
      },
      sync::encodePullPage, sync::decodePullPage);
  if (m_hooks.pulled) {
    m_hooks.pulled(page);
  }
  return page;
}

} // namespace pupitre::sim
