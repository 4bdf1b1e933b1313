#include "support/certificates.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace pupitre::test {
namespace {

template <typename T, void (*Free)(T*)> struct Deleter
{
  void operator()(T* object) const { Free(object); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Context = std::unique_ptr<SSL_CTX, Deleter<SSL_CTX, SSL_CTX_free>>;
using Connection = std::unique_ptr<SSL, Deleter<SSL, SSL_free>>;

// OpenSSL's queued errors as one line (emptying the queue).
std::string openSslErrors()
{
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char line[256];
    ERR_error_string_n(code, line, sizeof line);
    text += (text.empty() ? "" : "; ") + std::string(line);
  }
  return text;
}

void check(bool ok, const std::string& what)
{
  if (!ok) {
    throw std::runtime_error("test certificates: " + what + " failed: " + openSslErrors());
  }
}

Key newRsaKey()
{
  Key key(EVP_RSA_gen(2048));
  check(key != nullptr, "RSA key generation");
  return key;
}

// A version 3 certificate for `commonName`, valid from now for 2 days, with `key`'s public
// key and a random serial number; not signed yet.
Certificate newCertificate(EVP_PKEY* key, const std::string& commonName)
{
  Certificate cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "X509_set_version");
  unsigned char serial[16];
  check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
  serial[0] &= 0x7f; // positive
  BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
  check(number != nullptr && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get())),
        "the serial number");
  BN_free(number);
  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr &&
            X509_gmtime_adj(X509_getm_notAfter(cert.get()), 2L * 24 * 60 * 60) != nullptr,
        "the validity");
  check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* subject = X509_get_subject_name(cert.get());
  check(X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(commonName.c_str()), -1,
                                   -1, 0) == 1,
        "the subject");
  return cert;
}

// Adds the extension `name` = `value` (openssl's configuration syntax) to `cert`, issued by
// `issuer`.
void addExtension(X509* cert, X509* issuer, const char* name, const std::string& value)
{
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf(nullptr, &context, name, value.c_str());
  check(extension != nullptr, std::string("the extension ") + name);
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  check(added, std::string("adding the extension ") + name);
}

void writeCertificate(X509* cert, const std::string& path)
{
  Bio out(BIO_new_file(path.c_str(), "wb"));
  check(out != nullptr && PEM_write_bio_X509(out.get(), cert) == 1, "writing " + path);
}

void writeKey(EVP_PKEY* key, const std::string& path)
{
  Bio out(BIO_new_file(path.c_str(), "wb"));
  check(out != nullptr &&
            PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "writing " + path);
}

Certificate readCertificate(const std::string& path)
{
  Bio in(BIO_new_file(path.c_str(), "rb"));
  check(in != nullptr, "reading " + path);
  Certificate cert(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
  check(cert != nullptr, "reading " + path);
  return cert;
}

Key readKey(const std::string& path)
{
  Bio in(BIO_new_file(path.c_str(), "rb"));
  check(in != nullptr, "reading " + path);
  Key key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
  check(key != nullptr, "reading " + path);
  return key;
}

} // namespace

CertificateFiles makeCertificateAuthority(const std::filesystem::path& folder)
{
  CertificateFiles ca{(folder / "ca.pem").string(), (folder / "ca.key").string()};
  const Key key = newRsaKey();
  const Certificate cert = newCertificate(key.get(), "Pupitre Test CA");
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) == 1, "the issuer");
  // As `openssl req -x509` makes it: a CA that may sign certificates.
  addExtension(cert.get(), cert.get(), "basicConstraints", "critical,CA:TRUE");
  addExtension(cert.get(), cert.get(), "keyUsage", "critical,keyCertSign,cRLSign");
  addExtension(cert.get(), cert.get(), "subjectKeyIdentifier", "hash");
  addExtension(cert.get(), cert.get(), "authorityKeyIdentifier", "keyid:always");
  check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signing the CA");
  writeCertificate(cert.get(), ca.cert);
  writeKey(key.get(), ca.key);
  return ca;
}

CertificateFiles makeServerCertificate(const CertificateFiles& ca,
                                       const std::filesystem::path& folder, const std::string& name,
                                       const std::string& altName)
{
  CertificateFiles server{(folder / (name + ".pem")).string(), (folder / (name + ".key")).string()};
  const Certificate caCert = readCertificate(ca.cert);
  const Key caKey = readKey(ca.key);
  const Key key = newRsaKey();
  const Certificate cert = newCertificate(key.get(), altName.substr(altName.find(':') + 1));
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(caCert.get())) == 1, "the issuer");
  addExtension(cert.get(), caCert.get(), "subjectAltName", altName);
  addExtension(cert.get(), caCert.get(), "extendedKeyUsage", "serverAuth");
  addExtension(cert.get(), caCert.get(), "subjectKeyIdentifier", "hash");
  addExtension(cert.get(), caCert.get(), "authorityKeyIdentifier", "keyid");
  check(X509_sign(cert.get(), caKey.get(), EVP_sha256()) > 0, "signing " + name);
  writeCertificate(cert.get(), server.cert);
  writeKey(key.get(), server.key);
  return server;
}

TlsHandshake tlsHandshake(std::uint16_t port, const std::string& caFile, const TlsOffer& offer)
{
  TlsHandshake result;
  ERR_clear_error();
  Context context(SSL_CTX_new(TLS_client_method()));
  check(context != nullptr, "SSL_CTX_new");
  check(SSL_CTX_load_verify_locations(context.get(), caFile.c_str(), nullptr) == 1,
        "loading " + caFile);
  if (offer.version != 0) {
    SSL_CTX_set_min_proto_version(context.get(), offer.version);
    SSL_CTX_set_max_proto_version(context.get(), offer.version);
  }
  if (!offer.ciphers.empty()) {
    // Only these suites (TLS 1.2 and older); "…@SECLEVEL=0" also lets old versions through.
    check(SSL_CTX_set_cipher_list(context.get(), offer.ciphers.c_str()) == 1,
          "the cipher list " + offer.ciphers);
  }
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr); // reported, not enforced

  Poco::Net::StreamSocket socket;
  socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(10, 0));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  socket.setSendTimeout(Poco::Timespan(10, 0));
  Connection ssl(SSL_new(context.get()));
  check(ssl != nullptr, "SSL_new");
  check(SSL_set_fd(ssl.get(), static_cast<int>(socket.impl()->sockfd())) == 1, "SSL_set_fd");
  if (SSL_connect(ssl.get()) != 1) {
    result.error = openSslErrors();
    if (result.error.empty()) {
      result.error = "the connection was closed during the handshake";
    }
    return result;
  }
  result.ok = true;
  result.version = SSL_get_version(ssl.get());
  result.cipher = SSL_CIPHER_get_name(SSL_get_current_cipher(ssl.get()));
  result.verified = SSL_get_verify_result(ssl.get()) == X509_V_OK;
  SSL_shutdown(ssl.get());
  return result;
}

} // namespace pupitre::test
