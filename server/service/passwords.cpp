#include "server/service/passwords.h"

#include "pupitre/error.h"

#include <sodium.h>

#include <array>
#include <condition_variable>
#include <mutex>

namespace pupitre::server {
namespace {

void initialiseSodium()
{
  static const int status = sodium_init();
  if (status < 0) {
    throw Error("The server's cryptography library (libsodium) could not start.");
  }
}

std::string hex(const unsigned char* bytes, std::size_t size)
{
  std::string text(size * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes, size);
  text.pop_back();
  return text;
}

// The places for password hashings (kConcurrentPasswordHashes), handed out in turn.
class HashingPlaces
{
public:
  // Takes a place, waiting for one; false at once when `bounded` and too many wait.
  bool take(bool bounded)
  {
    std::unique_lock lock(m_mutex);
    if (m_running >= kConcurrentPasswordHashes) {
      if (bounded && m_waiting >= kWaitingPasswordChecks) {
        return false;
      }
      ++m_waiting;
      m_freed.wait(lock, [&] { return m_running < kConcurrentPasswordHashes; });
      --m_waiting;
    }
    ++m_running;
    return true;
  }

  void give()
  {
    {
      std::lock_guard lock(m_mutex);
      --m_running;
    }
    m_freed.notify_one();
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_freed;
  int m_running = 0;
  int m_waiting = 0;
};

HashingPlaces& places()
{
  static HashingPlaces all;
  return all;
}

// A place held for the length of a hashing.
struct HashingPlace
{
  explicit HashingPlace(bool bounded) : taken(places().take(bounded)) {}
  ~HashingPlace()
  {
    if (taken) {
      places().give();
    }
  }
  HashingPlace(const HashingPlace&) = delete;
  HashingPlace& operator=(const HashingPlace&) = delete;
  bool taken;
};

std::string hashWithoutPlace(const std::string& password)
{
  initialiseSodium();
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error("The server ran out of memory while protecting a password.");
  }
  return hash.data();
}

bool verifyWithoutPlace(const std::string& hash, const std::string& password)
{
  initialiseSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verifyAgainstNothingWithoutPlace(const std::string& password)
{
  static const std::string decoy = hashWithoutPlace("pupitre decoy password, matches nothing");
  (void)verifyWithoutPlace(decoy, password + "\x01");
}

} // namespace

std::string hashPassword(const std::string& password)
{
  const HashingPlace place(false);
  return hashWithoutPlace(password);
}

bool verifyPassword(const std::string& hash, const std::string& password)
{
  const HashingPlace place(false);
  return verifyWithoutPlace(hash, password);
}

void verifyAgainstNothing(const std::string& password)
{
  const HashingPlace place(false);
  verifyAgainstNothingWithoutPlace(password);
}

std::optional<bool> checkPassword(const std::string* hash, const std::string& password)
{
  const HashingPlace place(true);
  if (!place.taken) {
    return std::nullopt;
  }
  if (!hash) {
    verifyAgainstNothingWithoutPlace(password);
    return false;
  }
  return verifyWithoutPlace(*hash, password);
}

std::string newToken()
{
  initialiseSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return hex(bytes.data(), bytes.size());
}

std::string tokenHash(const std::string& token)
{
  initialiseSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return hex(digest.data(), digest.size());
}

} // namespace pupitre::server
