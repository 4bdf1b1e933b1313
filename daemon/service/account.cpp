#include "account.h"

#include "pupitre/sync/device_names.h"
#include "pupitre/sync/engine.h"
#include "pupitre/sync/http_transport.h"
#include "pupitre/sync/server_limits.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

namespace pupitre::daemon {
namespace {

std::string lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string withoutTrailingSlash(std::string url)
{
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

bool tokenRefused(const sync::ApiRefusal& refusal)
{
  const auto& code = refusal.error().code;
  return code == sync::errors::kUnauthorized || code == sync::errors::kDeviceUnlinked;
}

} // namespace

TransportFactory httpTransports(const net::TlsTrust& tls)
{
  // Timeouts of 15 s to connect and 30 s per read or write (PUPITRE_SERVER_TIMEOUT_S in
  // tests): a server that accepts and never answers ends the sync offline.
  return [tls, timeouts = sync::httpTimeoutsFromEnvironment()](const std::string& serverUrl) {
    auto transport = std::make_unique<sync::HttpTransport>(serverUrl, tls, timeouts);
    transport->setNoEcho(true); // docs/sync-protocol.md, "No echo"
    return transport;
  };
}

Account::Account(SharedDatabase& db, std::unique_ptr<TokenStore> tokens,
                 TransportFactory transports, std::shared_ptr<spdlog::logger> log)
    : m_db(db), m_tokens(std::move(tokens)), m_transports(std::move(transports)),
      m_log(std::move(log))
{
}

void Account::load()
{
  auto token = m_tokens->load();
  std::lock_guard lock(m_mutex);
  m_token = token.value_or("");
}

AccountView Account::view()
{
  AccountView view;
  {
    std::lock_guard lock(m_mutex);
    view.signedIn = !m_token.empty();
  }
  view.server = m_db.setting(settings::kServer).value_or("");
  view.email = m_db.setting(settings::kEmail).value_or("");
  view.licence = m_db.setting(settings::kLicence).value_or("");
  view.tokenStorage = view.signedIn ? m_tokens->kind() : "";
  return view;
}

std::optional<Credentials> Account::credentials()
{
  std::string token;
  {
    std::lock_guard lock(m_mutex);
    token = m_token;
  }
  const auto server = m_db.setting(settings::kServer);
  if (token.empty() || !server || server->empty()) {
    return std::nullopt;
  }
  return Credentials{*server, token};
}

std::unique_ptr<sync::Transport> Account::transportFor(const std::string& server)
{
  try {
    return m_transports(server);
  } catch (const Error& e) {
    throw ValidationError(e.what());
  }
}

void Account::rememberAccount(const sync::AccountInfo& info)
{
  if (!info.licence.empty() && m_db.setting(settings::kLicence) != info.licence) {
    m_db.setSetting(settings::kLicence, info.licence);
  }
  if (info.storageQuota > 0) {
    m_db.setSetting(settings::kStorageUsed, std::to_string(info.storageUsed));
    m_db.setSetting(settings::kStorageQuota, std::to_string(info.storageQuota));
  }
  if (info.retentionMs >= 0 && m_db.intSetting(settings::kRetentionMs) != info.retentionMs) {
    m_db.setSetting(settings::kRetentionMs, std::to_string(info.retentionMs));
  }
  if (!info.devices.empty()) {
    const std::string names = sync::encodeDeviceNames(info.devices);
    if (m_db.setting(sync::kDeviceNamesSetting) != names) {
      m_db.setSetting(sync::kDeviceNamesSetting, names);
    }
  }
}

sync::AccountInfo Account::login(const std::string& serverUrl, const std::string& email,
                                 const std::string& password, const std::string& deviceName)
{
  const std::string server = withoutTrailingSlash(serverUrl);
  if (server.empty() || email.empty() || password.empty()) {
    throw ValidationError(Sentence{
        PUPITRE_TR("Signing in needs the server's address, the e-mail and the password."), {}});
  }
  std::unique_lock operation(m_operation, std::try_to_lock);
  if (!operation) {
    throw AccountBusy();
  }
  // A device stores one account's data: once it has pulled from an account, signing in to
  // another would mix the two.
  const auto pulled = m_db.intSetting(sync::settings::kCursor).value_or(0);
  const auto oldServer = m_db.setting(settings::kServer).value_or("");
  const auto oldEmail = m_db.setting(settings::kEmail).value_or("");
  if (pulled > 0 && !oldEmail.empty() && (lower(oldEmail) != lower(email) || oldServer != server)) {
    throw OtherAccount(Sentence{PUPITRE_TR("This computer's Pupitre data belong to %1 at %2; sign "
                                           "in with that account. Another account would mix the "
                                           "two."),
                                {oldEmail, oldServer}});
  }
  auto transport = transportFor(server);
  const sync::LoginResult result = transport->login({email, password, m_db.deviceId(), deviceName});
  m_tokens->save(result.token);
  {
    std::lock_guard lock(m_mutex);
    m_token = result.token;
  }
  m_db.setSetting(settings::kServer, server);
  m_db.setSetting(settings::kEmail, email);
  m_db.setSetting(settings::kDeviceName, deviceName); // the server has it now
  m_db.setSetting(settings::kDeviceNamePending, "");
  rememberAccount(result.account);
  // The first push already fits what this server takes (sync::SyncEngine).
  m_db.setSetting(sync::settings::kServerLimits,
                  transport->lastServerLimits() ? sync::encodeLimits(*transport->lastServerLimits())
                                                : std::string());
  m_log->info("Signed in as {} at {} (licence: {}; token kept in the {})", email, server,
              result.account.licence, m_tokens->kind());
  operation.unlock();
  if (m_changed) {
    m_changed();
  }
  return result.account;
}

bool Account::logout()
{
  std::unique_lock operation(m_operation, std::try_to_lock);
  if (!operation) {
    throw AccountBusy();
  }
  const auto signedIn = credentials();
  if (!signedIn) {
    return false;
  }
  bool told = false;
  try {
    auto transport = transportFor(signedIn->server);
    transport->setToken(signedIn->token);
    transport->logout();
    told = true;
  } catch (const sync::TransportError& e) {
    m_log->warn(
        "Couldn't tell the server about the sign-out ({}); the token is forgotten here anyway",
        e.what());
  } catch (const sync::ApiRefusal& e) {
    m_log->info("The server had already dropped this device's token ({})", e.error().code);
  } catch (const ValidationError& e) {
    m_log->warn("Signing out without telling the server: {}", e.what());
  }
  m_tokens->forget();
  {
    std::lock_guard lock(m_mutex);
    m_token.clear();
  }
  m_log->info("Signed out; the local data stay");
  operation.unlock();
  if (m_changed) {
    m_changed();
  }
  return told;
}

template <class Call> auto Account::withServer(Call call)
{
  const auto signedIn = credentials();
  if (!signedIn) {
    throw NotSignedIn();
  }
  auto transport = transportFor(signedIn->server);
  transport->setToken(signedIn->token);
  try {
    return call(*transport);
  } catch (const sync::ApiRefusal& refusal) {
    if (tokenRefused(refusal)) {
      forgetDevice(refusal.what());
    }
    throw;
  }
}

sync::AccountInfo Account::devices()
{
  auto info = withServer([](sync::Transport& transport) { return transport.account(); });
  rememberAccount(info);
  return info;
}

std::string Account::accountExport()
{
  auto exported = withServer([](sync::Transport& transport) { return transport.accountExport(); });
  m_log->info("Fetched the account's export ({} bytes)", exported.size());
  return exported;
}

sync::AccountInfo Account::unlink(const std::string& deviceId)
{
  auto info = withServer([&](sync::Transport& transport) { return transport.unlink(deviceId); });
  m_log->info("Unlinked device {}", deviceId);
  if (deviceId == m_db.deviceId()) {
    forgetDevice("This device was unlinked from the account.");
  }
  return info;
}

RenameOutcome Account::renameDevice(const std::string& name, const std::string& deviceId)
{
  RenameOutcome outcome;
  outcome.name = sync::checkedDeviceName(name);
  if (!deviceId.empty() && deviceId != m_db.deviceId()) {
    outcome.account = withServer(
        [&](sync::Transport& transport) { return transport.renameDevice(deviceId, outcome.name); });
    outcome.sent = true;
    rememberAccount(*outcome.account);
    m_log->info("Renamed device {}", deviceId);
    return outcome;
  }
  m_db.setSetting(settings::kDeviceName, outcome.name);
  m_db.setSetting(settings::kDeviceNamePending, "1");
  if (!credentials()) {
    m_log->info("Renamed this device while signed out: the next sign-in gives the name");
    return outcome;
  }
  try {
    outcome.account = withServer(
        [&](sync::Transport& transport) { return transport.renameDevice({}, outcome.name); });
  } catch (const sync::TransportError& e) {
    m_log->warn("Couldn't send this device's new name ({}); the next sync sends it", e.what());
    return outcome;
  }
  outcome.sent = true;
  if (m_db.setting(settings::kDeviceName) == outcome.name) {
    m_db.setSetting(settings::kDeviceNamePending, "");
  }
  rememberAccount(*outcome.account);
  m_log->info("Renamed this device");
  return outcome;
}

std::string Account::deviceName(const std::string& fallback)
{
  const auto name = m_db.setting(settings::kDeviceName).value_or("");
  return name.empty() ? fallback : name;
}

void Account::sendPendingName(sync::Transport& transport)
{
  if (m_db.setting(settings::kDeviceNamePending).value_or("") != "1") {
    return;
  }
  const auto name = m_db.setting(settings::kDeviceName).value_or("");
  try {
    rememberAccount(transport.renameDevice({}, name));
    m_log->info("Sent this device's new name, given offline");
  } catch (const sync::ApiRefusal& e) {
    if (e.error().status != 400) {
      throw;
    }
    m_log->warn("The server refused this device's new name ({}); it keeps the old one", e.what());
  }
  if (m_db.setting(settings::kDeviceName) == name) {
    m_db.setSetting(settings::kDeviceNamePending, "");
  }
}

void Account::forgetDevice(const std::string& why)
{
  {
    std::lock_guard lock(m_mutex);
    if (m_token.empty()) {
      return;
    }
    m_token.clear();
  }
  m_tokens->forget();
  m_log->warn("Signed out: {} The local data stay.", why);
  if (m_changed) {
    m_changed();
  }
}

} // namespace pupitre::daemon
