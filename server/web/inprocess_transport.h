#pragma once
// sync::Transport for the account's web replica (replica.h): push and pull go straight to the
// server's SyncService in this process, as the replica's device, without a token or HTTP.
// Refusals come back as ApiRefusal like over HTTP; the server's clock, limits and clock
// tolerance are announced on every answer, as pupitre-server's headers do.
#include "pupitre/sync/transport.h"

#include <cstdint>
#include <optional>
#include <string>

namespace pupitre::server {
class SyncService;
}

namespace pupitre::server::web {

class InProcessTransport : public sync::Transport
{
public:
  InProcessTransport(SyncService& service, std::int64_t accountId, std::string deviceId);

  // The replica never signs in, lists, unlinks or renames devices: these throw TransportError.
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
  void setToken(const std::string&) override {}

private:
  void announce();

  SyncService& m_service;
  std::int64_t m_accountId;
  std::string m_deviceId;
  std::optional<std::int64_t> m_serverTime;
  std::optional<std::int64_t> m_maxClockAhead;
  std::optional<sync::ServerLimits> m_limits;
};

} // namespace pupitre::server::web
