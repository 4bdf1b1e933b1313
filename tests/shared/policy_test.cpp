// The school's policy (pupitre/policy): the INI reader on good, malformed, missing and
// unreadable files, and the effective settings' precedence (policy lock > teacher > preset >
// defaults).
#include "pupitre/policy/effective.h"
#include "pupitre/policy/policy.h"

#include "support/sandbox.h"
#include "support/scoped_env.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

#ifndef _WIN32
#include <unistd.h>
#endif

using namespace pupitre;
using namespace pupitre::policy;

namespace {

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

BOOST_AUTO_TEST_SUITE(school_policy)

BOOST_AUTO_TEST_CASE(a_good_file_sets_every_key)
{
  test::Sandbox box;
  const auto file = box.path("policy.conf");
  test::writeFile(file, "# Pupitre, Escuela Norte\n"
                        "[pupitre]\n"
                        "server_url = https://pupitre.norte.example/\n"
                        "lock_server_url = true\n"
                        "sync_every_minutes = 30\n"
                        "sync_every_minutes_min = 15\n"
                        "sync_pictures = no\n"
                        "sync_resources = yes\n"
                        "; the teacher keeps what is not locked\n"
                        "lock_sync_options = 1\n"
                        "autostart_tray = false\n"
                        "allow_sign_out = off\n");
  const auto reading = IniPolicySource(file).read();
  BOOST_TEST(reading.warnings.empty());
  const Policy& p = reading.policy;
  BOOST_TEST(p.origin == file);
  BOOST_TEST(p.serverUrl.value_or("") == "https://pupitre.norte.example");
  BOOST_TEST(p.lockServerUrl);
  BOOST_TEST(p.syncEveryMinutes.value_or(0) == 30);
  BOOST_TEST(p.syncEveryMinutesMin.value_or(0) == 15);
  BOOST_TEST((p.syncPictures == std::optional<bool>(false)));
  BOOST_TEST((p.syncResources == std::optional<bool>(true)));
  BOOST_TEST(p.lockSyncOptions);
  BOOST_TEST(!p.autostartTray);
  BOOST_TEST(!p.allowSignOut);
}

BOOST_AUTO_TEST_CASE(a_malformed_line_is_a_warning_naming_file_line_and_key_and_the_rest_applies)
{
  test::Sandbox box;
  const auto file = box.path("policy.conf");
  test::writeFile(file, "server_url = https://pupitre.sur.example\n"
                        "sync_every_minutes = often\n"
                        "lock_server_url = perhaps\n"
                        "this line has no equals sign\n"
                        "sync_pictures = true\n"
                        "colour = blue\n"
                        "sync_every_minutes_min = -4\n");
  const auto reading = IniPolicySource(file).read();
  BOOST_TEST(reading.warnings.size() == 5u);
  BOOST_TEST(mentions(reading.warnings, file + ", line 2", "sync_every_minutes"));
  BOOST_TEST(mentions(reading.warnings, file + ", line 3", "lock_server_url"));
  BOOST_TEST(mentions(reading.warnings, file + ", line 4", "key = value"));
  BOOST_TEST(mentions(reading.warnings, file + ", line 6", "colour"));
  BOOST_TEST(mentions(reading.warnings, file + ", line 7", "sync_every_minutes_min"));
  // The good lines still apply; the bad ones leave the defaults.
  BOOST_TEST(reading.policy.serverUrl.value_or("") == "https://pupitre.sur.example");
  BOOST_TEST((reading.policy.syncPictures == std::optional<bool>(true)));
  BOOST_TEST(!reading.policy.syncEveryMinutes.has_value());
  BOOST_TEST(!reading.policy.syncEveryMinutesMin.has_value());
  BOOST_TEST(!reading.policy.lockServerUrl);
}

BOOST_AUTO_TEST_CASE(a_bad_server_address_and_a_lock_without_it_are_warnings)
{
  const auto reading =
      IniPolicySource::parse("server_url = pupitre.example\nlock_server_url = yes\n", "P");
  BOOST_TEST(mentions(reading.warnings, "P, line 1", "server_url"));
  BOOST_TEST(mentions(reading.warnings, "P", "lock_server_url"));
  BOOST_TEST(!reading.policy.serverUrl.has_value());
  BOOST_TEST(!reading.policy.lockServerUrl);
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_no_policy_without_a_warning)
{
  test::Sandbox box;
  const auto reading = IniPolicySource(box.path("nothing-here.conf")).read();
  BOOST_TEST(reading.warnings.empty());
  BOOST_TEST(reading.policy.empty());
  BOOST_TEST(reading.policy.allowSignOut);
  BOOST_TEST(reading.policy.autostartTray);
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_a_warning_and_the_defaults)
{
  test::Sandbox box;
  const auto folder = box.path("policy.conf"); // a folder where the file should be
  std::filesystem::create_directory(folder);
  auto reading = IniPolicySource(folder).read();
  BOOST_TEST(mentions(reading.warnings, folder, "cannot be read"));
  BOOST_TEST(reading.policy.empty());
#ifndef _WIN32            // Windows has no "no permissions" mode bits (Wine reads the file anyway)
  if (::geteuid() != 0) { // root reads any file
    const auto file = box.path("locked.conf");
    test::writeFile(file, "allow_sign_out = false\n");
    std::filesystem::permissions(file, std::filesystem::perms::none);
    reading = IniPolicySource(file).read();
    BOOST_TEST(mentions(reading.warnings, file, "cannot be read"));
    BOOST_TEST(reading.policy.allowSignOut);
  }
#endif
}

BOOST_AUTO_TEST_CASE(the_environment_names_the_file)
{
  test::Sandbox box;
  const auto file = box.path("school.conf");
  test::writeFile(file, "allow_sign_out = false\n");
  test::ScopedEnv env("PUPITRE_POLICY_FILE", file.c_str());
  const auto reading = readSystemPolicy();
  BOOST_TEST(reading.policy.origin == file);
  BOOST_TEST(!reading.policy.allowSignOut);
}

BOOST_AUTO_TEST_CASE(precedence_is_lock_then_teacher_then_preset_then_defaults)
{
  Policy preset;
  preset.origin = "P";
  preset.syncEveryMinutes = 30;
  preset.syncPictures = true;
  // Nothing chosen: the preset.
  auto e = effectiveSettings(preset, {});
  BOOST_TEST(e.scheduleMinutes.value_or(0) == 30);
  BOOST_TEST(e.syncPictures);
  BOOST_TEST(!e.syncResources);
  BOOST_TEST(e.locked.empty());
  // The teacher's choice wins over a preset (0: only when asked).
  e = effectiveSettings(preset, {0, false, true});
  BOOST_TEST(!e.scheduleMinutes.has_value());
  BOOST_TEST(!e.syncPictures);
  BOOST_TEST(e.syncResources);
  // A lock wins over the teacher, for the keys the policy sets.
  Policy locked = preset;
  locked.lockSyncOptions = true;
  e = effectiveSettings(locked, {5, false, true});
  BOOST_TEST(e.scheduleMinutes.value_or(0) == 30);
  BOOST_TEST(e.syncPictures);
  BOOST_TEST(e.syncResources); // not set by the policy: the teacher's
  BOOST_TEST(e.isLocked(keys::kSyncEveryMinutes));
  BOOST_TEST(e.isLocked(keys::kSyncPictures));
  BOOST_TEST(!e.isLocked(keys::kSyncResources));
  // No policy: the teacher's, else the defaults.
  e = effectiveSettings(Policy{}, {});
  BOOST_TEST(!e.scheduleMinutes.has_value());
  BOOST_TEST(!e.syncPictures);
  BOOST_TEST(e.locked.empty());
}

BOOST_AUTO_TEST_CASE(the_minimum_raises_shorter_schedules_and_refuses_them)
{
  Policy p;
  p.origin = "P";
  p.syncEveryMinutesMin = 20;
  BOOST_TEST(effectiveSettings(p, {5, {}, {}}).scheduleMinutes.value_or(0) == 20);
  BOOST_TEST(effectiveSettings(p, {45, {}, {}}).scheduleMinutes.value_or(0) == 45);
  BOOST_TEST(!effectiveSettings(p, {0, {}, {}}).scheduleMinutes.has_value());
  BOOST_CHECK_THROW(checkSchedule(p, 5), PolicyRefusal);
  BOOST_CHECK_NO_THROW(checkSchedule(p, 20));
  BOOST_CHECK_NO_THROW(checkSchedule(p, std::nullopt));
}

BOOST_AUTO_TEST_CASE(locked_sync_options_refuse_changes_and_the_parts_they_turn_off)
{
  Policy p;
  p.origin = "P";
  p.syncEveryMinutes = 30;
  p.syncPictures = false;
  p.lockSyncOptions = true;
  BOOST_CHECK_NO_THROW(checkSchedule(p, 30));
  BOOST_CHECK_THROW(checkSchedule(p, 60), PolicyRefusal);
  BOOST_CHECK_THROW(checkSchedule(p, std::nullopt), PolicyRefusal);
  BOOST_CHECK_THROW(checkSyncParts(p, true, false), PolicyRefusal);
  BOOST_CHECK_NO_THROW(checkSyncParts(p, false, true)); // resources: not set, the teacher's
  p.lockSyncOptions = false;                            // a preset only: anything goes
  BOOST_CHECK_NO_THROW(checkSchedule(p, 60));
  BOOST_CHECK_NO_THROW(checkSyncParts(p, true, true));
}

BOOST_AUTO_TEST_CASE(a_locked_server_refuses_others_and_fills_an_empty_address)
{
  Policy p;
  p.origin = "/etc/pupitre/policy.conf";
  p.serverUrl = "https://pupitre.norte.example";
  BOOST_TEST(serverForLogin(p, "") == "https://pupitre.norte.example");
  BOOST_TEST(serverForLogin(p, "https://elsewhere.example") == "https://elsewhere.example");
  p.lockServerUrl = true;
  BOOST_TEST(serverForLogin(p, "HTTPS://Pupitre.Norte.example/") ==
             "HTTPS://Pupitre.Norte.example/");
  try {
    serverForLogin(p, "https://elsewhere.example");
    BOOST_FAIL("a login elsewhere was allowed");
  } catch (const PolicyRefusal& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("https://pupitre.norte.example") != std::string::npos);
    BOOST_TEST(what.find("https://elsewhere.example") != std::string::npos);
  }
  BOOST_CHECK_THROW(serverForLogin(Policy{}, ""), ValidationError);
  p.allowSignOut = false;
  BOOST_CHECK_THROW(checkSignOut(p), PolicyRefusal);
  BOOST_TEST(effectiveSettings(p, {}).isLocked(keys::kServerUrl));
}

BOOST_AUTO_TEST_SUITE_END()
