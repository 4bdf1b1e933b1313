// The IPC server and client in one process, over a Unix socket and over the loopback+token
// transport: answers, JSON-RPC errors for broken input without harm to the connection,
// notifications to subscribers only, timeouts.
#include "fixtures/daemon_fixture.h"
#include "pupitre/ipc/client.h"
#include "pupitre/ipc/message.h"
#include "pupitre/ipc/protocol.h"
#include "pupitre/ipc/server.h"
#include "pupitre/private_file.h"

#include "support/preconditions.h"

#include <boost/test/unit_test.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>
#include <thread>

using namespace pupitre;
using test::contains;
using test::errorCode;
using test::parseJson;
namespace errors = ipc::errors;
using Poco::Dynamic::Var;
using Poco::JSON::Object;

namespace {

std::shared_ptr<spdlog::logger> quietLogger()
{
  return std::make_shared<spdlog::logger>("ipc-test",
                                          std::make_shared<spdlog::sinks::null_sink_mt>());
}

ipc::MethodTable testMethods()
{
  return {
      {"echo", [](const Object::Ptr& params, ipc::Session&) { return Var(params); }},
      {"refuse",
       [](const Object::Ptr&, ipc::Session&) -> Var {
         throw ipc::RpcError(errors::kBusy, "A sync is running.", "busy");
       }},
      {"crash", [](const Object::Ptr&, ipc::Session&) -> Var { throw std::runtime_error("boom"); }},
      {"slow",
       [](const Object::Ptr&, ipc::Session&) {
         std::this_thread::sleep_for(std::chrono::milliseconds(1500));
         return Var(true);
       }},
      {ipc::methods::kSubscribe,
       [](const Object::Ptr&, ipc::Session& session) {
         session.subscribe();
         return Var(true);
       }},
  };
}

struct UnixServer
{
  test::Sandbox sandbox;
  std::string socket = sandbox.path("ipc/test.sock");
  // The platform's transport: a Unix socket, or on Windows loopback TCP whose endpoint file is
  // `socket` (RawSocket and IpcClient take either).
  ipc::IpcServer server{ipc::listen(socket, quietLogger()), testMethods(), quietLogger()};
  UnixServer() { server.start(); }
};

const std::string kEcho =
    R"({"jsonrpc":"2.0","id":99,"method":"echo","params":{"word":"still here"}})";

void expectEchoWorks(test::RawSocket& raw)
{
  raw.send(kEcho + "\n");
  const auto answer = parseJson(raw.readLine().value_or(""));
  BOOST_REQUIRE(answer);
  BOOST_TEST(answer->getValue<int>("id") == 99);
  BOOST_TEST(answer->getObject("result")->getValue<std::string>("word") == "still here");
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipc_server_tests)

BOOST_FIXTURE_TEST_CASE(a_request_gets_the_answer_with_its_own_id, UnixServer)
{
  test::RawSocket raw(socket);
  raw.send(R"({"jsonrpc":"2.0","id":"first","method":"echo","params":{"n":1}})"
           "\n"
           R"({"jsonrpc":"2.0","id":2,"method":"echo","params":{"n":2}})"
           "\n");
  const auto first = parseJson(raw.readLine().value_or(""));
  const auto second = parseJson(raw.readLine().value_or(""));
  BOOST_REQUIRE(first && second);
  BOOST_TEST(first->getValue<std::string>("id") == "first");
  BOOST_TEST(first->getObject("result")->getValue<int>("n") == 1);
  BOOST_TEST(second->getValue<int>("id") == 2);
  BOOST_TEST(second->getValue<std::string>("jsonrpc") == "2.0");
}

BOOST_FIXTURE_TEST_CASE(broken_lines_get_json_rpc_errors_and_the_connection_keeps_serving,
                        UnixServer)
{
  test::RawSocket raw(socket);
  const std::pair<std::string, int> cases[] = {
      {"this is not json", errors::kParseError},
      {R"({"jsonrpc":"2.0","id":1,"method":"echo")", errors::kParseError},
      {R"({"jsonrpc":"2.0","id":1,"method":"echo","params":{"a":[1,2,)", errors::kParseError},
      {std::string(100000, '['), errors::kParseError},
      {"[]", errors::kInvalidRequest},
      {"17", errors::kInvalidRequest},
      {R"({"jsonrpc":"2.0","id":3,"method":"no.such.method"})", errors::kMethodNotFound},
      {R"({"jsonrpc":"2.0","id":4,"method":"echo","params":[1,2]})", errors::kInvalidParams},
      {R"({"jsonrpc":"2.0","id":5,"method":"refuse"})", errors::kBusy},
      {R"({"jsonrpc":"2.0","id":6,"method":"crash"})", errors::kInternalError},
  };
  for (const auto& [line, code] : cases) {
    BOOST_TEST_CONTEXT(line.substr(0, 60))
    {
      raw.send(line + "\n");
      const auto answer = raw.readLine();
      BOOST_REQUIRE(answer);
      BOOST_TEST(errorCode(*answer) == code);
    }
  }
  // A refusal carries its sentence and reason.
  raw.send(R"({"jsonrpc":"2.0","id":5,"method":"refuse"})"
           "\n");
  const auto refused = parseJson(raw.readLine().value_or(""));
  BOOST_REQUIRE(refused);
  BOOST_TEST(refused->getObject("error")->getValue<std::string>("message") == "A sync is running.");
  BOOST_TEST(refused->getObject("error")->getObject("data")->getValue<std::string>("reason") ==
             "busy");
  // Blank lines are ignored; a notification (no id) gets no answer.
  raw.send("\n  \r\n"
           R"({"jsonrpc":"2.0","method":"echo"})"
           "\n");
  expectEchoWorks(raw);
}

// Found by the ipc_message fuzz target: an answer-shaped line whose error code is not an
// integer made parseMessage throw out of the connection's thread, which ended the daemon.
BOOST_FIXTURE_TEST_CASE(an_error_code_of_the_wrong_type_is_refused_and_the_server_goes_on,
                        UnixServer)
{
  test::RawSocket raw(socket);
  for (const std::string line : {R"({"jsonrpc":"2.0","id":1,"error":{"code":"x"}})",
                                 R"({"jsonrpc":"2.0","id":2,"error":{"code":99999999999}})"}) {
    BOOST_TEST_CONTEXT(line)
    {
      raw.send(line + "\n");
      BOOST_TEST(errorCode(raw.readLine().value_or("")) == errors::kInvalidRequest);
      expectEchoWorks(raw);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(an_oversized_line_is_refused_and_skipped_whole, UnixServer)
{
  test::RawSocket raw(socket);
  // Over the limit with its newline in one go, then over the limit in pieces.
  raw.send(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":{"x":")" +
           std::string(ipc::kMaxLineBytes + 10, 'x') + "\"}}\n");
  BOOST_TEST(errorCode(raw.readLine().value_or("")) == errors::kInvalidRequest);
  expectEchoWorks(raw);
  for (int i = 0; i < 3; ++i) {
    raw.send(std::string(ipc::kMaxLineBytes / 2, 'y'));
  }
  raw.send("\n");
  const auto answer = raw.readLine();
  BOOST_TEST(errorCode(answer.value_or("")) == errors::kInvalidRequest);
  BOOST_TEST(contains(answer.value_or(""), "longer than"));
  expectEchoWorks(raw);
}

BOOST_FIXTURE_TEST_CASE(a_last_message_without_newline_is_still_answered, UnixServer)
{
  {
    test::RawSocket raw(socket);
    raw.send(R"({"jsonrpc":"2.0","id":7,"method":"echo","params":{"a":1}})");
    raw.shutdownWrite();
    const auto answer = parseJson(raw.readLine().value_or(""));
    BOOST_REQUIRE(answer);
    BOOST_TEST(answer->getValue<int>("id") == 7);
  }
  {
    test::RawSocket raw(socket);
    raw.send(R"({"jsonrpc":"2.0","id":8,"meth)");
    raw.shutdownWrite();
    BOOST_TEST(errorCode(raw.readLine().value_or("")) == errors::kParseError);
    BOOST_TEST(!raw.readLine(std::chrono::milliseconds(2000)).has_value()); // then closed
  }
  test::RawSocket fresh(socket);
  expectEchoWorks(fresh);
}

BOOST_FIXTURE_TEST_CASE(notifications_reach_subscribed_clients_only, UnixServer)
{
  // Before the clients: their reader threads use these until the clients are gone.
  std::mutex mutex;
  std::vector<std::string> seen;
  std::vector<std::string> seenByOther;
  ipc::IpcClient subscribed(socket);
  ipc::IpcClient other(socket);
  subscribed.setNotificationHandler([&](const std::string& method, const Object::Ptr& params) {
    std::lock_guard lock(mutex);
    seen.push_back(method + ":" + params->getValue<std::string>("stage"));
  });
  other.setNotificationHandler([&](const std::string& method, const Object::Ptr&) {
    std::lock_guard lock(mutex);
    seenByOther.push_back(method);
  });
  subscribed.call(ipc::methods::kSubscribe);
  Object::Ptr params = new Object;
  params->set("stage", "push");
  server.notify(ipc::notifications::kSyncProgress, params);
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(mutex);
      if (!seen.empty()) {
        break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  other.call("echo");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::lock_guard lock(mutex);
  BOOST_TEST(seen == std::vector<std::string>{"sync.progress:push"});
  BOOST_TEST(seenByOther.empty());
}

BOOST_FIXTURE_TEST_CASE(the_client_gives_up_after_its_timeout_and_stays_usable, UnixServer)
{
  ipc::IpcClient client(socket);
  BOOST_CHECK_THROW(client.call("slow", {}, std::chrono::milliseconds(200)), ipc::ChannelError);
  Object::Ptr params = new Object;
  params->set("n", 5);
  BOOST_TEST(client.callObject("echo", params)->getValue<int>("n") == 5);
  try {
    client.call("refuse");
    BOOST_FAIL("no error");
  } catch (const ipc::RpcError& e) {
    BOOST_TEST(e.code() == errors::kBusy);
    BOOST_TEST(e.reason() == "busy");
  }
}

BOOST_FIXTURE_TEST_CASE(a_client_sees_the_daemon_go_away, UnixServer)
{
  ipc::IpcClient client(socket);
  server.stop();
  BOOST_CHECK_THROW(client.call("echo", {}, std::chrono::seconds(5)), ipc::ChannelError);
  BOOST_TEST(!client.connected());
  BOOST_TEST(!std::filesystem::exists(socket)); // removed on stop
}

BOOST_FIXTURE_TEST_CASE(idle_connections_never_lock_a_new_client_out, UnixServer)
{
  // A client leaking connections (or a stuck one) fills every slot and goes quiet.
  std::vector<std::unique_ptr<test::RawSocket>> idle;
  for (std::size_t i = 0; i < ipc::kMaxConnections; ++i) {
    idle.push_back(std::make_unique<test::RawSocket>(socket));
    expectEchoWorks(*idle.back()); // admitted and served
  }
  // The next one is served, in the slot of the connection idle the longest.
  test::RawSocket newcomer(socket);
  expectEchoWorks(newcomer);
  BOOST_TEST(idle.front()->waitForClose(std::chrono::seconds(10)));
  ipc::IpcClient client(socket);
  BOOST_TEST(client.callObject("echo", new Object)->size() == 0u);
  expectEchoWorks(newcomer);
}

BOOST_AUTO_TEST_CASE(a_silent_connection_is_closed_after_the_idle_timeout_unless_subscribed)
{
  test::Sandbox sandbox;
  const std::string socket = sandbox.path("ipc/test.sock");
  ipc::IpcServer server{ipc::listen(socket, quietLogger()), testMethods(), quietLogger(),
                        std::chrono::milliseconds(300)};
  server.start();
  test::RawSocket silent(socket);
  test::RawSocket subscriber(socket);
  subscriber.send(R"({"jsonrpc":"2.0","id":1,"method":")" + std::string(ipc::methods::kSubscribe) +
                  "\"}\n");
  BOOST_REQUIRE(subscriber.readLine());
  BOOST_TEST(silent.waitForClose(std::chrono::seconds(10)));
  // A subscriber waits for notifications as long as it likes.
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  expectEchoWorks(subscriber);
}

BOOST_AUTO_TEST_CASE(connecting_where_no_daemon_listens_says_it_is_not_running)
{
  test::Sandbox sandbox;
  try {
    ipc::IpcClient client(sandbox.path("nobody.sock"));
    BOOST_FAIL("connected");
  } catch (const ipc::DaemonUnavailable& e) {
    BOOST_TEST(contains(e.what(), "pupitred is not running"));
  }
}

#ifdef _WIN32
BOOST_AUTO_TEST_CASE(the_socket_is_0600_in_a_0700_folder_it_created,
                     *boost::unit_test::precondition(test::unixOnly(
                         "Unix socket modes; Windows' endpoint file is private by its ACL "
                         "(windows_platform tests)")))
{
}
#else
BOOST_FIXTURE_TEST_CASE(the_socket_is_0600_in_a_0700_folder_it_created, UnixServer)
{
  struct stat folder
  {
  };
  struct stat file
  {
  };
  BOOST_REQUIRE(lstat(sandbox.path("ipc").c_str(), &folder) == 0);
  BOOST_REQUIRE(lstat(socket.c_str(), &file) == 0);
  BOOST_TEST((folder.st_mode & 0777) == 0700u);
  BOOST_TEST(S_ISSOCK(file.st_mode));
  BOOST_TEST((file.st_mode & 0777) == 0600u);
}
#endif

BOOST_AUTO_TEST_CASE(the_loopback_transport_requires_the_token_in_every_request)
{
  test::Sandbox sandbox;
  const std::string endpoint = sandbox.path("pupitred.endpoint");
  ipc::IpcServer server(ipc::listenLoopback(endpoint, quietLogger()), testMethods(), quietLogger());
  server.start();
#ifndef _WIN32 // (Windows: private by its ACL, checked by the windows_platform tests)
  struct stat file
  {
  };
  BOOST_REQUIRE(stat(endpoint.c_str(), &file) == 0);
  BOOST_TEST((file.st_mode & 0777) == 0600u);
#endif
  const auto endpointJson = parseJson(readWholeFile(endpoint).value_or(""));
  BOOST_REQUIRE(endpointJson);
  BOOST_TEST(endpointJson->getValue<std::string>("token").size() == 64u); // 256 bits in hex

  std::string line;
  {
    auto connection = ipc::connectLoopback(endpoint, std::chrono::seconds(2));
    BOOST_TEST(connection.token == endpointJson->getValue<std::string>("token"));
    connection.channel->writeLine(ipc::encodeRequest(1, "echo", {}, connection.token));
    BOOST_REQUIRE(connection.channel->readLine(line, std::chrono::seconds(5)) ==
                  ipc::IpcChannel::ReadStatus::Line);
    BOOST_TEST(errorCode(line) == 0);
    connection.channel->writeLine(ipc::encodeRequest(2, "echo", {}, std::string(64, '0')));
    BOOST_REQUIRE(connection.channel->readLine(line, std::chrono::seconds(5)) ==
                  ipc::IpcChannel::ReadStatus::Line);
    BOOST_TEST(errorCode(line) == errors::kUnauthorized);
    BOOST_TEST(static_cast<int>(connection.channel->readLine(line, std::chrono::seconds(5))) ==
               static_cast<int>(ipc::IpcChannel::ReadStatus::Closed));
  }
  {
    auto connection = ipc::connectLoopback(endpoint, std::chrono::seconds(2));
    connection.channel->writeLine(ipc::encodeRequest(3, "echo", {}));
    BOOST_REQUIRE(connection.channel->readLine(line, std::chrono::seconds(5)) ==
                  ipc::IpcChannel::ReadStatus::Line);
    BOOST_TEST(errorCode(line) == errors::kUnauthorized);
  }
  server.stop();
  BOOST_TEST(!std::filesystem::exists(endpoint));
  BOOST_CHECK_THROW(ipc::connectLoopback(endpoint, std::chrono::seconds(1)),
                    ipc::DaemonUnavailable);
}

BOOST_AUTO_TEST_SUITE_END()
