// Whole numbers beyond 64 bits (issue 11, item 6): Poco's JSON parser reads
// 18446744073709551616 as 0 and -9223372036854775809 as -9223372036854775808 without a word.
// Such a number in a push is refused by the server with a 400 that names it, and nothing is
// stored; in an answer of the server it fails the daemon's sync with a sentence that names
// it, and nothing of that answer is applied — never a silent wrong value.
#include "cluster.h"
#include "request_gate.h"

#include "pupitre/clock/hlc.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <regex>

using namespace pupitre;
using namespace pupitre::e2e;

namespace {

const std::vector<std::string> kHugeNumbers = {"18446744073709551616", "99999999999999999999",
                                               "-9223372036854775809"};

std::string setting(const std::string& databaseFile, const std::string& key)
{
  SQLite::Database db(databaseFile, SQLite::OPEN_READONLY, 10'000);
  SQLite::Statement query(db, "SELECT value FROM setting WHERE key = ?");
  query.bind(1, key);
  return query.executeStep() ? query.getColumn(0).getString() : "";
}

// Rows of the server's field versions for `rowId`.
std::int64_t serverVersionsOf(const ServerNode& server, const std::string& rowId)
{
  SQLite::Database db(server.databaseFile(), SQLite::OPEN_READONLY, 10'000);
  SQLite::Statement query(db, "SELECT count(*) FROM field_version WHERE row_id = ?");
  query.bind(1, rowId);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

} // namespace

BOOST_AUTO_TEST_SUITE(integer_range_tests)

BOOST_AUTO_TEST_CASE(a_push_with_a_whole_number_beyond_64_bits_is_refused_and_nothing_is_stored)
{
  Cluster cluster({.devices = 1});
  cluster.loginAll();
  Device& a = cluster[0];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  a.syncOk();
  const auto before = cluster.server.exportAccount();
  const auto stamp = std::to_string(clock::makeHlc(
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count()),
      0));
  const std::string row = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
  for (const auto& number : kHugeNumbers) {
    BOOST_TEST_CONTEXT("number " << number)
    {
      // As a value, and as the batch number.
      for (const auto& body : {R"({"batch": 900, "devices": [")" + a.deviceId() +
                                   R"("], "groups": [{"t": "assessment", "h": ")" + stamp +
                                   R"(", "d": 0, "f": ["class_id", "weight"], "rows": [[")" + row +
                                   R"(", ")" + cls + R"(", )" + number + "]]}]}",
                               R"({"batch": )" + number + R"(, "devices": [], "groups": []})"}) {
        const auto answer = postJson(cluster.server.port(), "/api/v1/push", a.token(), body);
        BOOST_TEST(answer.status == 400, answer.body);
        const auto error = parseObject(answer.body);
        BOOST_REQUIRE(error);
        BOOST_TEST(error->getValue<std::string>("error") == "bad_request");
        const auto message = error->getValue<std::string>("message");
        BOOST_TEST(contains(message, "the number " + number + " is out of range"), message);
      }
    }
  }
  BOOST_TEST(serverVersionsOf(cluster.server, row) == 0);
  BOOST_TEST(cluster.server.exportAccount() == before);
  // The device's own sync goes on as before.
  a.write({"class", "add", "4C Mathematics"});
  BOOST_TEST(a.syncOk().sent > 0);
}

BOOST_AUTO_TEST_CASE(a_server_answer_with_a_whole_number_beyond_64_bits_fails_the_sync_clearly)
{
  Cluster cluster({.devices = 2});
  Device& a = cluster[0];
  Device& b = cluster[1];
  RequestGate gateB(cluster.server.port()); // a server that misbehaves, as B sees it
  BOOST_REQUIRE(a.login(cluster.server.url()).exitCode == 0);
  BOOST_REQUIRE(b.login(gateB.url()).exitCode == 0);
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  a.syncOk();
  b.syncOk();
  const auto cursor = setting(b.database(), "sync.cursor");
  const auto exam = a.write({"assessment", "add", cls, "Exam", "--weight", "777.25"});
  a.syncOk();

  const auto refused = [&](const std::string& number) {
    const auto sync = b.sync();
    BOOST_TEST(sync.exitCode == 1);
    BOOST_TEST(contains(sync.err, "the number " + number + " is out of range"), sync.err);
    BOOST_TEST(contains(sync.err, "GET /api/v1/pull"), sync.err);
    // Nothing of that page was applied: no wrong weight, no cursor moved.
    BOOST_TEST(!contains(b.exportJson(), exam));
    BOOST_TEST(setting(b.database(), "sync.cursor") == cursor);
  };
  for (const auto& number : kHugeNumbers) {
    BOOST_TEST_CONTEXT("number " << number)
    {
      // The weight, a value...
      gateB.rewriteAnswers("/api/v1/pull", [&](const std::string& body) {
        auto text = std::regex_replace(body, std::regex(R"(([,\[])777\.25([,\]]))"), "$1@$2");
        const auto at = text.find('@');
        return at == std::string::npos ? text : text.replace(at, 1, number);
      });
      refused(number);
      // ...and the cursor, the page's place in the account's history.
      gateB.rewriteAnswers("/api/v1/pull", [&](const std::string& body) {
        return std::regex_replace(body, std::regex(R"("cursor":\d+)"), "\"cursor\":" + number);
      });
      refused(number);
    }
  }
  gateB.rewriteAnswers("/api/v1/pull", {});
  b.syncOk();
  const auto all = cluster.requireConverged();
  BOOST_TEST(exportedRow(all, "assessments", exam)->getValue<double>("weight") == 777.25);
}

BOOST_AUTO_TEST_SUITE_END()
