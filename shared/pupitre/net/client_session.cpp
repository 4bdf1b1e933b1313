#include "pupitre/net/client_session.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SSLException.h>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <array>
#include <utility>

namespace pupitre::net {
namespace {

// The certificate problem OpenSSL reported during the last handshake of this thread (the
// handshake runs in the thread that sends the request), taken by failureMessage().
struct CertificateProblem
{
  int code = X509_V_OK;
  std::string text;
};
thread_local CertificateProblem t_certificateProblem;

int recordCertificateProblem(int ok, X509_STORE_CTX* store)
{
  if (!ok) { // the handshake stops at the first problem: it is the latest
    t_certificateProblem.code = X509_STORE_CTX_get_error(store);
    t_certificateProblem.text = X509_verify_cert_error_string(t_certificateProblem.code);
  }
  return ok;
}

std::string mib(std::size_t bytes)
{
  return std::to_string(bytes >> 20) + " MiB";
}

} // namespace

ClientSessions::ClientSessions(const Poco::URI& uri, const TlsTrust& trust) : m_uri(uri)
{
  if ((m_uri.getScheme() != "http" && m_uri.getScheme() != "https") || m_uri.getHost().empty()) {
    throw Error("'" + m_uri.toString() +
                "' is not a server address; write it as https://host or http://host:port.");
  }
  if (m_uri.getScheme() != "https") {
    return;
  }
  Poco::Net::Context::Params params;
  params.caLocation = trust.caFile;
  params.verificationMode = Poco::Net::Context::VERIFY_RELAXED; // the peer is verified
  params.verificationDepth = 9;
  params.loadDefaultCAs = true;
  params.cipherList = kTls12Ciphers;
  try {
    m_context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
  } catch (const Poco::Exception& e) {
    throw Error("Couldn't read the certificate authority file '" + trust.caFile +
                "': " + e.displayText() + ". Check the path given with --ca-file.");
  }
  m_context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  // OpenSSL checks the chain and the name together (RFC 6125: subjectAltName, no partial
  // wildcards). Poco's own name check is off: it resolves the certificate's names in the DNS
  // and skips loopback addresses.
  m_context->enableExtendedCertificateVerification(false);
  SSL_CTX* ssl = m_context->sslContext();
  X509_VERIFY_PARAM* verify = SSL_CTX_get0_param(ssl);
  X509_VERIFY_PARAM_set_hostflags(verify, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  const std::string host = m_uri.getHost();
  Poco::Net::IPAddress address;
  const int set = Poco::Net::IPAddress::tryParse(host, address)
                      ? X509_VERIFY_PARAM_set1_ip_asc(verify, host.c_str())
                      : X509_VERIFY_PARAM_set1_host(verify, host.c_str(), host.size());
  if (set != 1) {
    throw Error("Couldn't prepare the check of the certificate of '" + host +
                "'; check the server address.");
  }
  SSL_CTX_set_verify(ssl, SSL_VERIFY_PEER, recordCertificateProblem);
}

std::unique_ptr<Poco::Net::HTTPClientSession> ClientSessions::open(int connectTimeoutS,
                                                                   int receiveTimeoutS) const
{
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (m_context) {
    session = std::make_unique<Poco::Net::HTTPSClientSession>(m_uri.getHost(), m_uri.getPort(),
                                                              m_context);
  } else {
    session = std::make_unique<Poco::Net::HTTPClientSession>(m_uri.getHost(), m_uri.getPort());
  }
  session->setKeepAlive(true);
  session->setTimeout(Poco::Timespan(connectTimeoutS, 0), Poco::Timespan(receiveTimeoutS, 0),
                      Poco::Timespan(receiveTimeoutS, 0));
  return session;
}

std::string ClientSessions::failureMessage(const std::exception& e) const
{
  const CertificateProblem problem = std::exchange(t_certificateProblem, {});
  if (problem.code != X509_V_OK && dynamic_cast<const Poco::Net::SSLException*>(&e)) {
    const bool wrongName = problem.code == X509_V_ERR_HOSTNAME_MISMATCH ||
                           problem.code == X509_V_ERR_IP_ADDRESS_MISMATCH;
    return "The server at " + m_uri.toString() + " presented a certificate that Pupitre refuses (" +
           problem.text + "): " +
           (wrongName ? "it is not made out for " + m_uri.getHost() +
                            ". Check the server address; the certificate may belong to another "
                            "server."
                      : "it is not signed by a certificate authority this computer trusts. If "
                        "the school uses its own certificate authority, give pupitred its "
                        "certificate with --ca-file.");
  }
  if (const auto* poco = dynamic_cast<const Poco::Exception*>(&e)) {
    return "Couldn't reach the server at " + m_uri.toString() + ": " + poco->displayText();
  }
  if (dynamic_cast<const AnswerError*>(&e)) {
    return e.what();
  }
  return "Couldn't reach the server at " + m_uri.toString() + ": " + e.what();
}

std::string readAnswer(std::istream& in, const Poco::Net::HTTPResponse& response,
                       std::size_t maxBytes, const std::string& what)
{
  const auto tooLarge = [&] {
    return AnswerTooLarge("The server's answer (" + what + ") is larger than Pupitre accepts (" +
                          mib(maxBytes) +
                          "); the server misbehaves or is not a Pupitre server. "
                          "Check the server address, or update Pupitre.");
  };
  const auto broke = [&] {
    return AnswerError("The connection to the server broke in the middle of an answer (" + what +
                       "); try again.");
  };
  std::string answer;
  if (response.hasContentLength()) {
    const auto declared = response.getContentLength64();
    if (declared < 0 || static_cast<std::uint64_t>(declared) > maxBytes) {
      throw tooLarge();
    }
    answer.resize(static_cast<std::size_t>(declared));
    in.read(answer.data(), static_cast<std::streamsize>(answer.size()));
    if (in.gcount() != static_cast<std::streamsize>(answer.size())) {
      throw broke();
    }
    return answer;
  }
  if (!response.getChunkedTransferEncoding()) {
    // pupitre-server declares the length of every answer (Content-Length, or chunks through a
    // proxy). Poco takes a connection closed inside the header for its end, so an answer
    // without either was cut before the header ended: its body, read to the end of the
    // connection, would be empty or partial.
    throw broke();
  }
  std::array<char, 64 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got > maxBytes - answer.size()) {
      throw tooLarge();
    }
    answer.append(buffer.data(), got);
  }
  if (in.bad()) {
    throw broke();
  }
  return answer;
}

} // namespace pupitre::net
