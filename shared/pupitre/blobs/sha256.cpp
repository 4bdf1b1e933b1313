#include "pupitre/blobs/sha256.h"

#include "pupitre/error.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <fstream>

namespace pupitre::blobs {

struct Sha256::State
{
  EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
  m_state->ctx = EVP_MD_CTX_new();
  if (!m_state->ctx || EVP_DigestInit_ex(m_state->ctx, EVP_sha256(), nullptr) != 1) {
    throw Error("Couldn't start a SHA-256 computation (OpenSSL failed).");
  }
}

Sha256::~Sha256()
{
  EVP_MD_CTX_free(m_state->ctx);
}

void Sha256::update(const void* data, std::size_t size)
{
  EVP_DigestUpdate(m_state->ctx, data, size);
}

std::string Sha256::hexDigest()
{
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(m_state->ctx, digest.data(), &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

std::string sha256Hex(std::string_view bytes)
{
  Sha256 hash;
  hash.update(bytes);
  return hash.hexDigest();
}

std::string sha256File(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error("Couldn't read '" + path + "'; check that the file exists and can be read.");
  }
  Sha256 hash;
  std::array<char, 256 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    hash.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    throw Error("Couldn't read '" + path + "' to the end.");
  }
  return hash.hexDigest();
}

std::string crc32Hex(std::string_view bytes)
{
  const auto crc = crc32_z(0L, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size());
  char text[9];
  std::snprintf(text, sizeof text, "%08lx", static_cast<unsigned long>(crc));
  return text;
}

bool isBlobHash(std::string_view text)
{
  if (text.size() != 64) {
    return false;
  }
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

} // namespace pupitre::blobs
