#pragma once
// Failed sign-ins, counted in memory per e-mail and per network address, so that guessing
// passwords is slow and a flood of sign-ins costs little. An attempt counts from the moment
// it is admitted (before the password is checked), so parallel guesses can't slip past a
// limit. Per e-mail, failures past the free ones make the next attempt wait, twice as long
// each time but never more than maxAccountDelayMs, so the account's owner is never locked
// out for long; a device already linked to the account is not held back at all. Failures
// are forgotten (e-mails included) once older than windowMs. With several server nodes on one
// PostgreSQL database the failures are also kept there (SharedLoginFailures), and every node
// counts them all.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pupitre::server {

struct LoginLimits
{
  // Failed sign-ins for one e-mail before attempts must wait ...
  std::size_t freeAccountFailures = 10;
  // ... then the wait after the next failure, doubling with each further one ...
  std::int64_t firstAccountDelayMs = 1000;
  // ... up to this.
  std::int64_t maxAccountDelayMs = 60 * 1000;
  // Failed sign-ins from one address (IPv4, or an IPv6 /64) within the window.
  std::size_t maxAddressFailures = 50;
  // How long a failure counts, and is remembered.
  std::int64_t windowMs = 15 * 60 * 1000;
};

// Failed sign-ins kept where several server nodes see them (the PostgreSQL database), by key
// ("email:…" or "address:…"): with it, the limits count every node's failures, not only this
// process's.
class SharedLoginFailures
{
public:
  virtual ~SharedLoginFailures() = default;
  // The times of the key's failures after `sinceMs`, oldest first.
  virtual std::deque<std::int64_t> failures(const std::string& key, std::int64_t sinceMs) = 0;
  virtual void add(const std::string& key, std::int64_t atMs) = 0;
  virtual void clear(const std::string& key) = 0;
  // Forgets every failure at or before `atMs`.
  virtual void forgetBefore(std::int64_t atMs) = 0;
};

class LoginLimiter
{
public:
  explicit LoginLimiter(LoginLimits limits = {}) : m_limits(limits) {}

  // From now on failures are also kept in `shared` and counted from it (nullptr: only here).
  void shareFailures(SharedLoginFailures* shared)
  {
    std::lock_guard lock(m_mutex);
    m_shared = shared;
  }

  struct Admission
  {
    bool admitted = false;
    std::int64_t retryAfterMs = 0; // when refused
    bool byAddress = false;        // refused for the address rather than the e-mail
  };

  // Admits an attempt for `email` from `address` ("" for none) at `nowMs` and counts it as
  // under way, or refuses it. `linkedDevice`: the device signing in is linked to the
  // e-mail's account, so the e-mail's wait does not apply. Every admitted attempt ends
  // with finish().
  Admission begin(const std::string& email, const std::string& address, bool linkedDevice,
                  std::int64_t nowMs);
  enum class End { Failed, Succeeded, NotChecked };
  // Ends an admitted attempt: a failure counts against both, a success clears the e-mail's
  // failures, an attempt whose password was not checked leaves no trace.
  void finish(const std::string& email, const std::string& address, End end, std::int64_t nowMs);
  // Forgets failures older than the window (at most once a second; begin() does it too).
  void forgetExpired(std::int64_t nowMs);
  // E-mails and addresses remembered now.
  std::size_t remembered();

  // The key of an address: an IPv6 address's /64 network (one household or machine may
  // hold all of it), any other as given.
  static std::string addressKey(const std::string& address);

private:
  struct Attempts
  {
    std::deque<std::int64_t> failures; // oldest first, within the window
    int underWay = 0;
  };
  void forget(Attempts& attempts, std::int64_t nowMs) const;
  void sweep(std::int64_t nowMs); // with m_mutex held
  std::int64_t accountDelayMs(std::size_t count) const;

  LoginLimits m_limits;
  std::mutex m_mutex;
  std::unordered_map<std::string, Attempts> m_emails;
  std::unordered_map<std::string, Attempts> m_addresses;
  std::int64_t m_lastSweepMs = 0;
  SharedLoginFailures* m_shared = nullptr;
};

} // namespace pupitre::server
