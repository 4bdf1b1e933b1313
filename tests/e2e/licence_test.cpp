// Licences and linked devices as the teacher meets them: a single-device licence signs in but
// does not sync, a full device list refuses one more, an unlinked device is refused at its
// next sync and keeps its data, a wrong password signs nobody in. Every refusal exits
// non-zero with a sentence that says why.
#include "cluster.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

BOOST_AUTO_TEST_SUITE(licence_tests)

BOOST_AUTO_TEST_CASE(a_single_device_licence_signs_in_but_cannot_sync)
{
  Cluster cluster({.devices = 1, .licence = "single"});
  Device& a = cluster[0];
  const auto login = a.login(cluster.server.url());
  BOOST_TEST(login.exitCode == 0, login.err);
  BOOST_TEST(contains(login.out, "Signed in as ana@school.es"));
  BOOST_TEST(contains(login.out, "(licence: single)"));

  a.write({"class", "add", "4B Mathematics"});
  const auto pending = a.pending();
  const auto sync = a.sync();
  BOOST_TEST(sync.exitCode == 1);
  BOOST_TEST(contains(sync.err, "sync failed: Your Pupitre licence is for one device"));
  BOOST_TEST(contains(sync.err, "multi-device licence"));
  const auto status = a.status();
  BOOST_TEST(status->getValue<bool>("signed_in"));
  BOOST_TEST(status->getValue<std::string>("licence") == "single");
  BOOST_TEST(status->getValue<std::string>("state") == "error");
  BOOST_TEST(contains(status->getValue<std::string>("state_reason"), "licence is for one device"));
  // Nothing went up and nothing was lost here.
  BOOST_TEST(a.pending() == pending);
  BOOST_TEST(contains(cluster.server.exportAccount(), "\"classes\": []"));
}

BOOST_AUTO_TEST_CASE(signing_in_one_device_too_many_is_refused_with_the_reason)
{
  Cluster cluster({.devices = 3, .maxDevices = 2});
  BOOST_TEST(cluster[0].login(cluster.server.url()).exitCode == 0);
  BOOST_TEST(cluster[1].login(cluster.server.url()).exitCode == 0);
  const auto third = cluster[2].login(cluster.server.url());
  BOOST_TEST(third.exitCode == 1);
  BOOST_TEST(contains(third.err, "Your licence allows 2 devices and all are in use"));
  BOOST_TEST(contains(third.err, "Unlink a device"));
  BOOST_TEST(!cluster[2].status()->getValue<bool>("signed_in"));
  const auto sync = cluster[2].sync();
  BOOST_TEST(sync.exitCode == 1);
  BOOST_TEST(contains(sync.err, "not signed in"));

  // Unlinking one makes room.
  const auto unlink = cluster.server.admin({"user", "unlink", kEmail, cluster[1].deviceId()});
  BOOST_TEST(unlink.exitCode == 0, unlink.err);
  BOOST_TEST(cluster[2].login(cluster.server.url()).exitCode == 0);
}

BOOST_AUTO_TEST_CASE(an_unlinked_device_is_refused_at_its_next_sync_and_keeps_its_data)
{
  Cluster cluster({.devices = 3});
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  Device& c = cluster[2];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  cluster.syncUntilQuiet();

  // B and C have edits the server has not seen when they are unlinked: B by the
  // administrator, C from A with pupitrectl.
  const auto onB = b.write({"student", "add", cls, "Bea", "Blanco"});
  const auto onC = c.write({"student", "add", cls, "Carla", "Cano"});
  const auto exportB = b.exportJson();
  const auto exportC = c.exportJson();
  const auto admin = cluster.server.admin({"user", "unlink", kEmail, b.deviceId()});
  BOOST_TEST(admin.exitCode == 0, admin.err);
  const auto fromA = a.ctl({"unlink", c.deviceId()});
  BOOST_TEST(fromA.exitCode == 0, fromA.err);
  BOOST_TEST(contains(fromA.out, "Unlinked " + c.deviceId()));
  const auto devices = a.ctl({"devices"});
  BOOST_TEST(!contains(devices.out, b.deviceId()));
  BOOST_TEST(!contains(devices.out, c.deviceId()));

  for (Device* device : {&b, &c}) {
    BOOST_TEST_CONTEXT("device " << device->name())
    {
      const auto sync = device->sync();
      BOOST_TEST(sync.exitCode == 1);
      BOOST_TEST(contains(sync.err, "This device was unlinked from your account"));
      BOOST_TEST(contains(sync.err, "Its data stay on it"));
      const auto status = device->status();
      BOOST_TEST(!status->getValue<bool>("signed_in"));
      BOOST_TEST(status->getValue<std::string>("state") == "signed_out");
      BOOST_TEST(device->pending() > 0);
    }
  }
  BOOST_TEST(b.exportJson() == exportB);
  BOOST_TEST(c.exportJson() == exportC);
  BOOST_TEST(!exportedRow(cluster.server.exportAccount(), "students", onB));

  // Signing in again links B anew, and its edit made before the unlink goes up.
  BOOST_TEST(b.login(cluster.server.url()).exitCode == 0);
  BOOST_TEST(c.login(cluster.server.url()).exitCode == 0);
  cluster.syncUntilQuiet();
  const auto all = cluster.requireConverged();
  BOOST_TEST(exportedRow(all, "students", onB));
  BOOST_TEST(exportedRow(all, "students", onC));
}

BOOST_AUTO_TEST_CASE(a_wrong_password_signs_nobody_in)
{
  Cluster cluster({.devices = 1});
  Device& a = cluster[0];
  const auto wrong = a.login(cluster.server.url(), "not the password");
  BOOST_TEST(wrong.exitCode == 1);
  BOOST_TEST(contains(wrong.err, "The server refused the e-mail address or the password for "
                                 "ana@school.es"));
  BOOST_TEST(!contains(wrong.err + wrong.out + a.log(), "not the password"));
  const auto status = a.status();
  BOOST_TEST(!status->getValue<bool>("signed_in"));
  BOOST_TEST(status->getValue<std::string>("state") == "signed_out");
  BOOST_TEST(
      (!std::filesystem::exists(a.tokenFolder()) || std::filesystem::is_empty(a.tokenFolder())));
  BOOST_TEST(cluster.server.admin({"user", "devices", kEmail}).out.empty());
  BOOST_TEST(contains(a.sync().err, "not signed in"));
}

BOOST_AUTO_TEST_SUITE_END()
