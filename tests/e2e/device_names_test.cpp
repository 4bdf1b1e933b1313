// The devices' names reach every device (issue 13, "Sync a teacher can trust"): what the
// server lists for the account is kept in the database (setting sync.device_names), where
// the app's conflict list finds the name of the device that made each change.
#include "cluster.h"

#include <Poco/Environment.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

namespace {

Poco::JSON::Object::Ptr deviceNames(const Device& device)
{
  SQLite::Database db(device.database(), SQLite::OPEN_READONLY);
  SQLite::Statement query(db, "SELECT value FROM setting WHERE key = 'sync.device_names'");
  if (!query.executeStep()) {
    return nullptr;
  }
  return parseObject(query.getColumn(0).getString());
}

} // namespace

BOOST_AUTO_TEST_SUITE(device_names_tests)

BOOST_AUTO_TEST_CASE(the_account_devices_names_are_kept_on_each_device)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  // At sign-in A knows the devices linked so far (itself).
  auto names = deviceNames(a);
  BOOST_REQUIRE(names);
  BOOST_TEST(names->getValue<std::string>(a.deviceId()) == Poco::Environment::nodeName());

  // A conflict: both edit the same field; the sync that finds it reads the names again.
  const auto cls = a.write({"class", "add", "4B"});
  cluster.syncUntilQuiet();
  a.write({"class", "update", cls, "--name", "4B Maths"});
  waitForLaterEditTime();
  b.write({"class", "update", cls, "--name", "4B Mathematics"});
  b.syncOk();
  const auto counts = a.syncOk();
  BOOST_TEST(counts.conflicts == 1);
  names = deviceNames(a);
  BOOST_REQUIRE(names);
  BOOST_TEST(names->has(b.deviceId()), "B's name is not known on A");

  // Listing the devices keeps their names too.
  BOOST_TEST(b.ctl({"devices"}).exitCode == 0);
  names = deviceNames(b);
  BOOST_REQUIRE(names);
  BOOST_TEST(names->has(a.deviceId()));
  BOOST_TEST(names->has(b.deviceId()));
}

// A device renames itself after sign-in (pupitrectl device rename): the other devices' lists
// and the conflict list's names use the new name.
BOOST_AUTO_TEST_CASE(a_device_renamed_after_sign_in_is_listed_by_its_new_name)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto renamed = a.ctl({"device", "rename", "Kitchen laptop"});
  BOOST_TEST_REQUIRE(renamed.exitCode == 0, renamed.err);
  BOOST_TEST(renamed.out.find("now called 'Kitchen laptop' on the account") != std::string::npos,
             renamed.out);
  const auto listed = b.ctl({"devices"});
  BOOST_TEST_REQUIRE(listed.exitCode == 0, listed.err);
  BOOST_TEST(listed.out.find(a.deviceId() + "\tKitchen laptop\t") != std::string::npos, listed.out);
  BOOST_TEST(a.status()->getValue<std::string>("device_name") == "Kitchen laptop");

  // The conflict list on B names A's change with the new name.
  const auto cls = a.write({"class", "add", "4B"});
  cluster.syncUntilQuiet();
  b.write({"class", "update", cls, "--name", "4B Maths"});
  waitForLaterEditTime();
  a.write({"class", "update", cls, "--name", "4B Mathematics"});
  a.syncOk();
  BOOST_TEST(b.syncOk().conflicts == 1);
  const auto names = deviceNames(b);
  BOOST_REQUIRE(names);
  BOOST_TEST(names->getValue<std::string>(a.deviceId()) == "Kitchen laptop");
}

// Bad names are refused with a sentence; offline, the new name waits for the next sync.
BOOST_AUTO_TEST_CASE(a_rename_is_checked_and_an_offline_one_goes_with_the_next_sync)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto empty = a.ctl({"device", "rename", "   "});
  BOOST_TEST(empty.exitCode != 0);
  BOOST_TEST(empty.err.find("The device's name is empty") != std::string::npos, empty.err);
  const auto tab = a.ctl({"device", "rename", "Kitchen\tlaptop"});
  BOOST_TEST(tab.exitCode != 0);
  BOOST_TEST(tab.err.find("control characters") != std::string::npos, tab.err);
  const auto longName = a.ctl({"device", "rename", std::string(51, 'x')});
  BOOST_TEST(longName.exitCode != 0);
  BOOST_TEST(longName.err.find("too long (51 characters)") != std::string::npos, longName.err);

  // Another device of the account may be renamed too (as it may be unlinked).
  const auto other = b.ctl({"device", "rename", "School PC", "--device", a.deviceId()});
  BOOST_TEST_REQUIRE(other.exitCode == 0, other.err);
  BOOST_TEST(b.ctl({"devices"}).out.find(a.deviceId() + "\tSchool PC\t") != std::string::npos);

  cluster.server.stop();
  const auto offline = a.ctl({"device", "rename", "Kitchen laptop"});
  BOOST_TEST_REQUIRE(offline.exitCode == 0, offline.err);
  BOOST_TEST(offline.out.find("with the next sync") != std::string::npos, offline.out);
  BOOST_TEST(a.status()->getValue<bool>("device_name_pending"));
  cluster.server.start();
  a.syncOk();
  BOOST_TEST(!a.status()->getValue<bool>("device_name_pending"));
  BOOST_TEST(b.ctl({"devices"}).out.find(a.deviceId() + "\tKitchen laptop\t") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
