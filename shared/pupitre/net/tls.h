#pragma once
// TLS settings shared by Pupitre's clients and pupitre-server, written down once.
#include <string>

namespace pupitre::net {

// TLS 1.2 suites the client and the server accept: forward-secret key exchange (ECDHE) and
// authenticated encryption (AES-GCM, ChaCha20-Poly1305) only. TLS 1.3 suites are all AEAD.
inline constexpr const char* kTls12Ciphers = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL";

// Which certificate authorities a client trusts besides the system's ones.
struct TlsTrust
{
  std::string caFile; // a PEM file of extra CAs (a school's own CA), or empty
};

} // namespace pupitre::net
