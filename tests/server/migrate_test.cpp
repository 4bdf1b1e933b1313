// `pupitre-server migrate --from-sqlite DIR --to postgresql://...` on a server with data:
// both read back the same, and the devices go on syncing against the PostgreSQL server with
// the tokens and cursors they had, without pulling everything again. Runs in the
// server_postgres entry only (it needs the tests' PostgreSQL).
#include "pupitre/sync/wire.h"
#include "server/time_text.h"
#include "server_process.h"
#include "service_fixture.h"
#include "support/postgres_instance.h"

#include <boost/test/unit_test.hpp>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

HttpReply authed(std::uint16_t port, const std::string& token, HttpCall call)
{
  call.headers["Authorization"] = "Bearer " + token;
  return httpCall(port, call);
}

std::string login(std::uint16_t port, const std::string& device)
{
  const auto reply =
      httpCall(port, {"POST", "/api/v1/login",
                      sync::encodeLoginRequest({kEmail, kPassword, device, device})});
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  return sync::decodeLoginResult(reply.body).token;
}

sync::PushResult push(std::uint16_t port, const std::string& token, std::int64_t batch,
                      const std::string& row)
{
  const auto stamp = stampAt(server::systemNowMs() - 1000, "A", static_cast<std::uint64_t>(batch));
  const auto reply =
      authed(port, token,
             {"POST", "/api/v1/push",
              sync::encodePush(
                  {batch,
                   {fieldWrite("class", row, "name", store::Value{row}, stamp),
                    fieldWrite("class", row, "archived", store::Value{std::int64_t{0}}, stamp),
                    fieldWrite("class", row, "position", store::Value{1.25}, stamp)},
                   {}})});
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  return sync::decodePushResult(reply.body);
}

sync::PullPage pull(std::uint16_t port, const std::string& token, std::int64_t after)
{
  const auto reply = authed(port, token, {"GET", "/api/v1/pull?after=" + std::to_string(after)});
  BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
  return sync::decodePullPage(reply.body);
}

} // namespace

BOOST_AUTO_TEST_SUITE(migrate)

BOOST_AUTO_TEST_CASE(a_school_moves_to_postgresql_and_its_devices_sync_on_from_their_cursors)
{
  if (!testsOnPostgres()) {
    BOOST_TEST_MESSAGE("migrate runs in the server_postgres entry (PUPITRE_TEST_BACKEND=postgres)");
    return;
  }
  Sandbox sandbox;
  const std::string data = sandbox.path("data");
  // The school's SQLite server (an empty --database: DIR/server.db).
  const std::vector<std::string> onSqlite = {"--data", data, "--database", ""};
  auto sqliteCommand = [&](std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(), onSqlite.begin(), onSqlite.end());
    return serverCommand(args, input);
  };
  BOOST_REQUIRE(
      sqliteCommand({"user", "add", kEmail, "--licence", "multi"}, std::string(kPassword) + "\n")
          .exitCode == 0);
  std::string tokenA;
  std::string tokenB;
  std::int64_t cursorB = 0;
  std::string before;
  {
    ServerProcess school(data, {"--database", ""});
    tokenA = login(school.port(), "A");
    tokenB = login(school.port(), "B");
    BOOST_TEST(push(school.port(), tokenA, 1, "c1").applied == 3);
    cursorB = pull(school.port(), tokenB, 0).cursor;
    BOOST_TEST(push(school.port(), tokenA, 2, "c2").applied == 3);
    before = sqliteCommand({"user", "export", kEmail}).out;
  } // the server stops before the move

  const std::string url = PostgresInstance::shared().createDatabase();
  const auto moved = serverCommand({"migrate", "--from-sqlite", data, "--to", url});
  BOOST_REQUIRE_MESSAGE(moved.exitCode == 0, moved.err);
  BOOST_TEST(moved.out.find("every account reads back the same") != std::string::npos, moved.out);
  const auto after = serverCommand({"--data", data, "--database", url, "user", "export", kEmail});
  BOOST_TEST(after.out == before);

  ServerProcess regional(data, {"--database", url});
  // B goes on from its cursor: only the change it had not pulled, not everything again.
  const auto page = pull(regional.port(), tokenB, cursorB);
  BOOST_REQUIRE(page.changes.size() == 3u);
  BOOST_TEST(page.changes[0].rowId == "c2");
  BOOST_TEST(page.cursor > cursorB);
  // A's last batch is still known (sent again, it is answered, not applied twice), and its
  // next one is applied and reaches B.
  BOOST_TEST(push(regional.port(), tokenA, 2, "c2").applied == 3);
  BOOST_TEST(push(regional.port(), tokenA, 3, "c3").applied == 3);
  const auto next = pull(regional.port(), tokenB, page.cursor);
  BOOST_REQUIRE(next.changes.size() == 3u);
  BOOST_TEST(next.changes[0].rowId == "c3");
  // A new account gets an id after the copied ones.
  BOOST_TEST(serverCommand({"--data", data, "--database", url, "user", "add", "bea@school.es",
                            "--licence", "multi"},
                           std::string(kPassword) + "\n")
                 .exitCode == 0);

  // Into a database with accounts already: refused, nothing changed.
  const auto again = serverCommand({"migrate", "--from-sqlite", data, "--to", url});
  BOOST_TEST(again.exitCode == 1);
  BOOST_TEST(again.err.find("holds accounts already") != std::string::npos, again.err);
}

BOOST_AUTO_TEST_SUITE_END()
