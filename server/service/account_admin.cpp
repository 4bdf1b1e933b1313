#include "server/service/account_admin.h"

#include "pupitre/error.h"
#include "server/service/licence.h"
#include "server/service/passwords.h"
#include "server/service/sync_service.h"
#include "server/sync/account_export.h"
#include "server/time_text.h"

namespace pupitre::server {
namespace {

constexpr std::int64_t kMaxDevices = 1000;

std::size_t characterCount(const std::string& text)
{
  std::size_t count = 0;
  for (const unsigned char c : text) {
    count += (c & 0xC0) != 0x80 ? 1 : 0; // UTF-8: count the first byte of each character
  }
  return count;
}

void checkPassword(const std::string& password)
{
  if (characterCount(password) < kMinPasswordLength) {
    throw ValidationError("The password must have at least " + std::to_string(kMinPasswordLength) +
                          " characters.");
  }
}

std::int64_t deviceLimit(const std::string& licence, std::optional<std::int64_t> devices)
{
  if (!licence::isKnown(licence)) {
    throw ValidationError("Unknown licence '" + licence + "'; write single or multi.");
  }
  if (licence == licence::kSingle) {
    if (devices && *devices != 1) {
      throw ValidationError(
          "A single licence is for exactly one device; leave out --devices or use multi.");
    }
    return 1;
  }
  const std::int64_t limit = devices.value_or(licence::defaultDevices(licence));
  if (limit < 1 || limit > kMaxDevices) {
    throw ValidationError("The number of devices must be between 1 and " +
                          std::to_string(kMaxDevices) + ".");
  }
  return limit;
}

} // namespace

AccountAdmin::AccountAdmin(ServerStore& store, clock::WallClock clock)
    : m_store(store), m_clock(std::move(clock))
{
  if (!m_clock) {
    m_clock = systemNowMs;
  }
}

AccountRecord AccountAdmin::require(const std::string& email)
{
  auto account = m_store.findAccount(normaliseEmail(email));
  if (!account) {
    throw NotFoundError("No account for " + email + " on this server; create it with `user add`.");
  }
  return *account;
}

void AccountAdmin::addUser(const std::string& emailText, const std::string& password,
                           const std::string& licence, std::optional<std::int64_t> devices)
{
  const std::string email = normaliseEmail(emailText);
  if (email.empty() || email.size() > 254 || email.find('@') == std::string::npos ||
      email.find_first_of(" \t\r\n") != std::string::npos) {
    throw ValidationError("'" + emailText + "' is not an e-mail address.");
  }
  const std::int64_t limit = deviceLimit(licence, devices);
  checkPassword(password);
  NewAccount account{email, hashPassword(password),        licence,
                     limit, licence::kDefaultStorageQuota, m_clock()};
  if (!m_store.createAccount(account)) {
    throw ValidationError("An account for " + email +
                          " exists already; change it with `user passwd` or `user licence`.");
  }
}

std::int64_t AccountAdmin::setPassword(const std::string& email, const std::string& password)
{
  const auto account = require(email);
  checkPassword(password);
  return m_store.setPasswordHash(account.id, hashPassword(password));
}

void AccountAdmin::setLicence(const std::string& email, const std::string& licence,
                              std::optional<std::int64_t> devices)
{
  const auto account = require(email);
  m_store.setLicence(account.id, licence, deviceLimit(licence, devices));
}

std::vector<DeviceRecord> AccountAdmin::devices(const std::string& email)
{
  return m_store.linkedDevices(require(email).id);
}

std::vector<WebSessionRecord> AccountAdmin::webSessions(const std::string& email)
{
  return m_store.webSessions(require(email).id);
}

bool AccountAdmin::unlink(const std::string& email, const std::string& deviceId)
{
  const auto account = require(email);
  if (m_store.unlinkDevice(account.id, deviceId, m_clock())) {
    return false;
  }
  if (!m_store.endWebSession(account.id, deviceId)) {
    throw NotFoundError("No device " + deviceId + " is linked to " + account.email +
                        "; `user devices " + account.email + "` lists them.");
  }
  return true;
}

std::string AccountAdmin::exportJson(const std::string& email)
{
  return accountFullJson(m_store, require(email));
}

std::string AccountAdmin::exportLiveJson(const std::string& email)
{
  return accountCanonicalJson(m_store, require(email).id);
}

std::vector<std::string> AccountAdmin::erase(const std::string& email)
{
  const auto account = require(email);
  auto orphans = m_store.eraseAccount(account.id);
  if (!orphans) {
    throw NotFoundError("No account for " + email + " on this server any more.");
  }
  return *orphans;
}

} // namespace pupitre::server
