#pragma once
// Certificates for HTTPS tests, made in the test's own process with OpenSSL's library (no
// openssl program: the Windows suites under Wine cannot start Linux's): a certificate
// authority of the test's own, and server certificates it signs for the names the test
// chooses. And a TLS client offering only the versions and suites a test allows, as
// `openssl s_client` would.
#include <cstdint>
#include <filesystem>
#include <string>

namespace pupitre::test {

// A PEM certificate and its private key (unencrypted PKCS#8), as files.
struct CertificateFiles
{
  std::string cert;
  std::string key;
};

// A new certificate authority "Pupitre Test CA" (RSA 2048, valid 2 days) in `folder`
// (ca.pem, ca.key). Throws std::runtime_error.
CertificateFiles makeCertificateAuthority(const std::filesystem::path& folder);

// A server certificate (RSA, so static-RSA suites could be offered; extendedKeyUsage
// serverAuth) signed by `ca`, with the subjectAltName `altName` ("DNS:evil.example",
// "IP:127.0.0.1") and that name as its common name, as NAME.pem and NAME.key.
CertificateFiles makeServerCertificate(const CertificateFiles& ca,
                                       const std::filesystem::path& folder, const std::string& name,
                                       const std::string& altName);

// What a TLS client may offer: one protocol version (0: any the library allows) and an
// OpenSSL cipher list for TLS 1.2 and older ("" : the library's default).
struct TlsOffer
{
  int version = 0; // TLS1_2_VERSION, TLS1_3_VERSION… (OpenSSL's numbers)
  std::string ciphers;
};

// The outcome of one handshake.
struct TlsHandshake
{
  bool ok = false;
  std::string version;   // "TLSv1.3"
  std::string cipher;    // OpenSSL's name: "ECDHE-RSA-AES128-GCM-SHA256"
  bool verified = false; // the server's chain verifies against the CA file
  std::string error;     // why it failed (OpenSSL's error queue)
};

// Connects to 127.0.0.1:`port`, offers `offer`, and completes the handshake (the chain is
// checked against `caFile` and the result reported, not enforced). Then closes.
TlsHandshake tlsHandshake(std::uint16_t port, const std::string& caFile, const TlsOffer& offer);

} // namespace pupitre::test
