// `serve --tls-cert --tls-key`: the same API over HTTPS, with TLS 1.2 limited to ECDHE + AEAD
// suites and TLS 1.3 (certificates made by the openssl command for the test).
#include "pupitre/sync/wire.h"
#include "server_process.h"
#include "service_fixture.h"
#include "support/certificates.h"
#include "support/preconditions.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/StreamCopier.h>

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

  // `openssl s_client` offering only what `options` allow; its result after the handshake.
  ProcessResult handshake(const std::vector<std::string>& options) const
  {
    std::vector<std::string> args{
        "s_client", "-connect", "127.0.0.1:" + std::to_string(server->port()), "-CAfile", ca.cert};
    args.insert(args.end(), options.begin(), options.end());
    return runProcess(kOpenssl, args); // standard input at its end: quits after the handshake
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(tls)

BOOST_AUTO_TEST_CASE(the_api_is_served_over_https,
                     *boost::unit_test::precondition(needsFile(kOpenssl)))
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

BOOST_AUTO_TEST_CASE(tls12_offers_only_forward_secret_aead_suites,
                     *boost::unit_test::precondition(needsFile(kOpenssl)))
{
  HttpsServer https;
  // Static RSA key exchange with CBC: no forward secrecy, no AEAD. Refused.
  for (const char* suite : {"AES128-SHA", "AES256-SHA256", "ECDHE-RSA-AES128-SHA"}) {
    const auto refused = https.handshake({"-tls1_2", "-cipher", suite});
    BOOST_TEST(refused.exitCode != 0, suite << " was accepted:\n" << refused.out);
    BOOST_TEST(refused.out.find(std::string("Cipher is ") + suite) == std::string::npos);
  }
  // ECDHE with AES-GCM or ChaCha20-Poly1305: accepted, and the chain verifies.
  for (const char* suite : {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-CHACHA20-POLY1305"}) {
    const auto accepted = https.handshake({"-tls1_2", "-cipher", suite});
    BOOST_TEST(accepted.exitCode == 0, suite << " was refused:\n" << accepted.out << accepted.err);
    BOOST_TEST(accepted.out.find(std::string("Cipher is ") + suite) != std::string::npos);
    BOOST_TEST(accepted.out.find("Verify return code: 0 (ok)") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(tls13_is_served_and_older_versions_are_not,
                     *boost::unit_test::precondition(needsFile(kOpenssl)))
{
  HttpsServer https;
  const auto tls13 = https.handshake({"-tls1_3"});
  BOOST_TEST(tls13.exitCode == 0, tls13.out << tls13.err);
  BOOST_TEST(tls13.out.find("TLSv1.3") != std::string::npos);
  const auto tls11 = https.handshake({"-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"});
  BOOST_TEST(tls11.exitCode != 0, "TLS 1.1 was accepted:\n" << tls11.out);
}

BOOST_AUTO_TEST_SUITE_END()
