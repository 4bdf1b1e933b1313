// `serve --tls-cert --tls-key`: the same API over HTTPS (with a self-signed certificate made
// by the openssl command for the test).
#include "pupitre/sync/wire.h"
#include "server_process.h"
#include "service_fixture.h"
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

BOOST_AUTO_TEST_SUITE(tls)

BOOST_AUTO_TEST_CASE(the_api_is_served_over_https,
                     *boost::unit_test::precondition(needsFile("/usr/bin/openssl")))
{
  Sandbox sandbox;
  const std::string cert = sandbox.path("cert.pem");
  const std::string key = sandbox.path("key.pem");
  const auto made =
      runProcess("/usr/bin/openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                                      key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"});
  BOOST_REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  const std::string data = sandbox.path("data");
  BOOST_REQUIRE(
      serverCommand({"--data", data, "user", "add", "ana@school.es", "--licence", "multi"},
                    std::string(kPassword) + "\n")
          .exitCode == 0);
  ServerProcess server(data, {"--tls-cert", cert, "--tls-key", key});

  Poco::Net::initializeSSL();
  {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                             Poco::Net::Context::VERIFY_NONE);
    Poco::Net::HTTPSClientSession session("127.0.0.1", server.port(), context);
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
  BOOST_CHECK_THROW(httpCall(server.port(), {"GET", "/api/v1/account"}), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()
