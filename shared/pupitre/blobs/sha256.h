#pragma once
// SHA-256 of bytes and files, as 64 lower-case hex digits: the name of a blob (sync.md,
// "Blobs are separate and content-addressed"). OpenSSL's implementation (hardware SHA where
// the CPU has it), fed incrementally so files of any size stream through.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace pupitre::blobs {

class Sha256
{
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  // The digest as hex; the object cannot be updated afterwards.
  std::string hexDigest();

private:
  struct State;
  std::unique_ptr<State> m_state;
};

std::string sha256Hex(std::string_view bytes);
// Throws pupitre::Error when the file cannot be read.
std::string sha256File(const std::string& path);

// CRC-32 (zlib's) of a chunk as 8 lower-case hex digits: the cheap check that a chunk was not
// damaged on its way (the whole blob's SHA-256 is checked at the end).
std::string crc32Hex(std::string_view bytes);

// 64 lower-case hex digits: the only blob names accepted (never a path).
bool isBlobHash(std::string_view text);

} // namespace pupitre::blobs
