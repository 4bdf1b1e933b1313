// Two pupitre-server nodes on one database (PostgreSQL in the server_postgres run; one
// server.db in the SQLite run): the sequence rule (docs/sync-protocol.md) must hold whichever
// node takes a push. Devices push many batches at once through both nodes while another device
// pulls all the time, through both nodes too; it must end with every change. A sequence
// number handed out without serializing the account's writers lets a later number commit
// first: a pull in between moves the cursor past the earlier one, which is then never pulled.
#include "pupitre/sync/wire.h"
#include "server/time_text.h"
#include "server_process.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <set>
#include <thread>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

struct TwoNodes
{
  TwoNodes()
  {
    const auto added = serverCommand(
        {"--data", data, "user", "add", kEmail, "--licence", "multi", "--devices", "20"},
        std::string(kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    nodes[0] = std::make_unique<ServerProcess>(data);
    nodes[1] = std::make_unique<ServerProcess>(data);
  }
  std::uint16_t port(std::size_t i) const { return nodes[i % 2]->port(); }
  std::string login(const std::string& device, std::size_t node)
  {
    const auto reply = httpCall(
        port(node), {"POST", "/api/v1/login",
                     sync::encodeLoginRequest({kEmail, kPassword, device, "Device " + device})});
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    return sync::decodeLoginResult(reply.body).token;
  }

  Sandbox sandbox;
  std::string data = sandbox.path("data");
  std::unique_ptr<ServerProcess> nodes[2];
};

HttpReply authed(std::uint16_t port, const std::string& token, HttpCall call)
{
  call.headers["Authorization"] = "Bearer " + token;
  return httpCall(port, call);
}

} // namespace

BOOST_AUTO_TEST_SUITE(multi_node)

BOOST_FIXTURE_TEST_CASE(
    a_device_pulling_during_concurrent_pushes_through_two_nodes_gets_every_change, TwoNodes)
{
  constexpr int kPushers = 6;
  constexpr int kBatches = 25;
  constexpr int kWritesPerBatch = 20;
  std::vector<std::string> tokens;
  for (int d = 0; d < kPushers; ++d) {
    tokens.push_back(login("pusher-" + std::to_string(d), d));
  }
  const std::string pullerToken = login("puller", 0);

  std::atomic<int> pushing{kPushers};
  std::atomic<int> failures{0};
  std::vector<std::thread> pushers;
  for (int d = 0; d < kPushers; ++d) {
    pushers.emplace_back([&, d] {
      const std::string device = "pusher-" + std::to_string(d);
      std::uint64_t counter = 0;
      for (int b = 1; b <= kBatches; ++b) {
        sync::PushRequest request{b, {}, {}};
        const auto now = server::systemNowMs() - 1000;
        for (int w = 0; w < kWritesPerBatch; ++w) {
          const std::string row = device + "-" + std::to_string(b) + "-" + std::to_string(w);
          request.changes.push_back(
              fieldWrite("class", row, "name", store::Value{row}, stampAt(now, device, ++counter)));
        }
        // Each batch through the other node than the one before.
        const auto reply =
            authed(port(static_cast<std::size_t>(d + b)), tokens[static_cast<std::size_t>(d)],
                   {"POST", "/api/v1/push", sync::encodePush(request)});
        if (reply.status != 200) {
          ++failures;
        }
      }
      --pushing;
    });
  }

  // The puller: pages after its cursor, alternately through each node, until the pushes are
  // over, then once more to the end.
  std::set<std::string> pulled;
  std::int64_t cursor = 0;
  int pulls = 0;
  auto pullOnce = [&] {
    const auto reply = authed(port(static_cast<std::size_t>(++pulls)), pullerToken,
                              {"GET", "/api/v1/pull?after=" + std::to_string(cursor)});
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    const auto page = sync::decodePullPage(reply.body);
    for (const auto& change : page.changes) {
      pulled.insert(change.rowId);
    }
    cursor = page.cursor;
    return page.more;
  };
  while (pushing > 0) {
    pullOnce();
  }
  for (auto& t : pushers) {
    t.join();
  }
  while (pullOnce()) {
  }
  BOOST_TEST(failures == 0);
  BOOST_TEST_MESSAGE(pulls << " pulls");
  int missing = 0;
  for (int d = 0; d < kPushers; ++d) {
    for (int b = 1; b <= kBatches; ++b) {
      for (int w = 0; w < kWritesPerBatch; ++w) {
        missing += pulled.count("pusher-" + std::to_string(d) + "-" + std::to_string(b) + "-" +
                                std::to_string(w)) == 0
                       ? 1
                       : 0;
      }
    }
  }
  BOOST_TEST(missing == 0, missing << " changes of " << kPushers * kBatches * kWritesPerBatch
                                   << " were never pulled");
}

BOOST_FIXTURE_TEST_CASE(a_batch_sent_again_through_the_other_node_is_answered_not_applied_again,
                        TwoNodes)
{
  const std::string token = login("A", 0);
  const auto stamp = stampAt(server::systemNowMs() - 1000, "A");
  const auto first = authed(
      port(0), token,
      {"POST", "/api/v1/push",
       sync::encodePush({1, {fieldWrite("class", "c1", "name", store::Value{"5B"}, stamp)}})});
  BOOST_REQUIRE_MESSAGE(first.status == 200, first.body);
  // The device did not get the answer and sends batch 1 again, to the other node; this time
  // it holds another write (as if it had changed meanwhile): the batch is known, so the
  // recorded answer comes back and nothing of it is applied.
  const auto again = authed(
      port(1), token,
      {"POST", "/api/v1/push",
       sync::encodePush({1, {fieldWrite("class", "c2", "name", store::Value{"6A"}, stamp)}})});
  BOOST_REQUIRE_MESSAGE(again.status == 200, again.body);
  BOOST_TEST(sync::decodePushResult(again.body).applied ==
             sync::decodePushResult(first.body).applied);
  const auto page =
      sync::decodePullPage(authed(port(1), token, {"GET", "/api/v1/pull?after=0"}).body);
  BOOST_REQUIRE(page.changes.size() == 1u);
  BOOST_TEST(page.changes[0].rowId == "c1");
}

BOOST_FIXTURE_TEST_CASE(failed_sign_ins_through_either_node_count_together, TwoNodes)
{
  if (!testsOnPostgres()) {
    BOOST_TEST_MESSAGE("shared sign-in limits are PostgreSQL's (server_postgres)");
    return;
  }
  auto guess = [&](std::size_t node) {
    return httpCall(port(node), {"POST", "/api/v1/login",
                                 sync::encodeLoginRequest({kEmail, "a wrong guess", "evil", ""})});
  };
  // The e-mail's free failures (10), spent half through each node ...
  for (std::size_t i = 0; i < 10; ++i) {
    const auto reply = guess(i);
    BOOST_TEST(reply.status == 401, reply.body);
  }
  // ... so the next guess waits, whichever node it goes to (each saw only 5 itself).
  for (std::size_t node : {0u, 1u}) {
    const auto held = guess(node);
    BOOST_TEST(held.status == 429, held.body);
    BOOST_TEST(held.body.find("rate_limited") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
