#include "server/web/web_sessions.h"

#include "pupitre/printable.h"
#include "server/api_errors.h"
#include "server/service/licence.h"
#include "server/service/passwords.h"
#include "server/time_text.h"

#include <algorithm>
#include <utility>

namespace pupitre::server::web {
namespace {

// A session's "seen" time is written at most this often.
constexpr std::int64_t kSeenResolutionMs = 60 * 1000;
// What is kept of a User-Agent header (it only names the browser in device lists).
constexpr std::size_t kMaxUserAgentBytes = 512;

sync::ApiError sessionEnded()
{
  return api::error(401, sync::errors::kUnauthorized,
                    "You are not signed in, or your session ended. Sign in again.");
}

// The User-Agent as kept: printable characters only, bounded.
std::string keptUserAgent(const std::string& userAgent)
{
  std::string kept;
  for (const char c : userAgent.substr(0, kMaxUserAgentBytes)) {
    const auto byte = static_cast<unsigned char>(c);
    kept += byte >= 0x20 && byte < 0x7f ? c : ' ';
  }
  return kept;
}

bool contains(const std::string& text, const char* part)
{
  return text.find(part) != std::string::npos;
}

std::string browserOf(const std::string& ua)
{
  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
  if (contains(ua, "Edg/") || contains(ua, "Edge/")) {
    return "Edge";
  }
  if (contains(ua, "OPR/") || contains(ua, "Opera")) {
    return "Opera";
  }
  if (contains(ua, "Firefox/")) {
    return "Firefox";
  }
  if (contains(ua, "Chromium/")) {
    return "Chromium";
  }
  if (contains(ua, "Chrome/") || contains(ua, "CriOS/")) {
    return "Chrome";
  }
  if (contains(ua, "Safari/")) {
    return "Safari";
  }
  return {};
}

std::string systemOf(const std::string& ua)
{
  if (contains(ua, "Android")) {
    return "Android";
  }
  if (contains(ua, "iPhone") || contains(ua, "iPad")) {
    return "iOS";
  }
  if (contains(ua, "CrOS")) {
    return "ChromeOS";
  }
  if (contains(ua, "Windows")) {
    return "Windows";
  }
  if (contains(ua, "Mac OS X") || contains(ua, "Macintosh")) {
    return "macOS";
  }
  if (contains(ua, "Linux") || contains(ua, "X11")) {
    return "Linux";
  }
  return {};
}

} // namespace

std::string browserName(const std::string& userAgent)
{
  const std::string browser = browserOf(userAgent);
  const std::string system = systemOf(userAgent);
  if (browser.empty() && system.empty()) {
    return "Web browser";
  }
  if (system.empty()) {
    return "Web browser (" + browser + ")";
  }
  return "Web browser (" + (browser.empty() ? std::string("a browser") : browser) + " on " +
         system + ")";
}

WebSessions::WebSessions(SyncService& service, ServerStore& store, WebSessionOptions options)
    : m_service(service), m_store(store), m_options(options)
{
}

bool WebSessions::ended(const WebSessionRecord& session, std::int64_t nowMs) const
{
  return nowMs >= session.expiresAtMs ||
         (m_options.idleMs > 0 && nowMs - session.seenAtMs > m_options.idleMs);
}

Outcome<WebSignIn> WebSessions::signIn(const std::string& email, const std::string& password,
                                       const std::string& userAgent,
                                       const std::string& clientAddress)
{
  auto checked = m_service.checkSignIn(email, password, clientAddress);
  if (!checked) {
    return checked.error();
  }
  const AccountRecord& account = checked.value();
  if (!licence::allowsSync(account.licence)) {
    return api::webNeedsMultiDevice();
  }
  const std::int64_t now = m_service.nowMs();
  WebSignIn signIn;
  signIn.secret = newToken();
  signIn.session.account = account;
  WebSessionRecord& record = signIn.session.record;
  record.accountId = account.id;
  record.id = "web-" + newToken().substr(0, 24);
  record.csrf = newToken();
  record.userAgent = keptUserAgent(userAgent);
  record.createdAtMs = now;
  record.seenAtMs = now;
  record.expiresAtMs = m_options.absoluteMs > 0 ? now + m_options.absoluteMs : INT64_MAX;
  m_store.createWebSession(record, tokenHash(signIn.secret));
  return signIn;
}

Outcome<WebSession> WebSessions::find(const std::string& secret)
{
  if (secret.empty() || secret.size() > 128) {
    return sessionEnded();
  }
  auto record = m_store.findWebSession(tokenHash(secret));
  if (!record) {
    return sessionEnded();
  }
  const std::int64_t now = m_service.nowMs();
  if (ended(*record, now)) {
    m_store.endWebSession(record->accountId, record->id); // refused from now on
    return sessionEnded();
  }
  auto account = m_store.account(record->accountId);
  if (!account) {
    return sessionEnded();
  }
  if (!licence::allowsSync(account->licence)) {
    m_store.endWebSession(record->accountId, record->id);
    return api::webNeedsMultiDevice();
  }
  // Often enough for a short idle time (tests, strict sites) to count every use.
  const std::int64_t resolution =
      m_options.idleMs > 0 ? std::min(kSeenResolutionMs, m_options.idleMs / 4) : kSeenResolutionMs;
  if (now - record->seenAtMs >= resolution) {
    m_store.touchWebSession(record->accountId, record->id, now);
    record->seenAtMs = now;
  }
  return WebSession{std::move(*account), std::move(*record)};
}

void WebSessions::signOut(const WebSession& session)
{
  m_store.endWebSession(session.record.accountId, session.record.id);
}

bool WebSessions::end(std::int64_t accountId, const std::string& id)
{
  return m_store.endWebSession(accountId, id);
}

std::vector<sync::DeviceInfo> WebSessions::listed(std::int64_t accountId)
{
  const std::int64_t now = m_service.nowMs();
  std::vector<sync::DeviceInfo> devices;
  for (const auto& session : m_store.webSessions(accountId)) {
    if (!ended(session, now)) {
      devices.push_back({session.id, browserName(session.userAgent), isoUtc(session.createdAtMs),
                         isoUtc(session.seenAtMs), "web"});
    }
  }
  return devices;
}

WebAccount WebSessions::account(const WebSession& session)
{
  const std::int64_t accountId = session.record.accountId;
  WebAccount answer;
  answer.account = session.account;
  for (const auto& d : m_store.linkedDevices(accountId)) {
    answer.devices.push_back({d.id, d.name, "device", d.lastSeenMs, false});
  }
  const std::int64_t now = m_service.nowMs();
  for (const auto& s : m_store.webSessions(accountId)) {
    if (!ended(s, now)) {
      answer.devices.push_back(
          {s.id, browserName(s.userAgent), "web", s.seenAtMs, s.id == session.record.id});
    }
  }
  return answer;
}

Outcome<WebAccount> WebSessions::unlink(const WebSession& session, const std::string& id)
{
  if (id.empty()) {
    return api::badRequest("the field 'device_id' is empty.");
  }
  const std::int64_t accountId = session.record.accountId;
  if (!m_store.unlinkDevice(accountId, id, m_service.nowMs()) && !end(accountId, id)) {
    return api::notFound("No device " + id + " is linked to this account.");
  }
  return account(session);
}

std::int64_t WebSessions::sweep()
{
  const std::int64_t now = m_service.nowMs();
  const std::int64_t seenBefore = m_options.idleMs > 0 ? now - m_options.idleMs : INT64_MIN;
  return m_store.endStaleWebSessions(now, seenBefore);
}

} // namespace pupitre::server::web
