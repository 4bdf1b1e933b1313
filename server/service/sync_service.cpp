#include "server/service/sync_service.h"

#include "pupitre/error.h"
#include "pupitre/printable.h"
#include "pupitre/sync/device_names.h"
#include "server/api_errors.h"
#include "server/service/licence.h"
#include "server/service/passwords.h"
#include "server/sync/account_export.h"
#include "server/sync/push_applier.h"
#include "server/sync/push_checks.h"
#include "server/time_text.h"
#include "server/web/web_sessions.h"

#include <algorithm>
#include <cctype>

namespace pupitre::server {
namespace {

// A device's "last seen" is written at most this often by reads (pushes always write it).
constexpr std::int64_t kLastSeenResolutionMs = 60 * 1000;
constexpr std::size_t kMaxIdLength = 200;
constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxEmailLength = 254;
constexpr std::size_t kMaxPasswordLength = 1024;
// When too many sign-ins wait for a password check, they are told to come back after this.
constexpr std::int64_t kBusyRetrySeconds = 2;

sync::FieldWrite toWrite(StoredVersion v)
{
  return sync::FieldWrite{std::move(v.table), std::move(v.rowId), std::move(v.field),
                          std::move(v.value), std::move(v.stamp), std::move(v.base)};
}

} // namespace

std::string normaliseEmail(const std::string& email)
{
  const auto first = email.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return {};
  }
  std::string text = email.substr(first, email.find_last_not_of(" \t\r\n") - first + 1);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

SyncService::SyncService(ServerStore& store, SyncServiceOptions options)
    : m_store(store), m_options(std::move(options)), m_logins(m_options.loginLimits)
{
  if (!m_options.clock) {
    m_options.clock = systemNowMs;
  }
}

std::int64_t SyncService::nowMs() const
{
  return m_options.clock();
}

PurgeResult SyncService::sweepRetention()
{
  const std::int64_t before = nowMs() - m_options.retentionMs;
  if (m_options.retentionMs <= 0 || before <= 0) { // 0: deleted records are kept
    return {};
  }
  return m_store.purgeTombstones(clock::makeHlc(static_cast<std::uint64_t>(before), 0));
}

sync::AccountInfo SyncService::accountInfo(const AccountRecord& a)
{
  sync::AccountInfo info;
  info.email = a.email;
  info.licence = a.licence;
  info.maxDevices = a.maxDevices;
  info.storageUsed = a.storageUsed;
  info.storageQuota = a.storageQuota;
  info.retentionMs = std::max<std::int64_t>(0, m_options.retentionMs);
  for (const auto& d : m_store.linkedDevices(a.id)) {
    info.devices.push_back({d.id, d.name, isoUtc(d.linkedAtMs), isoUtc(d.lastSeenMs)});
  }
  if (m_web) { // signed-in browsers, which take no device slot
    for (auto& session : m_web->listed(a.id)) {
      info.devices.push_back(std::move(session));
    }
  }
  return info;
}

Outcome<AccountRecord> SyncService::checkSignIn(const std::string& rawEmail,
                                                const std::string& password,
                                                const std::string& clientAddress,
                                                const std::string& deviceId)
{
  const std::string email = normaliseEmail(rawEmail);
  if (email.empty() || password.empty()) {
    return api::badRequest("the e-mail address or the password is empty.");
  }
  if (email.size() > kMaxEmailLength || password.size() > kMaxPasswordLength) {
    return api::badRequest("the e-mail address or the password is too long.");
  }
  const auto account = m_store.findAccount(email);
  bool linkedDevice = false;
  if (account && !deviceId.empty()) {
    for (const auto& d : m_store.linkedDevices(account->id)) {
      linkedDevice = linkedDevice || d.id == deviceId;
    }
  }
  const auto admission = m_logins.begin(email, clientAddress, linkedDevice, nowMs());
  if (!admission.admitted) {
    const std::int64_t seconds = std::max<std::int64_t>(1, (admission.retryAfterMs + 999) / 1000);
    return admission.byAddress ? api::addressRateLimited(seconds)
                               : api::rateLimited(email, seconds);
  }
  // Every admitted attempt ends, as a failure unless it got through.
  struct Attempt
  {
    ~Attempt() { logins.finish(email, address, end, service.nowMs()); }
    LoginLimiter& logins;
    const SyncService& service;
    const std::string& email;
    const std::string& address;
    LoginLimiter::End end = LoginLimiter::End::Failed;
  } attempt{m_logins, *this, email, clientAddress};

  const auto matches = checkPassword(account ? &account->passwordHash : nullptr, password);
  if (!matches) {
    attempt.end = LoginLimiter::End::NotChecked;
    return api::serverBusy(kBusyRetrySeconds);
  }
  if (!account || !*matches) {
    return api::wrongPassword(email);
  }
  attempt.end = LoginLimiter::End::Succeeded;
  return *account;
}

Outcome<sync::LoginResult> SyncService::login(const sync::LoginRequest& request,
                                              const std::string& clientAddress)
{
  if (request.deviceId.empty() || request.deviceId.size() > kMaxIdLength ||
      request.deviceName.size() > kMaxNameLength) {
    return api::badRequest("the device id or name is missing or too long.");
  }
  if (hasControlCharacters(request.deviceId) || hasControlCharacters(request.deviceName)) {
    // They would forge lines or shift columns wherever devices are listed.
    return api::badRequest("the device id or name holds control characters; choose a name "
                           "without tabs, new lines or other invisible characters.");
  }
  auto checked = checkSignIn(request.email, request.password, clientAddress, request.deviceId);
  if (!checked) {
    return checked.error();
  }
  const AccountRecord& account = checked.value();
  const std::string token = newToken();
  const std::string name = request.deviceName.empty() ? request.deviceId : request.deviceName;
  if (m_store.linkDevice(account.id, request.deviceId, name, tokenHash(token), account.maxDevices,
                         nowMs()) == LinkResult::DeviceLimit) {
    return api::deviceLimit(account.maxDevices);
  }
  return sync::LoginResult{token, accountInfo(account)};
}

Outcome<SyncService::Caller> SyncService::authenticate(const std::string& token)
{
  m_logins.forgetExpired(nowMs()); // on every request: no mistyped e-mail outlives the window
  if (token.empty()) {
    return api::unauthorized();
  }
  const std::string hash = tokenHash(token);
  auto found = m_store.findTokenAndAccount(hash); // one round trip to PostgreSQL, not two
  const auto record = found ? std::optional(found->token) : std::nullopt;
  if (!record || record->state == TokenState::Revoked) {
    return api::unauthorized();
  }
  if (record->state == TokenState::Unlinked) {
    return api::deviceUnlinked();
  }
  const std::int64_t now = nowMs();
  if (m_options.tokenIdleMs > 0 && now - record->deviceLastSeenMs > m_options.tokenIdleMs) {
    m_store.revokeToken(hash); // refused from now on, even if the clock is set back
    return api::tokenExpired(std::max<std::int64_t>(1, m_options.tokenIdleMs / kDayMs));
  }
  auto& account = found->account;
  if (!account) {
    return api::unauthorized();
  }
  if (now - record->deviceLastSeenMs >= kLastSeenResolutionMs) {
    m_store.touchDevice(record->accountId, record->deviceId, now);
  }
  return Caller{std::move(*account), record->deviceId, hash};
}

Outcome<SyncService::Caller> SyncService::authenticateForSync(const std::string& token)
{
  auto caller = authenticate(token);
  if (caller && !licence::allowsSync(caller.value().account.licence)) {
    return api::licenceSingleDevice();
  }
  return caller;
}

Outcome<AccountRecord> SyncService::syncingAccount(const std::string& token)
{
  auto caller = authenticateForSync(token);
  if (!caller) {
    return caller.error();
  }
  return caller.value().account;
}

Outcome<AccountRecord> SyncService::syncingAccount(std::int64_t accountId)
{
  auto account = m_store.account(accountId);
  if (!account) {
    return api::unauthorized();
  }
  if (!licence::allowsSync(account->licence)) {
    return api::licenceSingleDevice();
  }
  return std::move(*account);
}

std::map<std::string, std::string> SyncService::deviceNames(std::int64_t accountId)
{
  std::map<std::string, std::string> names;
  for (const auto& d : m_store.allDevices(accountId)) {
    names[d.id] = d.name;
  }
  return names;
}

std::int64_t SyncService::dataVersion(std::int64_t accountId)
{
  return m_store.lastSeq(accountId);
}

Outcome<sync::AccountInfo> SyncService::account(const std::string& token)
{
  auto caller = authenticate(token);
  if (!caller) {
    return caller.error();
  }
  return accountInfo(caller.value().account);
}

Outcome<std::string> SyncService::accountExport(const std::string& token)
{
  auto caller = authenticate(token); // the device's last_seen is up to date in the export
  if (!caller) {
    return caller.error();
  }
  return accountFullJson(m_store, caller.value().account);
}

Outcome<std::string> SyncService::accountExport(std::int64_t accountId)
{
  auto account = m_store.account(accountId);
  if (!account) {
    return api::unauthorized();
  }
  return accountFullJson(m_store, *account);
}

Outcome<sync::AccountInfo> SyncService::unlink(const std::string& token,
                                               const std::string& deviceId)
{
  auto caller = authenticate(token);
  if (!caller) {
    return caller.error();
  }
  if (deviceId.empty()) {
    return api::badRequest("the field 'device_id' is empty.");
  }
  if (!m_store.unlinkDevice(caller.value().account.id, deviceId, nowMs()) &&
      !(m_web && m_web->end(caller.value().account.id, deviceId))) {
    return api::notFound("No device " + deviceId + " is linked to this account.");
  }
  return accountInfo(caller.value().account);
}

Outcome<sync::AccountInfo> SyncService::renameDevice(const std::string& token,
                                                     const std::string& deviceId,
                                                     const std::string& name)
{
  auto caller = authenticate(token);
  if (!caller) {
    return caller.error();
  }
  const std::string device = deviceId.empty() ? caller.value().deviceId : deviceId;
  std::string checked;
  try {
    checked = sync::checkedDeviceName(name);
  } catch (const ValidationError& e) {
    return api::badRequest(e.what());
  }
  if (!m_store.renameDevice(caller.value().account.id, device, checked)) {
    return api::notFound("No device " + device + " is linked to this account.");
  }
  return accountInfo(caller.value().account);
}

Outcome<Done> SyncService::logout(const std::string& token)
{
  auto caller = authenticate(token);
  if (!caller) {
    return caller.error();
  }
  m_store.revokeToken(caller.value().tokenHash);
  return Done{};
}

Outcome<sync::PushResult> SyncService::push(const std::string& token,
                                            const sync::PushRequest& request)
{
  auto caller = authenticateForSync(token);
  if (!caller) {
    return caller.error();
  }
  return pushFor(caller.value().account, caller.value().deviceId, true, request);
}

Outcome<sync::PushResult> SyncService::pushAsReplica(std::int64_t accountId,
                                                     const std::string& deviceId,
                                                     const sync::PushRequest& request)
{
  auto account = syncingAccount(accountId);
  if (!account) {
    return account.error();
  }
  return pushFor(account.value(), deviceId, false, request);
}

Outcome<sync::PushResult> SyncService::pushFor(const AccountRecord& account,
                                               const std::string& deviceId, bool recordBatches,
                                               const sync::PushRequest& request)
{
  if (request.batch < 1) {
    return api::badRequest("the field 'batch' must be a positive batch number.");
  }
  const std::int64_t now = nowMs();
  // In several transactions of a bounded size, so that another account's push waits for
  // one part at most. Each part is a consistent application of whole records; a part that
  // is applied twice (the batch sent again after a failure) is all repeats.
  const PushApplier::Order order = PushApplier::applyingOrder(request.changes);
  const auto parts = PushApplier::inParts(order, kPushChangesPerTransaction);
  sync::PushResult result;
  result.batch = request.batch;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto txn = m_store.beginWrite(account.id, deviceId);
    // The first part checks every record of the push (checkRecords), the others their own.
    txn->prefetch(i == 0 ? std::span<const sync::FieldWrite* const>(order) : parts[i]);
    PushApplier applier(*txn);
    if (i == 0) {
      // A batch applied before (its reply was lost): the same answer, nothing applied again.
      if (const auto last = recordBatches ? txn->lastBatch(deviceId) : std::nullopt;
          last && request.batch <= last->batch) {
        return last->result;
      }
      if (auto refusal = checkPushWrites(request.changes, deviceId, now, m_options.maxClockAheadMs,
                                         m_options.maxTextBytes)) {
        return *refusal;
      }
      if (auto refusal =
              checkConflictReports(request.conflicts, deviceId, m_options.maxTextBytes)) {
        return *refusal;
      }
      if (auto refusal = applier.checkRecords(order)) {
        return *refusal;
      }
    }
    if (auto refusal = applier.applyPart(parts[i], result)) {
      return *refusal; // only if another push filed a record differently meanwhile
    }
    if (i + 1 == parts.size()) {
      applier.applyReports(request.conflicts, result); // after the writes they may lose to
      if (recordBatches) {
        txn->recordBatch(deviceId, BatchRecord{request.batch, result}, now);
      }
    }
    txn->commit();
  }
  return result;
}

Outcome<sync::PullPage> SyncService::pull(const std::string& token, std::int64_t after,
                                          std::size_t limit, bool countRemaining, bool ownWrites)
{
  auto caller = authenticateForSync(token);
  if (!caller) {
    return caller.error();
  }
  // No echo: the device's own writes stay out of its pull (docs/sync-protocol.md).
  return pullFor(caller.value().account, after, limit, countRemaining,
                 ownWrites ? std::string() : caller.value().deviceId);
}

Outcome<sync::PullPage> SyncService::pullAsReplica(std::int64_t accountId, std::int64_t after,
                                                   std::size_t limit, bool countRemaining)
{
  auto account = syncingAccount(accountId);
  if (!account) {
    return account.error();
  }
  // The replica gets its own writes back too: it may be built again from cursor 0 under the
  // same device id, and must then receive everything.
  return pullFor(account.value(), after, limit, countRemaining, {});
}

Outcome<sync::PullPage> SyncService::pullFor(const AccountRecord& account, std::int64_t after,
                                             std::size_t limit, bool countRemaining,
                                             const std::string& excludeOrigin)
{
  if (after < 0) {
    return api::badRequest("the cursor 'after' must be 0 or more.");
  }
  limit = limit == 0 ? sync::kDefaultPullLimit : std::min(limit, sync::kMaxPullLimit);
  PulledRows rows = m_store.readAfter(account.id, after, limit, excludeOrigin);

  sync::PullPage page;
  page.cursor = after;
  std::size_t v = 0;
  std::size_t c = 0;
  for (std::size_t taken = 0; taken < limit; ++taken) {
    const bool haveVersion = v < rows.versions.size();
    const bool haveConflict = c < rows.conflicts.size();
    if (!haveVersion && !haveConflict) {
      break;
    }
    if (haveVersion && (!haveConflict || rows.versions[v].seq < rows.conflicts[c].seq)) {
      page.cursor = rows.versions[v].seq;
      page.changes.push_back(toWrite(std::move(rows.versions[v++])));
    } else {
      page.cursor = rows.conflicts[c].seq;
      page.conflicts.push_back(std::move(rows.conflicts[c++].conflict));
    }
  }
  page.more = v < rows.versions.size() || c < rows.conflicts.size();
  if (!page.more && !excludeOrigin.empty()) {
    // Everything up to the snapshot's last sequence number was read, the caller's own
    // writes left out: the cursor moves past them, so they are not read again next time.
    page.cursor = std::max(page.cursor, rows.lastSeq);
  }
  if (countRemaining) {
    page.remaining = page.more ? m_store.countAfter(account.id, page.cursor, excludeOrigin) : 0;
  }
  return page;
}

} // namespace pupitre::server
