// Signing in over HTTPS checks the server's certificate: its chain (the system's certificate
// authorities, or `pupitred --ca-file`) and that it is made out for the address the teacher
// typed. A certificate for another name is refused before the password leaves the computer.
#include "cluster.h"
#include "support/certificates.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::e2e;
using namespace pupitre::test;

namespace {

// pupitre-server on HTTPS with the given certificate.
std::unique_ptr<BackgroundProcess> serveHttps(const std::string& data, const CertificateFiles& cert,
                                              std::uint16_t& port)
{
  auto server = std::make_unique<BackgroundProcess>(
      PUPITRE_SERVER,
      std::vector<std::string>{"serve", "--data", data, "--port", "0", "--tls-cert", cert.cert,
                               "--tls-key", cert.key, "--log-level", "error"});
  const auto line = server->waitForLine("listening on ");
  BOOST_REQUIRE_MESSAGE(line, "pupitre-server did not start: " << server->output());
  port = static_cast<std::uint16_t>(std::stoi(line->substr(line->rfind(':') + 1)));
  return server;
}

// A pupitred of its own in `folder` with `extra` options and environment.
struct Daemon
{
  std::string socket;
  std::unique_ptr<BackgroundProcess> process;

  Daemon(const std::filesystem::path& folder, const std::vector<std::string>& extra,
         const std::map<std::string, std::string>& env = {})
      : socket((folder / "pupitred.sock").string())
  {
    std::filesystem::create_directories(folder);
    // Private, as pupitred requires of its socket's folder.
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
    std::vector<std::string> args{"--db",
                                  (folder / "pupitre.db").string(),
                                  "--socket",
                                  socket,
                                  "--token-dir",
                                  folder.string(),
                                  "--no-keyring",
                                  "--log",
                                  (folder / "pupitred.log").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    process = std::make_unique<BackgroundProcess>(PUPITRED, args, env);
    BOOST_REQUIRE_MESSAGE(process->waitForLine("pupitred: listening on "),
                          "pupitred did not start: " << readFile(folder / "pupitred.log"));
  }

  ProcessResult login(std::uint16_t port) const
  {
    return runProcess(
        PUPITRECTL,
        {"--socket", socket, "login", "https://127.0.0.1:" + std::to_string(port), kEmail},
        std::string(kPassword) + "\n");
  }
};

struct TlsFixture
{
  Sandbox sandbox;
  std::string data = sandbox.path("server");
  CertificateFiles ca;
  CertificateFiles evil;  // signed by `ca`, for evil.example
  CertificateFiles right; // signed by `ca`, for 127.0.0.1

  TlsFixture()
  {
    std::filesystem::create_directories(sandbox.dir() / "certs");
    ca = makeCertificateAuthority(sandbox.dir() / "certs");
    evil = makeServerCertificate(ca, sandbox.dir() / "certs", "evil", "DNS:evil.example");
    right = makeServerCertificate(ca, sandbox.dir() / "certs", "right", "IP:127.0.0.1");
    const auto added =
        runProcess(PUPITRE_SERVER, {"--data", data, "user", "add", kEmail, "--licence", "multi"},
                   std::string(kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
  }

  // The devices the server has linked to the account: one line each.
  std::string linkedDevices() const
  {
    return runProcess(PUPITRE_SERVER, {"--data", data, "user", "devices", kEmail}).out;
  }
};

} // namespace

BOOST_AUTO_TEST_SUITE(tls_login)

BOOST_FIXTURE_TEST_CASE(a_certificate_for_another_name_is_refused_before_the_password_is_sent,
                        TlsFixture)
{
  std::uint16_t port = 0;
  auto server = serveHttps(data, evil, port);
  // The machine trusts the CA (SSL_CERT_FILE is the system store OpenSSL reads), as it
  // would a public one: only the name is wrong.
  const Daemon daemon(sandbox.dir() / "device", {}, {{"SSL_CERT_FILE", ca.cert}});
  const auto refused = daemon.login(port);
  BOOST_TEST(refused.exitCode != 0);
  BOOST_TEST(refused.err.find("certificate") != std::string::npos, refused.err);
  BOOST_TEST(refused.err.find("not made out for 127.0.0.1") != std::string::npos, refused.err);
  BOOST_TEST(linkedDevices().empty(), "the server linked a device: the password got through");
}

BOOST_FIXTURE_TEST_CASE(the_right_name_signed_by_the_ca_file_signs_in, TlsFixture)
{
  std::uint16_t port = 0;
  auto server = serveHttps(data, right, port);
  {
    // Without being told about the school's CA, the daemon does not trust the chain.
    const Daemon untrusting(sandbox.dir() / "untrusting", {});
    const auto refused = untrusting.login(port);
    BOOST_TEST(refused.exitCode != 0);
    BOOST_TEST(refused.err.find("not signed by a certificate authority") != std::string::npos,
               refused.err);
    BOOST_TEST(refused.err.find("--ca-file") != std::string::npos, refused.err);
    BOOST_TEST(linkedDevices().empty());
  }
  const Daemon daemon(sandbox.dir() / "device", {"--ca-file", ca.cert});
  const auto signedIn = daemon.login(port);
  BOOST_TEST(signedIn.exitCode == 0, signedIn.out << signedIn.err);
  BOOST_TEST(linkedDevices().find("\t") != std::string::npos, "no device linked");
  // A resource file goes up on the blob client's own connections, verified the same way.
  const std::string file = sandbox.path("worksheet.txt");
  writeFile(file, "Fractions, page 12");
  const auto added =
      runProcess(PUPITRECTL, {"--db", (sandbox.dir() / "device" / "pupitre.db").string(),
                              "resource", "add", "", file});
  BOOST_TEST_REQUIRE(added.exitCode == 0, added.err);
  const auto synced =
      runProcess(PUPITRECTL, {"--socket", daemon.socket, "sync", "--data", "--resources"});
  BOOST_TEST(synced.exitCode == 0, synced.err);
  BOOST_TEST(synced.out.find("Resources: sent 1 file (18 bytes)") != std::string::npos, synced.out);
}

BOOST_AUTO_TEST_SUITE_END()
