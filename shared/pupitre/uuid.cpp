#include "pupitre/uuid.h"

#include "pupitre/error.h"

#include <Poco/SHA2Engine.h>
#include <sodium.h>

#include <array>
#include <chrono>

namespace pupitre {
namespace {

std::string format(const std::array<std::uint8_t, 16>& bytes)
{
  static const char* kHex = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      text.push_back('-');
    }
    text.push_back(kHex[bytes[i] >> 4]);
    text.push_back(kHex[bytes[i] & 0x0f]);
  }
  return text;
}

void setVersion(std::array<std::uint8_t, 16>& bytes, std::uint8_t version)
{
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | (version << 4));
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
}

} // namespace

std::string newUuid()
{
  static const bool ready = sodium_init() >= 0;
  if (!ready) {
    throw Error("Couldn't start the cryptography library (libsodium) to make a new id.");
  }
  std::array<std::uint8_t, 16> bytes{};
  const auto ms =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  for (int i = 0; i < 6; ++i) {
    bytes[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
  }
  // 74 random bits after the version and variant are set: from the system's CSPRNG, so ids
  // cannot be predicted from earlier ones and a forked process does not repeat its parent's.
  randombytes_buf(bytes.data() + 6, bytes.size() - 6);
  setVersion(bytes, 7);
  return format(bytes);
}

std::string nameUuid(std::string_view name)
{
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update("pupitre:");
  sha.update(name.data(), static_cast<unsigned>(name.size()));
  const auto& digest = sha.digest();
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = digest[i];
  }
  setVersion(bytes, 8);
  return format(bytes);
}

bool isUuid(std::string_view text)
{
  if (text.size() != 36) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') {
        return false;
      }
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

} // namespace pupitre
