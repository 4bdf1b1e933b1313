#include "server/service/login_limiter.h"

#include <Poco/Net/IPAddress.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace pupitre::server {
namespace {

// A full sweep of forgotten failures at most this often (begin() forgets a key's own).
constexpr std::int64_t kSweepEveryMs = 1000;
// Failures kept per key past what the limits look at.
constexpr std::size_t kExtraFailuresKept = 16;
constexpr std::size_t kIpv6Bytes = 16;

} // namespace

std::string LoginLimiter::addressKey(const std::string& address)
{
  try {
    const Poco::Net::IPAddress ip(address);
    if (ip.family() == Poco::Net::IPAddress::IPv6 && !ip.isIPv4Mapped() &&
        ip.length() == kIpv6Bytes) {
      std::array<unsigned char, kIpv6Bytes> bytes{};
      std::memcpy(bytes.data(), ip.addr(), bytes.size());
      std::fill(bytes.begin() + kIpv6Bytes / 2, bytes.end(), 0); // the interface half
      return Poco::Net::IPAddress(bytes.data(), kIpv6Bytes).toString() + "/64";
    }
  } catch (const Poco::Exception&) {
    // Not an address Poco reads: counted as given.
  }
  return address;
}

void LoginLimiter::forget(Attempts& attempts, std::int64_t nowMs) const
{
  while (!attempts.failures.empty() && attempts.failures.front() <= nowMs - m_limits.windowMs) {
    attempts.failures.pop_front();
  }
}

std::int64_t LoginLimiter::accountDelayMs(std::size_t count) const
{
  const std::size_t doublings = std::min<std::size_t>(count - m_limits.freeAccountFailures, 30);
  return std::min(m_limits.maxAccountDelayMs, m_limits.firstAccountDelayMs << doublings);
}

LoginLimiter::Admission LoginLimiter::begin(const std::string& email, const std::string& address,
                                            bool linkedDevice, std::int64_t nowMs)
{
  std::lock_guard lock(m_mutex);
  if (nowMs - m_lastSweepMs >= kSweepEveryMs) {
    sweep(nowMs);
  }
  const std::string addressId = address.empty() ? std::string() : addressKey(address);
  if (m_shared != nullptr) {
    // Every node's failures, this one's included (finish() adds them there too).
    const std::int64_t since = nowMs - m_limits.windowMs;
    if (!addressId.empty()) {
      m_addresses[addressId].failures = m_shared->failures("address:" + addressId, since);
    }
    if (!linkedDevice) {
      m_emails[email].failures = m_shared->failures("email:" + email, since);
    }
  }
  if (!addressId.empty()) {
    if (const auto it = m_addresses.find(addressId); it != m_addresses.end()) {
      Attempts& a = it->second;
      forget(a, nowMs);
      if (a.failures.size() + static_cast<std::size_t>(a.underWay) >= m_limits.maxAddressFailures) {
        const std::int64_t freeAt =
            a.failures.empty() ? nowMs + 1000 : a.failures.front() + m_limits.windowMs;
        return {false, std::max<std::int64_t>(1000, freeAt - nowMs), true};
      }
    }
  }
  if (!linkedDevice) {
    if (const auto it = m_emails.find(email); it != m_emails.end()) {
      Attempts& a = it->second;
      forget(a, nowMs);
      const std::size_t count = a.failures.size() + static_cast<std::size_t>(a.underWay);
      if (count >= m_limits.freeAccountFailures) {
        const std::int64_t delay = accountDelayMs(count);
        if (a.underWay > 0) {
          return {false, delay, false}; // one attempt at a time once the free ones are used
        }
        if (const std::int64_t wait = a.failures.back() + delay - nowMs; wait > 0) {
          return {false, wait, false};
        }
      }
    }
  }
  ++m_emails[email].underWay;
  if (!addressId.empty()) {
    ++m_addresses[addressId].underWay;
  }
  return {true, 0, false};
}

void LoginLimiter::finish(const std::string& email, const std::string& address, End end,
                          std::int64_t nowMs)
{
  std::lock_guard lock(m_mutex);
  const auto close = [&](Attempts& a, std::size_t keep) {
    a.underWay = std::max(0, a.underWay - 1);
    if (end == End::Failed) {
      a.failures.push_back(nowMs);
      while (a.failures.size() > keep) {
        a.failures.pop_front();
      }
    }
  };
  Attempts& forEmail = m_emails[email];
  close(forEmail, m_limits.freeAccountFailures + kExtraFailuresKept);
  if (end == End::Succeeded) {
    forEmail.failures.clear(); // the owner knows the password: no wait for them now
  }
  if (!address.empty()) {
    close(m_addresses[addressKey(address)], m_limits.maxAddressFailures + kExtraFailuresKept);
  }
  if (m_shared != nullptr) {
    if (end == End::Failed) {
      m_shared->add("email:" + email, nowMs);
      if (!address.empty()) {
        m_shared->add("address:" + addressKey(address), nowMs);
      }
    } else if (end == End::Succeeded) {
      m_shared->clear("email:" + email);
    }
  }
}

void LoginLimiter::forgetExpired(std::int64_t nowMs)
{
  std::lock_guard lock(m_mutex);
  if (nowMs - m_lastSweepMs >= kSweepEveryMs) {
    sweep(nowMs);
  }
}

void LoginLimiter::sweep(std::int64_t nowMs)
{
  for (auto* map : {&m_emails, &m_addresses}) {
    for (auto it = map->begin(); it != map->end();) {
      forget(it->second, nowMs);
      if (it->second.failures.empty() && it->second.underWay == 0) {
        it = map->erase(it);
      } else {
        ++it;
      }
    }
  }
  if (m_shared != nullptr) {
    m_shared->forgetBefore(nowMs - m_limits.windowMs);
  }
  m_lastSweepMs = nowMs;
}

std::size_t LoginLimiter::remembered()
{
  std::lock_guard lock(m_mutex);
  return m_emails.size() + m_addresses.size();
}

} // namespace pupitre::server
