// pupitrectl against a real pupitred on a sandbox: status, schedule, what happens when not
// signed in, an unreachable server, a daemon that is not running, broken input on its socket.
#include "fixtures/daemon_fixture.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/private_file.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include <fstream>

using namespace pupitre;
using test::contains;

namespace {

struct Running
{
  test::Sandbox sandbox;
  test::Pupitred daemon{sandbox};

  test::ProcessResult ok(const std::vector<std::string>& args, const std::string& input = {})
  {
    auto result = daemon.ctl(args, input);
    BOOST_REQUIRE_MESSAGE(result.exitCode == 0, "pupitrectl failed: " << result.err);
    return result;
  }
  Poco::JSON::Object::Ptr status()
  {
    auto json = test::parseJson(ok({"status", "--json"}).out);
    BOOST_REQUIRE(json);
    return json;
  }
};

// A loopback port where nothing listens (bound, then released).
int closedPort()
{
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const int port = socket.address().port();
  socket.close();
  return port;
}

} // namespace

BOOST_AUTO_TEST_SUITE(daemon_process_tests)

BOOST_FIXTURE_TEST_CASE(a_fresh_daemon_reports_signed_out_idle_and_no_schedule, Running)
{
  const auto json = status();
  for (const char* key : {"signed_in", "email", "server", "licence", "device_id", "last_sync",
                          "pending", "schedule_minutes", "state"}) {
    BOOST_TEST_CONTEXT(key)
    {
      BOOST_TEST(json->has(key));
    }
  }
  BOOST_TEST(!json->getValue<bool>("signed_in"));
  BOOST_TEST(json->getValue<std::string>("state") == ipc::states::kSignedOut);
  BOOST_TEST(json->isNull("last_sync"));
  BOOST_TEST(json->isNull("schedule_minutes"));
  BOOST_TEST(json->getValue<int>("pending") == 0);
  BOOST_TEST(json->getValue<std::string>("device_id").size() == 36u);

  const auto text = ok({"status"}).out;
  BOOST_TEST(contains(text, "State:      signed_out"));
  BOOST_TEST(contains(text, "Signed in:  no"));
  BOOST_TEST(contains(text, "Schedule:   off"));
}

BOOST_FIXTURE_TEST_CASE(pending_counts_what_pupitrectl_wrote_to_the_same_database, Running)
{
  const auto added =
      test::runProcess(PUPITRECTL, {"--db", daemon.database(), "class", "add", "4B Maths"});
  BOOST_REQUIRE(added.exitCode == 0);
  BOOST_TEST(status()->getValue<int>("pending") > 0);
  BOOST_TEST(contains(ok({"status"}).out, "Pending:    "));
}

BOOST_FIXTURE_TEST_CASE(the_schedule_is_set_shown_and_kept_across_a_restart, Running)
{
  BOOST_TEST(ok({"schedule", "15"}).out == "pupitred syncs every 15 minutes.\n");
  BOOST_TEST(status()->getValue<int>("schedule_minutes") == 15);
  BOOST_TEST(contains(ok({"status"}).out, "every 15 minutes"));

  const auto wrong = daemon.ctl({"schedule", "soon"});
  BOOST_TEST(wrong.exitCode == 2);
  BOOST_TEST(contains(wrong.err, "off or a number of minutes"));
  const auto tooLong = daemon.ctl({"schedule", "99999999"});
  BOOST_TEST(tooLong.exitCode == 1);
  BOOST_TEST(contains(tooLong.err, "between 1 and"));

  daemon.process().terminate();
  BOOST_TEST(daemon.process().exitCode() == 0);
  test::Pupitred restarted(sandbox);
  const auto kept = test::parseJson(restarted.ctl({"status", "--json"}).out);
  BOOST_REQUIRE(kept);
  BOOST_TEST(kept->getValue<int>("schedule_minutes") == 15);
  BOOST_TEST(restarted.ctl({"schedule", "off"}).out ==
             "Automatic sync is off; pupitred syncs when asked.\n");
  const auto json = test::parseJson(restarted.ctl({"status", "--json"}).out);
  BOOST_REQUIRE(json);
  BOOST_TEST(json->isNull("schedule_minutes"));
}

BOOST_FIXTURE_TEST_CASE(sync_devices_and_unlink_need_a_signed_in_device, Running)
{
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"sync"}, {"devices"}, {"unlink", "0199-some-device"}}) {
    const auto result = daemon.ctl(args);
    BOOST_TEST_CONTEXT(args[0])
    {
      BOOST_TEST(result.exitCode == 1);
      BOOST_TEST(contains(result.err, "not signed in"));
      BOOST_TEST(contains(result.err, "pupitrectl login SERVER_URL EMAIL"));
    }
  }
  BOOST_TEST(ok({"logout"}).out == "This device is not signed in.\n");
}

BOOST_FIXTURE_TEST_CASE(pictures_and_resources_need_a_signed_in_device_too, Running)
{
  // They are transferred now (tests/blobs); like the data, only for a signed-in device.
  for (const char* flag : {"--pictures", "--resources"}) {
    const auto result = daemon.ctl({"sync", flag});
    BOOST_TEST(result.exitCode == 1);
    BOOST_TEST(contains(result.err, "not signed in"));
  }
}

BOOST_FIXTURE_TEST_CASE(signing_in_to_an_unreachable_server_says_so_and_keeps_nothing, Running)
{
  const std::string server = "http://127.0.0.1:" + std::to_string(closedPort());
  const std::string password = "correct horse battery staple";
  const auto result = daemon.ctl({"login", server, "ana@school.es"}, password + "\n");
  BOOST_TEST(result.exitCode == 1);
  BOOST_TEST(contains(result.err, "Couldn't reach the server at " + server));
  BOOST_TEST(contains(result.err, "Check the address and the network"));
  const auto json = status();
  BOOST_TEST(!json->getValue<bool>("signed_in"));
  BOOST_TEST(!std::filesystem::exists(daemon.tokenFolder()));
  BOOST_TEST(!contains(daemon.log(), password));
}

BOOST_FIXTURE_TEST_CASE(login_refuses_a_missing_password_or_a_wrong_address, Running)
{
  const auto noPassword = daemon.ctl({"login", "http://127.0.0.1:1", "ana@school.es"});
  BOOST_TEST(noPassword.exitCode == 1);
  BOOST_TEST(contains(noPassword.err, "No password"));
  const auto badAddress = daemon.ctl({"login", "ftp://school.es", "ana@school.es"}, "secret\n");
  BOOST_TEST(badAddress.exitCode == 1);
  BOOST_TEST(contains(badAddress.err, "is not a server address"));
  const auto usage = daemon.ctl({"login", "http://127.0.0.1:1"});
  BOOST_TEST(usage.exitCode == 2);
  BOOST_TEST(contains(usage.err, "the e-mail is missing"));
  BOOST_TEST(contains(usage.err, "pupitrectl [--socket PATH] login [SERVER_URL] EMAIL"));
}

BOOST_AUTO_TEST_CASE(a_daemon_that_is_not_running_is_named_with_how_to_start_it)
{
  test::Sandbox sandbox;
  const std::string socket = sandbox.path("none/pupitred.sock");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"status"}, {"sync"}, {"schedule", "10"}, {"logout"}}) {
    std::vector<std::string> full{"--socket", socket};
    full.insert(full.end(), args.begin(), args.end());
    const auto result = test::runProcess(PUPITRECTL, full);
    BOOST_TEST_CONTEXT(args[0])
    {
      BOOST_TEST(result.exitCode == 3);
      BOOST_TEST(contains(result.err, "pupitred is not running"));
      BOOST_TEST(contains(result.err, "Start it with `pupitred --socket " + socket + "`"));
    }
  }
}

BOOST_FIXTURE_TEST_CASE(broken_input_on_the_socket_gets_errors_and_the_daemon_keeps_serving,
                        Running)
{
  {
    test::RawSocket raw(daemon.socket());
    raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"\n");
    BOOST_TEST(test::errorCode(raw.readLine().value_or("")) == ipc::errors::kParseError);
    raw.send(std::string(ipc::kMaxLineBytes + 1, 'z') + "\n");
    BOOST_TEST(test::errorCode(raw.readLine().value_or("")) == ipc::errors::kInvalidRequest);
    raw.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"schedule\",\"params\":{\"minutes\":"
             "\"ten\"}}\n");
    BOOST_TEST(test::errorCode(raw.readLine().value_or("")) == ipc::errors::kInvalidParams);
    raw.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"schedule\",\"params\":{}}\n");
    BOOST_TEST(test::errorCode(raw.readLine().value_or("")) == ipc::errors::kInvalidParams);
    raw.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"hello\",\"params\":{\"version\":99}}\n");
    BOOST_TEST(test::errorCode(raw.readLine().value_or("")) == ipc::errors::kVersionMismatch);
    raw.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"login\",\"params\":{\"server\":1}}\n");
    BOOST_TEST(test::errorCode(raw.readLine().value_or("")) == ipc::errors::kInvalidParams);
    raw.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"status\"}\n");
    const auto answer = test::parseJson(raw.readLine().value_or(""));
    BOOST_REQUIRE(answer);
    BOOST_TEST(answer->getObject("result")->getValue<std::string>("state") ==
               ipc::states::kSignedOut);
    raw.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"meth");
    raw.shutdownWrite();
    BOOST_TEST(test::errorCode(raw.readLine().value_or("")) == ipc::errors::kParseError);
  }
  // Nothing changed, and the daemon still serves.
  const auto json = status();
  BOOST_TEST(json->isNull("schedule_minutes"));
  BOOST_TEST(daemon.process().running());
}

BOOST_FIXTURE_TEST_CASE(a_whole_number_beyond_64_bits_on_the_socket_is_refused_by_name, Running)
{
  ok({"schedule", "15"});
  {
    test::RawSocket raw(daemon.socket());
    // Poco alone would read these minutes as 0 and -9223372036854775808, and the id as 0.
    for (const std::string number : {"18446744073709551616", "-9223372036854775809"}) {
      raw.send(R"({"jsonrpc":"2.0","id":8,"method":"schedule","params":{"minutes":)" + number +
               "}}\n");
      const auto line = raw.readLine().value_or("");
      BOOST_TEST(test::errorCode(line) == ipc::errors::kInvalidRequest, line);
      BOOST_TEST(contains(line, "the number " + number + " is out of range"), line);
      BOOST_TEST(contains(line, "\"id\":8"), line);
    }
    raw.send(R"({"jsonrpc":"2.0","id":18446744073709551616,"method":"status"})"
             "\n");
    const auto line = raw.readLine().value_or("");
    BOOST_TEST(test::errorCode(line) == ipc::errors::kInvalidRequest, line);
    BOOST_TEST(contains(line, "\"id\":null"), line);
  }
  BOOST_TEST(status()->getValue<int>("schedule_minutes") == 15);
}

BOOST_AUTO_TEST_CASE(pupitred_explains_its_options)
{
  const auto help = test::runProcess(PUPITRED, {"--help"});
  BOOST_TEST(help.exitCode == 0);
  for (const char* option : {"--db", "--socket", "--config", "--token-dir", "--daemon"}) {
    BOOST_TEST(contains(help.out, option));
  }
}

BOOST_AUTO_TEST_CASE(a_configuration_file_sets_the_paths)
{
  test::Sandbox sandbox;
  const std::string config = sandbox.path("pupitred.properties");
  {
    std::ofstream out(config);
    out << "pupitred.database = data/from-config.db\n"
           "pupitred.socket = run/config.sock\n"
           "pupitred.log = pupitred.log\n";
  }
  test::BackgroundProcess daemon(PUPITRED, {"--config", config});
  const auto listening = daemon.waitForLine("pupitred: listening on ");
  BOOST_REQUIRE(listening);
  // The endpoint as the daemon spells it (on Windows with backslashes), then the real check:
  // pupitrectl reaches the daemon at the configured place.
  BOOST_TEST(std::filesystem::path(listening->substr(23)).lexically_normal() ==
             std::filesystem::path(sandbox.path("run/config.sock")).lexically_normal());
  const auto status = test::runProcess(
      PUPITRECTL, {"--socket", sandbox.path("run/config.sock"), "status", "--json"});
  // The database at the configured place, compared as paths (on Windows the daemon spells it
  // with backslashes, which JSON escapes).
  BOOST_REQUIRE_MESSAGE(status.exitCode == 0, status.err);
  const auto database = Poco::JSON::Parser()
                            .parse(status.out)
                            .extract<Poco::JSON::Object::Ptr>()
                            ->optValue<std::string>("database", "");
  BOOST_TEST(std::filesystem::path(database).lexically_normal() ==
                 std::filesystem::path(sandbox.path("data/from-config.db")).lexically_normal(),
             status.out);
  daemon.terminate();
}

BOOST_AUTO_TEST_SUITE_END()
