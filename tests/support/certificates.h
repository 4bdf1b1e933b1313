#pragma once
// Certificates for HTTPS tests, made with the openssl command: a certificate authority of
// the test's own, and server certificates it signs for the names the test chooses.
#include "support/process.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace pupitre::test {

inline constexpr const char* kOpenssl = "/usr/bin/openssl";

// A PEM certificate and its private key, as files.
struct CertificateFiles
{
  std::string cert;
  std::string key;
};

// Whether the openssl command is there (for boost::unit_test::precondition).
inline bool haveOpenssl()
{
  return std::filesystem::exists(kOpenssl);
}

// Runs openssl; the result must be a success.
inline void runOpenssl(const std::vector<std::string>& args)
{
  const auto result = runProcess(kOpenssl, args);
  if (result.exitCode != 0) {
    throw std::runtime_error("openssl failed: " + result.err);
  }
}

// A new certificate authority "Pupitre Test CA" in `folder` (ca.pem, ca.key).
inline CertificateFiles makeCertificateAuthority(const std::filesystem::path& folder)
{
  CertificateFiles ca{(folder / "ca.pem").string(), (folder / "ca.key").string()};
  runOpenssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca.key, "-out", ca.cert,
              "-days", "2", "-subj", "/CN=Pupitre Test CA"});
  return ca;
}

// A server certificate (RSA, so static-RSA suites could be offered) signed by `ca`, with the
// subjectAltName `altName` ("DNS:evil.example", "IP:127.0.0.1"), as NAME.pem and NAME.key.
inline CertificateFiles makeServerCertificate(const CertificateFiles& ca,
                                              const std::filesystem::path& folder,
                                              const std::string& name, const std::string& altName)
{
  CertificateFiles server{(folder / (name + ".pem")).string(), (folder / (name + ".key")).string()};
  const std::string request = (folder / (name + ".csr")).string();
  const std::string extensions = (folder / (name + ".ext")).string();
  runOpenssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", server.key, "-out", request,
              "-subj", "/CN=" + altName.substr(altName.find(':') + 1)});
  {
    std::ofstream out(extensions);
    out << "subjectAltName=" << altName << "\nextendedKeyUsage=serverAuth\n";
  }
  runOpenssl({"x509", "-req", "-in", request, "-CA", ca.cert, "-CAkey", ca.key, "-CAcreateserial",
              "-out", server.cert, "-days", "2", "-extfile", extensions});
  return server;
}

} // namespace pupitre::test
