#include "server/service/passwords.h"

#include "pupitre/error.h"

#include <sodium.h>

#include <array>

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

} // namespace

std::string hashPassword(const std::string& password)
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

bool verifyPassword(const std::string& hash, const std::string& password)
{
  initialiseSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verifyAgainstNothing(const std::string& password)
{
  static const std::string decoy = hashPassword("pupitre decoy password, matches nothing");
  (void)verifyPassword(decoy, password + "\x01");
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
