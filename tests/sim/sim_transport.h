#pragma once
// sync::Transport for the simulation: calls the server's SyncService directly, but passes
// every request and every answer through the wire codec (wire.h) as HTTP would, and plays
// the network's and the processes' failures the scenario asks for.
#include "pupitre/sync/transport.h"
#include "sim_server.h"

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>

namespace pupitre::sim {

enum class Fault {
  None,
  DropRequest,        // lost on the way: the server never sees it
  DropReply,          // the server applied it, the answer is lost
  Duplicate,          // the server receives it twice
  CrashAfterCommit,   // the device process dies after the server committed, before the answer
  RestartBefore,      // the server restarts: the request breaks before it is handled
  RestartAfterCommit, // the server restarts after handling it, before answering
};

const char* toText(Fault fault);

// The device process was killed (Fault::CrashAfterCommit): not an error any code handles,
// it unwinds to the scenario, which restarts the device.
class DeviceCrash : public std::exception
{
public:
  const char* what() const noexcept override { return "simulated crash of the device"; }
};

struct TransportHooks
{
  // The fault to play for this call ("push", "pull", ...).
  std::function<Fault(const char* call)> nextFault;
  // Changes a push as it leaves the device, which believes it sent the original: plays a
  // defect of the outbox on purpose (Sabotage in scenario.h).
  std::function<void(sync::PushRequest&)> tamper;
  // Just before a push leaves the device.
  std::function<void(const sync::PushRequest&)> beforePush;
  // The reply to a push reached the device: accepted, or refused (the refusal is rethrown).
  std::function<void(const sync::PushRequest&)> pushAccepted;
  std::function<void(const sync::PushRequest&, const sync::ApiRefusal&)> pushRefused;
  // A pull page reached the device (which applies it next).
  std::function<void(const sync::PullPage&)> pulled;
  // While the device waits for the answer: the teacher may edit meanwhile.
  std::function<void()> whileWaiting;
};

class SimTransport : public sync::Transport
{
public:
  SimTransport(SimServer& server, std::string token, TransportHooks hooks);

  sync::LoginResult login(const sync::LoginRequest& request) override;
  sync::AccountInfo account() override;
  sync::AccountInfo unlink(const std::string& deviceId) override;
  sync::AccountInfo renameDevice(const std::string& deviceId, const std::string& name) override;
  void logout() override;
  sync::PushResult push(const sync::PushRequest& request) override;
  sync::PullPage pull(std::int64_t after, std::size_t limit) override;

  std::optional<std::int64_t> lastServerTimeMs() const override { return m_serverTime; }
  std::optional<std::int64_t> maxClockAheadMs() const override { return m_maxClockAhead; }
  std::optional<sync::ServerLimits> lastServerLimits() const override { return m_limits; }
  void setToken(const std::string& token) override { m_token = token; }

private:
  // One exchange: `serve` is the server's handling (run twice for a duplicate), `encode` and
  // `decode` the answer's trip through the codec.
  template <class T, class Serve, class Encode, class Decode>
  T exchange(const char* call, Serve serve, Encode encode, Decode decode);

  SimServer& m_server;
  std::string m_token;
  TransportHooks m_hooks;
  std::optional<std::int64_t> m_serverTime;
  std::optional<std::int64_t> m_maxClockAhead; // announced with the time, as over HTTP
  std::optional<sync::ServerLimits> m_limits;  // announced on every answer, as over HTTP
};

} // namespace pupitre::sim
