#pragma once
// sync::Transport over HTTP(S) to pupitre-server (docs/sync-protocol.md). One connection is
// kept alive between calls; large bodies are sent gzip-compressed and answers are accepted
// compressed, up to kMaxAnswerBytes once decompressed. Network failures and refused
// certificates become TransportError, error answers ApiRefusal.
#include "pupitre/net/tls.h"
#include "pupitre/sync/transport.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/URI.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

namespace pupitre::net {
class ClientSessions;
}

namespace pupitre::sync {

// The largest answer accepted from the server, decompressed (a pull page of up to
// kDefaultPullLimit changes is normally a few MiB): past it the call fails with a
// TransportError instead of inflating whatever a hostile server sends.
constexpr std::size_t kMaxAnswerBytes = std::size_t{64} << 20;
// The largest account export accepted (accountExport()), decompressed: a generated school year
// (8 classes of 30 students, 80 assessments, 170 days) is 84 MB (8 MB gzipped), more than
// kMaxAnswerBytes; this leaves room for several years of history (docs/backups.md).
constexpr std::size_t kMaxExportBytes = std::size_t{512} << 20;

// An answer over kMaxAnswerBytes (pull() then asks for smaller pages before giving up).
class AnswerTooLarge : public TransportError
{
public:
  using TransportError::TransportError;
};

// How long a call waits for the server: to connect, then for each read or write. A server
// that accepts the connection and never answers ends the call (TransportError: the daemon
// is then offline) after `receive`.
struct HttpTimeouts
{
  std::chrono::seconds connect{15};
  std::chrono::seconds receive{30};
};

// The timeouts, or both set to PUPITRE_SERVER_TIMEOUT_S seconds when that is set to a
// positive number (tests of a server that never answers).
HttpTimeouts httpTimeoutsFromEnvironment();

struct HttpTransportStats
{
  std::int64_t requests = 0;
  std::int64_t bytesSent = 0;     // request bodies as sent (compressed when compressed)
  std::int64_t bytesReceived = 0; // response bodies as received
};

class HttpTransport : public Transport
{
public:
  // serverUrl: "http://127.0.0.1:8080" or "https://pupitre.school.example"; HTTPS trusts
  // the system's certificate authorities plus `trust`. Throws pupitre::Error for a URL that
  // is not http(s) or a CA file that cannot be read.
  explicit HttpTransport(const std::string& serverUrl, const net::TlsTrust& trust = {},
                         HttpTimeouts timeouts = {});
  ~HttpTransport() override;

  LoginResult login(const LoginRequest& request) override;
  AccountInfo account() override;
  AccountInfo unlink(const std::string& deviceId) override;
  AccountInfo renameDevice(const std::string& deviceId, const std::string& name) override;
  void logout() override;
  PushResult push(const PushRequest& request) override;
  PullPage pull(std::int64_t after, std::size_t limit) override;
  PullPage pullCounting(std::int64_t after, std::size_t limit) override;
  // Up to kMaxExportBytes; checked to be a JSON object before it is returned.
  std::string accountExport() override;
  std::optional<std::int64_t> lastServerTimeMs() const override { return m_serverTime; }
  std::optional<std::int64_t> maxClockAheadMs() const override { return m_maxClockAhead; }
  std::optional<ServerLimits> lastServerLimits() const override { return m_limits; }
  void setToken(const std::string& token) override { m_token = token; }
  // Shuts the connection down (a blocked read or write returns at once) and refuses later
  // calls: each throws SyncCancelled. Safe from any thread.
  void cancel() override;

  const HttpTransportStats& stats() const { return m_stats; }
  // With it on, every pull asks the server to leave out what this device's own pushes wrote
  // (`own=0`: docs/sync-protocol.md, "No echo"). pupitred turns it on; off by default.
  void setNoEcho(bool on) { m_noEcho = on; }

private:
  // Sends one request; returns the (decompressed) body of a 200 answer, at most `maxAnswer`
  // bytes (AnswerTooLarge past it).
  std::string call(const std::string& method, const std::string& path, const std::string& body,
                   std::size_t maxAnswer = kMaxAnswerBytes);
  Poco::Net::HTTPClientSession& session();
  PullPage pullPage(std::int64_t after, std::size_t limit, bool countRemaining);

  // Drops the connection (after a failure); under m_sessionMutex, as cancel() reads it.
  void dropSession();

  Poco::URI m_uri;
  std::unique_ptr<net::ClientSessions> m_sessions;
  HttpTimeouts m_timeouts;
  std::string m_token;
  std::mutex m_sessionMutex; // m_session, against cancel() from another thread
  std::unique_ptr<Poco::Net::HTTPClientSession> m_session;
  std::atomic<bool> m_cancelled{false};
  bool m_noEcho = false;
  std::optional<std::int64_t> m_serverTime;
  std::optional<std::int64_t> m_maxClockAhead;
  std::optional<ServerLimits> m_limits;
  HttpTransportStats m_stats;
};

} // namespace pupitre::sync
