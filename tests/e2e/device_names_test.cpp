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

BOOST_AUTO_TEST_SUITE_END()
