// Web sessions in the app's device list (issue 15; docs/web.md, "Signing in"): a browser
// signed in to the web version is listed by a real pupitred (`pupitrectl devices`) as "Web
// browser (…)", takes no device slot, and `pupitrectl unlink` signs it out on the server.
#include "cluster.h"
#include "web_client.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre::e2e;

BOOST_AUTO_TEST_SUITE(web_session)

BOOST_AUTO_TEST_CASE(a_web_session_is_listed_by_the_devices_and_signed_out_from_them)
{
  // One device slot, taken by device A.
  Cluster cluster({.devices = 1, .maxDevices = 1});
  cluster.loginAll();
  WebClient web(cluster.server.port());
  web.login(); // no slot needed

  const auto account = web.getJson("/api/v1/web/account");
  std::string webId;
  const auto devices = account->getArray("devices");
  for (std::size_t i = 0; i < devices->size(); ++i) {
    const auto d = devices->getObject(static_cast<unsigned>(i));
    if (d->getValue<bool>("current")) {
      webId = d->getValue<std::string>("id");
    }
  }
  BOOST_REQUIRE(!webId.empty());

  const auto listed = cluster[0].ctl({"devices"});
  BOOST_REQUIRE_MESSAGE(listed.exitCode == 0, listed.err);
  BOOST_TEST(contains(listed.out, webId), listed.out);
  BOOST_TEST(contains(listed.out, "Web browser"), listed.out);
  BOOST_TEST(contains(listed.out, "(this device)"), listed.out); // A is still itself

  const auto unlinked = cluster[0].ctl({"unlink", webId});
  BOOST_REQUIRE_MESSAGE(unlinked.exitCode == 0, unlinked.out << unlinked.err);
  BOOST_TEST(web.get("/api/v1/web/session").status == 401);
  BOOST_TEST(!contains(cluster[0].ctl({"devices"}).out, webId));
  cluster[0].syncOk(); // the device itself is untouched
}

BOOST_AUTO_TEST_SUITE_END()
