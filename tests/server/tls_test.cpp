// `serve --tls-cert --tls-key`: the same API over HTTPS, with TLS 1.2 limited to ECDHE + AEAD
// suites and TLS 1.3 (certificates made for the test, and handshakes offering chosen versions
// and suites, with OpenSSL's library: no openssl program, so the cases run on Windows too).
#include "pupitre/sync/wire.h"
#include "server_process.h"
#include "service_fixture.h"
#include "support/certificates.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/StreamCopier.h>

#include <openssl/ssl.h>

#include <filesystem>

using namespace pupitre;
using namespace pupitre::test;

namespace {

// A server with one account on HTTPS, its certificate for 127.0.0.1 signed by a test CA.
struct HttpsServer
{
  Sandbox sandbox;
  CertificateFiles ca = makeCertificateAuthority(sandbox.dir());
  CertificateFiles cert = makeServerCertificate(ca, sandbox.dir(), "server", "IP:127.0.0.1");
  std::string data = sandbox.path("data");
  std::unique_ptr<ServerProcess> server;

  HttpsServer()
  {
    BOOST_REQUIRE(
        serverCommand({"--data", data, "user", "add", "ana@school.es", "--licence", "multi"},
                      std::string(kPassword) + "\n")
            .exitCode == 0);
    server = std::make_unique<ServerProcess>(
        data, std::vector<std::string>{"--tls-cert", cert.cert, "--tls-key", cert.key});
  }

  // A client offering only what `offer` allows (as `openssl s_client -tls1_2 -cipher …`);
  // its result after the handshake.
  TlsHandshake handshake(const TlsOffer& offer) const
  {
    return tlsHandshake(server->port(), ca.cert, offer);
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(tls)

BOOST_AUTO_TEST_CASE(the_api_is_served_over_https)
{
  HttpsServer https;
  Poco::Net::initializeSSL();
  {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                             Poco::Net::Context::VERIFY_NONE);
    Poco::Net::HTTPSClientSession session("127.0.0.1", https.server->port(), context);
    const std::string body =
        sync::encodeLoginRequest({"ana@school.es", kPassword, "dev-A", "Laptop"});
    Poco::Net::HTTPRequest request("POST", "/api/v1/login", Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string answer;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), answer);
    BOOST_TEST(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
    BOOST_TEST(sync::decodeLoginResult(answer).account.email == "ana@school.es");
    BOOST_TEST(response.has("X-Pupitre-Time"));
  }
  Poco::Net::uninitializeSSL();

  // Plain HTTP to the HTTPS port gets nowhere.
  BOOST_CHECK_THROW(httpCall(https.server->port(), {"GET", "/api/v1/account"}), std::exception);
}

BOOST_AUTO_TEST_CASE(tls12_offers_only_forward_secret_aead_suites)
{
  HttpsServer https;
  // Static RSA key exchange with CBC: no forward secrecy, no AEAD. Refused.
  for (const char* suite : {"AES128-SHA", "AES256-SHA256", "ECDHE-RSA-AES128-SHA"}) {
    const auto refused = https.handshake({TLS1_2_VERSION, suite});
    BOOST_TEST(!refused.ok, suite << " was accepted: " << refused.cipher);
    BOOST_TEST(refused.cipher != suite);
    BOOST_TEST(refused.error.find("alert handshake failure") != std::string::npos, refused.error);
  }
  // ECDHE with AES-GCM or ChaCha20-Poly1305: accepted, and the chain verifies.
  for (const char* suite : {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-CHACHA20-POLY1305"}) {
    const auto accepted = https.handshake({TLS1_2_VERSION, suite});
    BOOST_TEST(accepted.ok, suite << " was refused: " << accepted.error);
    BOOST_TEST(accepted.cipher == suite);
    BOOST_TEST(accepted.verified, suite << ": the chain did not verify");
  }
}

BOOST_AUTO_TEST_CASE(tls13_is_served_and_older_versions_are_not)
{
  HttpsServer https;
  const auto tls13 = https.handshake({TLS1_3_VERSION, ""});
  BOOST_TEST(tls13.ok, tls13.error);
  BOOST_TEST(tls13.version == "TLSv1.3");
  const auto tls11 = https.handshake({TLS1_1_VERSION, "DEFAULT@SECLEVEL=0"});
  BOOST_TEST(!tls11.ok, "TLS 1.1 was accepted: " << tls11.cipher);
  // Refused by the server (its alert), not left unoffered by this client.
  BOOST_TEST(tls11.error.find("alert protocol version") != std::string::npos, tls11.error);
}

BOOST_AUTO_TEST_SUITE_END()
