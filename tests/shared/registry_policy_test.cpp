// The school's policy read from the registry (Windows only; run under Wine by
// scripts/windows.sh): several keys in order of precedence, as the MSI (HKLM), Group Policy
// and the per-user installer (HKCU\Software\Pupitre\Policy) write them. The tests use their
// own keys under HKCU\Software\PupitreTests, removed at the end.
#include "pupitre/policy/policy.h"

#ifdef _WIN32
#include <boost/test/unit_test.hpp>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <string>

using namespace pupitre::policy;

namespace {

constexpr const wchar_t* kTestRoot = L"Software\\PupitreTests";

std::wstring wide(const std::string& text)
{
  return std::wstring(text.begin(), text.end());
}

// HKCU\Software\PupitreTests\<name>, emptied first and removed with the fixture.
struct TestKeys
{
  TestKeys() { RegDeleteTreeW(HKEY_CURRENT_USER, kTestRoot); }
  ~TestKeys() { RegDeleteTreeW(HKEY_CURRENT_USER, kTestRoot); }

  static RegistryPlace place(const std::string& name)
  {
    return {false, "Software\\PupitreTests\\" + name};
  }
  static void text(const std::string& name, const char* value, const std::string& data)
  {
    const std::wstring content = wide(data);
    BOOST_REQUIRE_EQUAL(RegSetKeyValueW(HKEY_CURRENT_USER, wide(place(name).key).c_str(),
                                        wide(value).c_str(), REG_SZ, content.c_str(),
                                        static_cast<DWORD>((content.size() + 1) * sizeof(wchar_t))),
                        ERROR_SUCCESS);
  }
  static void number(const std::string& name, const char* value, DWORD data, DWORD type = REG_DWORD)
  {
    BOOST_REQUIRE_EQUAL(RegSetKeyValueW(HKEY_CURRENT_USER, wide(place(name).key).c_str(),
                                        wide(value).c_str(), type, &data, sizeof(data)),
                        ERROR_SUCCESS);
  }
};

bool mentions(const std::vector<std::string>& warnings, const std::string& a, const std::string& b)
{
  for (const auto& warning : warnings) {
    if (warning.find(a) != std::string::npos && warning.find(b) != std::string::npos) {
      return true;
    }
  }
  return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(registry_policy)

BOOST_FIXTURE_TEST_CASE(an_earlier_key_wins_value_by_value, TestKeys)
{
  // "machine" as the MSI writes it (REG_SZ), "user" as the per-user installer does.
  text("machine", keys::kServerUrl, "https://pupitre.school.example");
  number("machine", keys::kLockServerUrl, 1);
  text("user", keys::kServerUrl, "https://elsewhere.example");
  text("user", keys::kSyncEveryMinutes, "30");
  text("user", keys::kLockServerUrl, "false");

  const auto reading =
      RegistryPolicySource({place("machine"), place("absent"), place("user")}).read();
  BOOST_TEST(reading.warnings.empty());
  BOOST_TEST(reading.policy.serverUrl.value_or("") == "https://pupitre.school.example");
  BOOST_TEST(reading.policy.lockServerUrl);
  BOOST_TEST(reading.policy.syncEveryMinutes.value_or(-1) == 30);
  BOOST_TEST(reading.policy.origin ==
             "HKCU\\Software\\PupitreTests\\machine, HKCU\\Software\\PupitreTests\\user");
}

BOOST_FIXTURE_TEST_CASE(the_per_user_installers_key_alone_is_a_policy, TestKeys)
{
  text("user", keys::kServerUrl, "https://pupitre.school.example/");
  text("user", keys::kSyncEveryMinutes, "off");
  number("user", keys::kAutostartTray, 0);

  const auto reading = RegistryPolicySource({place("machine"), place("user")}).read();
  BOOST_TEST(reading.warnings.empty());
  BOOST_TEST(reading.policy.serverUrl.value_or("") == "https://pupitre.school.example");
  BOOST_TEST(reading.policy.syncEveryMinutes.value_or(-1) == 0);
  BOOST_TEST(!reading.policy.autostartTray);
  BOOST_TEST(reading.policy.origin == "HKCU\\Software\\PupitreTests\\user");
}

BOOST_FIXTURE_TEST_CASE(no_key_is_no_policy_and_a_bad_value_names_its_key, TestKeys)
{
  const auto none = RegistryPolicySource({place("machine"), place("user")}).read();
  BOOST_TEST(none.policy.empty());
  BOOST_TEST(none.warnings.empty());

  number("user", keys::kSyncEveryMinutes, 30, REG_BINARY);
  text("user", keys::kLockServerUrl, "perhaps");
  const auto bad = RegistryPolicySource({place("user")}).read();
  BOOST_TEST(!bad.policy.empty());
  BOOST_TEST(!bad.policy.syncEveryMinutes.has_value());
  BOOST_TEST(mentions(bad.warnings, "PupitreTests\\user\\sync_every_minutes", "REG_DWORD"));
  BOOST_TEST(mentions(bad.warnings, "PupitreTests\\user\\lock_server_url", "perhaps"));
}

BOOST_AUTO_TEST_CASE(the_system_reads_machine_policy_then_user_policy_then_the_installers_key)
{
  const auto places = RegistryPolicySource::systemPlaces();
  BOOST_REQUIRE_EQUAL(places.size(), 3u);
  BOOST_TEST(places[0].name() == "HKLM\\Software\\Policies\\Pupitre");
  BOOST_TEST(places[1].name() == "HKCU\\Software\\Policies\\Pupitre");
  BOOST_TEST(places[2].name() == "HKCU\\Software\\Pupitre\\Policy");
}

BOOST_AUTO_TEST_SUITE_END()
#endif
