// The sync API's JSON encoding: what one side encodes the other decodes to the same values,
// and malformed or hostile input is refused with a clear ProtocolError, never a crash.
#include "pupitre/sync/wire.h"

#include <boost/test/unit_test.hpp>

#include <limits>

using namespace pupitre;
using namespace pupitre::sync;

namespace {

const std::string kDevA = "01a2221c-379c-7fda-a494-1647b188ec31";
const std::string kDevB = "01a2221c-37ad-7c7f-8cb7-bc56651a6728";

std::vector<FieldWrite> sampleWrites()
{
  const Stamp s1{clock::makeHlc(1'790'000'000'000, 3), kDevA};
  const Stamp s2{clock::makeHlc(1'790'000'000'500, 0), kDevB};
  return {
      {"mark", "m1", "value", store::Value{7.5}, s1, {}},
      {"mark", "m1", "comment", store::Value{std::string("Très \"bien\"\n")}, s1, {}},
      {"mark", "m2", "value", store::Value{std::int64_t{4}}, s1, {}},
      {"mark", "m2", "comment", store::Value{}, s1, {}},
      {"student", "s1", "given_name", store::Value{std::string("Ana")}, s2, s1},
      {"student", "s1", "deleted", store::Value{std::int64_t{1}}, s2, {}},
  };
}

bool sameWrites(std::vector<FieldWrite> a, std::vector<FieldWrite> b)
{
  auto key = [](const FieldWrite& w) { return w.rowId + "|" + w.field; };
  auto byKey = [&](const FieldWrite& x, const FieldWrite& y) { return key(x) < key(y); };
  std::sort(a.begin(), a.end(), byKey);
  std::sort(b.begin(), b.end(), byKey);
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].table != b[i].table || a[i].rowId != b[i].rowId || a[i].field != b[i].field ||
        !store::sameValue(a[i].value, b[i].value) || a[i].stamp != b[i].stamp ||
        a[i].base != b[i].base) {
      return false;
    }
  }
  return true;
}

bool refused(const std::string& json)
{
  try {
    decodePush(json);
  } catch (const ProtocolError&) {
    return true;
  }
  return false;
}

} // namespace

namespace {

// A mark's number that lost to a symbol from another device.
Conflict sampleConflict()
{
  Conflict c;
  c.id = "c1";
  c.table = "mark";
  c.rowId = "m1";
  c.field = "value";
  c.lostValue = store::Value{6.0};
  c.lostStamp = {clock::makeHlc(1'790'000'000'000, 1), kDevA};
  c.wonValue = store::Value{std::string("A")};
  c.wonStamp = {clock::makeHlc(1'790'000'000'900, 0), kDevB};
  return c;
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_tests)

BOOST_AUTO_TEST_CASE(a_push_survives_the_round_trip_with_stamps_bases_and_values)
{
  const PushRequest request{42, sampleWrites()};
  const PushRequest decoded = decodePush(encodePush(request));
  BOOST_TEST(decoded.batch == 42);
  BOOST_TEST(sameWrites(decoded.changes, request.changes));
}

BOOST_AUTO_TEST_CASE(a_push_with_reported_conflicts_survives_the_round_trip)
{
  PushRequest request{3, {}};
  BOOST_TEST(encodePush(request).find("conflicts") == std::string::npos); // left out when none
  const Conflict c = sampleConflict();
  request.conflicts.push_back(c);
  const PushRequest decoded = decodePush(encodePush(request));
  BOOST_TEST(decoded.batch == 3);
  BOOST_TEST(decoded.changes.empty());
  BOOST_REQUIRE(decoded.conflicts.size() == 1u);
  BOOST_TEST(decoded.conflicts[0].id == "c1");
  BOOST_TEST(decoded.conflicts[0].lostStamp == c.lostStamp);
  BOOST_TEST(decoded.conflicts[0].wonStamp == c.wonStamp);
}

BOOST_AUTO_TEST_CASE(writes_that_share_a_stamp_share_one_group)
{
  const std::string json = encodePush({1, sampleWrites()});
  // m1 and m2 (same stamp, same fields) in one group; the student's two stamps/bases apart.
  std::size_t groups = 0;
  for (std::size_t at = json.find("\"t\":"); at != std::string::npos;
       at = json.find("\"t\":", at + 1)) {
    ++groups;
  }
  BOOST_TEST(groups == 3u);
  BOOST_TEST(json.find(kDevA) == json.rfind(kDevA)); // each device named once
}

BOOST_AUTO_TEST_CASE(a_pull_page_with_conflicts_survives_the_round_trip)
{
  PullPage page;
  page.cursor = 1234;
  page.more = true;
  page.changes = sampleWrites();
  const Conflict c = sampleConflict();
  page.conflicts.push_back(c);
  const PullPage decoded = decodePullPage(encodePullPage(page));
  BOOST_TEST(decoded.cursor == 1234);
  BOOST_TEST(decoded.more);
  BOOST_TEST(sameWrites(decoded.changes, page.changes));
  BOOST_REQUIRE(decoded.conflicts.size() == 1u);
  BOOST_TEST(decoded.conflicts[0].lostStamp == c.lostStamp);
  BOOST_TEST(decoded.conflicts[0].wonStamp == c.wonStamp);
  BOOST_TEST(store::toText(decoded.conflicts[0].wonValue) == "A");
  BOOST_TEST(decoded.remaining == -1); // not asked for: not told
}

BOOST_AUTO_TEST_CASE(a_pull_page_may_say_how_many_items_follow_it)
{
  PullPage page;
  page.cursor = 10;
  page.more = true;
  page.remaining = 24'000;
  const auto json = encodePullPage(page);
  BOOST_TEST(json.find("\"remaining\":24000") != std::string::npos, json);
  BOOST_TEST(decodePullPage(json).remaining == 24'000);
  page.remaining = 0;
  BOOST_TEST(decodePullPage(encodePullPage(page)).remaining == 0);
  try {
    decodePullPage(R"({"cursor": 1, "more": false, "remaining": -3})");
    BOOST_FAIL("a negative count was accepted");
  } catch (const ProtocolError& e) {
    BOOST_TEST(std::string(e.what()) == "The field 'remaining' must be 0 or more.");
  }
}

BOOST_AUTO_TEST_CASE(stamps_beyond_javascript_numbers_keep_every_bit)
{
  const Stamp big{clock::makeHlc((std::uint64_t{1} << 47) + 12345, 65535), kDevA};
  const PushRequest decoded = decodePush(
      encodePush({1, {{"class", "c", "name", store::Value{std::string("x")}, big, {}}}}));
  BOOST_TEST(decoded.changes.at(0).stamp.hlc == big.hlc);
}

BOOST_AUTO_TEST_CASE(account_login_and_error_bodies_survive_the_round_trip)
{
  AccountInfo account{
      "ana@school.es", "multi", 5, {{"d1", "Laptop", "2026-11-28T10:00:00Z", ""}}, 10, 1 << 30};
  const LoginResult login = decodeLoginResult(encodeLoginResult({"tok", account}));
  BOOST_TEST(login.token == "tok");
  BOOST_TEST(login.account.devices.at(0).name == "Laptop");
  BOOST_TEST(login.account.storageQuota == 1 << 30);
  BOOST_TEST(login.account.retentionMs == -1); // not told: an older server
  account.retentionMs = 2'592'000'000;
  BOOST_TEST(decodeAccount(encodeAccount(account)).retentionMs == 2'592'000'000);
  account.retentionMs = 0; // for ever
  BOOST_TEST(decodeAccount(encodeAccount(account)).retentionMs == 0);
  const ApiError error =
      decodeError(429, encodeError({429, errors::kRateLimited, "Too many attempts.", 60, 0}));
  BOOST_TEST(error.code == errors::kRateLimited);
  BOOST_TEST(error.retryAfterSeconds == 60);
  const ApiError ahead = decodeError(
      409, encodeError({409, errors::kClockAhead, "Ahead.", 0, 1'790'000'000'000, 60'000}));
  BOOST_TEST(ahead.serverTimeMs == 1'790'000'000'000);
  BOOST_TEST(ahead.maxClockAheadMs == 60'000);
  const ApiError garbage = decodeError(502, "<html>Bad gateway</html>");
  BOOST_TEST(garbage.code == errors::kInternal);
  BOOST_TEST(garbage.message.find("502") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_truncated_and_hostile_messages_are_refused_clearly)
{
  const std::string good = encodePush({7, sampleWrites()});
  for (std::size_t cut :
       {std::size_t{0}, std::size_t{1}, good.size() / 3, good.size() / 2, good.size() - 1}) {
    BOOST_TEST(refused(good.substr(0, cut)), "truncated at " << cut);
  }
  BOOST_TEST(refused("[1,2,3]"));
  BOOST_TEST(refused("{\"batch\": \"seven\"}"));
  BOOST_TEST(refused("{\"batch\": 0, \"groups\": []}"));
  BOOST_TEST(refused(
      "{\"batch\": 1, \"devices\": [\"d\"], \"groups\": [{\"t\": \"mark\", \"h\": \"1\", \"d\": 5,"
      " \"f\": [\"value\"], \"rows\": [[\"m\", 1]]}]}"));
  BOOST_TEST(
      refused("{\"batch\": 1, \"devices\": [\"d\"], \"groups\": [{\"t\": \"mark\", \"h\": 12,"
              " \"d\": 0, \"f\": [\"value\"], \"rows\": [[\"m\", 1]]}]}"));
  BOOST_TEST(
      refused("{\"batch\": 1, \"devices\": [\"d\"], \"groups\": [{\"t\": \"mark\", \"h\": \"-1\","
              " \"d\": 0, \"f\": [\"value\"], \"rows\": [[\"m\", 1]]}]}"));
  BOOST_TEST(
      refused("{\"batch\": 1, \"devices\": [\"d\"], \"groups\": [{\"t\": \"mark\", \"h\": \"1\","
              " \"d\": 0, \"f\": [\"value\", \"comment\"], \"rows\": [[\"m\", 1]]}]}"));
  BOOST_TEST(
      refused("{\"batch\": 1, \"devices\": [\"d\"], \"groups\": [{\"t\": \"mark\", \"h\": \"1\","
              " \"d\": 0, \"f\": [\"value\"], \"rows\": [[\"m\", {\"x\": 1}]]}]}"));
  BOOST_TEST(refused(std::string(100000, '[')));
  try {
    decodePush("{\"batch\": \"seven\"}");
  } catch (const ProtocolError& e) {
    BOOST_TEST(std::string(e.what()) == "The field 'batch' must be an integer.");
  }
}

BOOST_AUTO_TEST_CASE(whole_numbers_beyond_64_bits_are_refused_as_protocol_errors)
{
  // The JSON parser reads the first two as unsigned numbers that a 64-bit signed value cannot
  // hold, the next two silently as 0 and -9223372036854775808, the last not at all.
  for (const std::string number :
       {"9223372036854775808", "18446744073709551615", "18446744073709551616",
        "-9223372036854775809", "99999999999999999999"}) {
    const std::string groups = "\"groups\": [{\"t\": \"mark\", \"h\": \"1\", \"d\": 0, "
                               "\"f\": [\"value\"], \"rows\": [[\"m\", " +
                               number + "]]}]";
    BOOST_TEST(refused("{\"batch\": 1, \"devices\": [\"d\"], " + groups + "}"), number);
    BOOST_CHECK_THROW(
        decodePullPage("{\"cursor\": 1, \"more\": false, \"devices\": [\"d\"], " + groups + "}"),
        ProtocolError);
  }
}

BOOST_AUTO_TEST_CASE(a_number_beyond_64_bits_anywhere_in_an_answer_is_named_never_read_as_another)
{
  const std::string expected = "the number 18446744073709551616 is out of range (whole numbers "
                               "go from -9223372036854775808 to 9223372036854775807).";
  const auto message = [](auto decode) {
    try {
      decode();
    } catch (const ProtocolError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  BOOST_TEST(message([] {
               decodePullPage(R"({"cursor": 18446744073709551616, "more": false})");
             }) == "In the pull page, " + expected);
  BOOST_TEST(message([] {
               decodePushResult(R"({"batch": 1, "applied": 18446744073709551616})");
             }) == "In the push result, " + expected);
  BOOST_TEST(message([] {
               decodeAccount(R"({"email": "a@b.c", "licence": "multi", "storage_used": )"
                             R"(18446744073709551616})");
             }) == "In the account, " + expected);
  // Inside a string it is text.
  BOOST_TEST(decodeAccount(R"({"email": "18446744073709551616", "licence": "multi"})").email ==
             "18446744073709551616");
  // The ends of the range are numbers like any other.
  BOOST_TEST(decodePullPage(R"({"cursor": 9223372036854775807, "more": false})").cursor ==
             std::numeric_limits<std::int64_t>::max());
}

BOOST_AUTO_TEST_SUITE_END()
