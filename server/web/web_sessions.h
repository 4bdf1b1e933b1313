#pragma once
// The web version's sessions (docs/web.md, "Signing in" and "Security"): a browser signs in
// with the account's e-mail and password through the same check and rate limits as a device
// (SyncService::checkSignIn) and gets a cookie holding a random secret, of which the server
// keeps only the SHA-256, plus a CSRF token that every write must carry. A session ends when
// it is idle too long, at its absolute end, on sign-out (by the browser or from any device
// list), on a password change and with its account. Sessions take no device slot; they are
// listed among the account's devices as "Web browser (...)".
#include "pupitre/sync/protocol.h"
#include "server/outcome.h"
#include "server/service/sync_service.h"
#include "server/store/server_store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pupitre::server::web {

constexpr std::int64_t kHourMs = 3600 * 1000;

struct WebSessionOptions
{
  // A session not used for this long ends (serve --web-idle) ...
  std::int64_t idleMs = 12 * kHourMs;
  // ... and every session ends this long after its sign-in (serve --web-max-age).
  std::int64_t absoluteMs = 7 * kDayMs;
};

// A signed-in browser: its account (as stored now) and its session.
struct WebSession
{
  AccountRecord account;
  WebSessionRecord record;
};

// A new session and the secret for its cookie (never stored on the server).
struct WebSignIn
{
  std::string secret;
  WebSession session;
};

// What the web's account screen shows (GET /api/v1/web/account).
struct WebDevice
{
  std::string id;
  std::string name;
  std::string kind; // "device" or "web"
  std::int64_t lastSeenMs = 0;
  bool current = false; // the session asking
};

struct WebAccount
{
  AccountRecord account;
  std::vector<WebDevice> devices;
};

class WebSessions
{
public:
  WebSessions(SyncService& service, ServerStore& store, WebSessionOptions options = {});

  const WebSessionOptions& options() const { return m_options; }

  // A new session, with new secret, id and CSRF token, whatever cookie the browser had (so a
  // session id planted before sign-in is never the one signed in). Refusals: those of device
  // sign-in (wrong password, rate limits, bad request), and a single-device licence (403
  // licence) after a correct password.
  Outcome<WebSignIn> signIn(const std::string& email, const std::string& password,
                            const std::string& userAgent, const std::string& clientAddress);
  // The session of a cookie's secret, its use recorded; 401 unauthorized when there is none
  // or it ended (an expired session is deleted on the way); 403 licence, the session ended,
  // when the account's licence no longer includes the web version.
  Outcome<WebSession> find(const std::string& secret);
  // Signs the session out (the browser's own sign-out).
  void signOut(const WebSession& session);
  // Signs out the account's session `id` (from a device list); false if there is none.
  bool end(std::int64_t accountId, const std::string& id);
  // The account's live sessions as device-list entries (kind "web").
  std::vector<sync::DeviceInfo> listed(std::int64_t accountId);
  // The account, its linked devices and its live sessions, as `session` sees them.
  WebAccount account(const WebSession& session);
  // Unlinks the account's device `id`, or signs out its web session `id` (the asking one
  // included); not_found when it has neither.
  Outcome<WebAccount> unlink(const WebSession& session, const std::string& id);
  // Deletes every ended session of every account; how many.
  std::int64_t sweep();

private:
  bool ended(const WebSessionRecord& session, std::int64_t nowMs) const;

  SyncService& m_service;
  ServerStore& m_store;
  WebSessionOptions m_options;
};

// "Web browser (Firefox on Windows)" from a User-Agent header; "Web browser" when neither is
// recognised.
std::string browserName(const std::string& userAgent);

} // namespace pupitre::server::web
