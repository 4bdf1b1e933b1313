// The device token in the Windows Credential Manager (issue 16), run when the suite runs under
// Windows or Wine: saved, read back by its target name with CredReadW (independently of the
// code under test), found again by another store of the same database and device, apart from
// another device's, gone after sign-out; with the Credential Manager no token file is written.
#ifdef _WIN32
#include "pupitre/private_file.h"
#include "support/sandbox.h"
#include "token_store.h"

#include <boost/test/unit_test.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <windows.h>

#include <wincred.h>

#include <filesystem>

using namespace pupitre;

namespace {

std::shared_ptr<spdlog::logger> quietLog()
{
  return std::make_shared<spdlog::logger>("credential-test",
                                          std::make_shared<spdlog::sinks::null_sink_mt>());
}

std::wstring wide(const std::string& text)
{
  return std::wstring(text.begin(), text.end()); // the targets of this test are ASCII
}

// The credential's secret as Windows keeps it; nullopt when there is none.
std::optional<std::string> storedSecret(const std::string& target)
{
  CREDENTIALW* credential = nullptr;
  if (!CredReadW(wide(target).c_str(), CRED_TYPE_GENERIC, 0, &credential)) {
    BOOST_TEST(GetLastError() == static_cast<DWORD>(ERROR_NOT_FOUND));
    return std::nullopt;
  }
  std::string secret(reinterpret_cast<const char*>(credential->CredentialBlob),
                     credential->CredentialBlobSize);
  CredFree(credential);
  return secret;
}

} // namespace

BOOST_AUTO_TEST_SUITE(credential_manager)

BOOST_AUTO_TEST_CASE(the_token_round_trips_through_the_credential_manager)
{
  test::Sandbox sandbox;
  const std::string database = sandbox.path("pupitre.db");
  const std::string device = "7a1c0e52-credential-test";
  const std::string target = daemon::credentialTarget(database, device);
  BOOST_TEST(target == "Pupitre/" + device + "/" + database);

  auto store = daemon::openKeyring(database, device, quietLog());
  BOOST_REQUIRE(store);
  BOOST_TEST(store->kind() == "keyring");
  store->save("device-token-1");
  BOOST_TEST(storedSecret(target).value_or("") == "device-token-1");
  BOOST_TEST(store->load().value_or("") == "device-token-1");

  // pupitred restarted: a new store of the same database and device finds it.
  auto again = daemon::openKeyring(database, device, quietLog());
  BOOST_TEST(again->load().value_or("") == "device-token-1");
  again->save("device-token-2"); // a new sign-in replaces it
  BOOST_TEST(store->load().value_or("") == "device-token-2");
  // Another device's store (another database) sees nothing of it.
  auto other = daemon::openKeyring(sandbox.path("other.db"), device, quietLog());
  BOOST_TEST(!other->load().has_value());

  store->forget(); // signed out
  BOOST_TEST(!storedSecret(target).has_value());
  BOOST_TEST(!again->load().has_value());
}

BOOST_AUTO_TEST_CASE(with_the_credential_manager_no_token_file_is_written)
{
  test::Sandbox sandbox;
  const std::string database = sandbox.path("pupitre.db");
  const std::string tokenFile = sandbox.path("device-token");
  daemon::DeviceTokenStore tokens(daemon::openKeyring(database, "d-2", quietLog()),
                                  std::make_unique<daemon::FileTokenStore>(tokenFile), quietLog());
  tokens.save("device-token-3");
  BOOST_TEST(tokens.kind() == "keyring");
  BOOST_TEST(!std::filesystem::exists(tokenFile));
  BOOST_TEST(tokens.load().value_or("") == "device-token-3");
  tokens.forget();
  BOOST_TEST(!tokens.load().has_value());
  BOOST_TEST(!storedSecret(daemon::credentialTarget(database, "d-2")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
#endif // _WIN32
