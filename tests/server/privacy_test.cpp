// Minors' data (issue 11, item 16): deleted records keep only their liveness past the
// retention, tokens expire when unused, a new password signs every device out, and the
// administrator can export or erase everything the server holds about an account.
#include "pupitre/blobs/blob_store.h"
#include "server/service/passwords.h"
#include "server_process.h"
#include "service_fixture.h"

#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";
const std::string kStudent = "0190a1b2-0000-7000-8000-00000000000a";
constexpr std::int64_t kDay = 24 * 3600 * 1000;

store::Value text(const std::string& s)
{
  return store::Value{s};
}
const store::Value kDeleted{std::int64_t{1}};

// A service whose retention is 30 days and tokens expire after 90 idle days, on the manual
// clock; devices A and B of one account.
struct Retention : ServiceFixture
{
  server::SyncService retained{store, [this] {
                                 server::SyncServiceOptions o{clock.wallClock()};
                                 o.retentionMs = 30 * kDay;
                                 o.tokenIdleMs = 90 * kDay;
                                 return o;
                               }()};

  Retention()
  {
    addAccount(kEmail);
    tokenA = login(kEmail, "A");
    tokenB = login(kEmail, "B");
    t0 = clock.now() - 3600 * 1000;
  }
  sync::Stamp at(int minute, const std::string& device)
  {
    return stampAt(t0 + minute * 60 * 1000, device);
  }
  // Every value the server holds for the student, liveness left out.
  std::map<std::string, store::Value> studentValues()
  {
    std::map<std::string, store::Value> values;
    store.forEachVersion(store.findAccount(kEmail)->id, [&](const server::StoredVersion& v) {
      if (v.rowId == kStudent && v.field != "deleted") {
        values[v.field] = v.value;
      }
    });
    return values;
  }
  std::vector<server::StoredConflict> conflicts()
  {
    return store.conflicts(store.findAccount(kEmail)->id);
  }

  std::string tokenA;
  std::string tokenB;
  std::int64_t t0 = 0;
};

bool allNull(const std::map<std::string, store::Value>& values)
{
  for (const auto& [field, value] : values) {
    if (!store::isNull(value)) {
      return false;
    }
  }
  return !values.empty();
}

} // namespace

BOOST_AUTO_TEST_SUITE(privacy)

BOOST_FIXTURE_TEST_CASE(the_account_answer_tells_devices_the_retention, Retention)
{
  // A device that cannot sync erases deleted records by it (docs/sync-protocol.md).
  BOOST_TEST(retained.account(tokenA).value().retentionMs == 30 * kDay);
  BOOST_TEST(service.account(tokenA).value().retentionMs == server::kDefaultRetentionMs);
}

BOOST_FIXTURE_TEST_CASE(past_the_retention_a_deleted_student_keeps_only_its_liveness, Retention)
{
  push(tokenA, 1,
       {fieldWrite("student", kStudent, "given_name", text("Lucía"), at(1, "A")),
        fieldWrite("student", kStudent, "email", text("lucia@kids.es"), at(1, "A")),
        fieldWrite("student", kStudent, "notes", text("asthma"), at(1, "A"))});
  // B renamed her without knowing A's newer name: a conflict that holds both names.
  push(tokenB, 1,
       {fieldWrite("student", kStudent, "given_name", text("Lucia B"), at(0, "B"), at(0, "x"))});
  BOOST_TEST(conflicts().size() == 1u);
  push(tokenA, 2, {fieldWrite("student", kStudent, "deleted", kDeleted, at(5, "A"))});
  const auto cursor = pullAll(tokenB).cursor;

  // Within the retention the tombstone keeps everything (an undo can bring it back).
  clock.advance(29 * kDay);
  BOOST_TEST(retained.sweepRetention().rows == 0);
  BOOST_TEST(store::toText(studentValues().at("given_name")) == "Lucía");

  clock.advance(2 * kDay);
  const auto purged = retained.sweepRetention();
  BOOST_TEST(purged.rows == 1);
  BOOST_TEST(purged.conflicts == 1);
  BOOST_TEST(allNull(studentValues()));
  BOOST_TEST(conflicts().empty());
  const auto everything = admin.exportJson(kEmail);
  BOOST_TEST(everything.find("Lucía") == std::string::npos);
  BOOST_TEST(everything.find("Lucia B") == std::string::npos);
  BOOST_TEST(everything.find("asthma") == std::string::npos);
  // Devices pull the erasure: nulls at the deletion's stamp, after their cursor.
  const auto page = pullAll(tokenB, cursor);
  BOOST_TEST(page.changes.size() == 3u);
  for (const auto& w : page.changes) {
    BOOST_TEST(store::isNull(w.value));
    BOOST_TEST(w.stamp == at(5, "A"));
  }
  BOOST_TEST(retained.sweepRetention().rows == 0); // done once

  // A late edit made before the deletion loses to it, and keeps no conflict either.
  const auto late = push(
      tokenB, 2,
      {fieldWrite("student", kStudent, "notes", text("asthma, allergy"), at(3, "B"), at(0, "x"))});
  BOOST_TEST(late.applied == 0);
  BOOST_TEST(allNull(studentValues()));
  for (const auto& c : conflicts()) {
    BOOST_TEST(c.conflict.field == "deleted"); // "edited while deleted": no value kept
  }
  // An edit made after the deletion brings the record back with that field only.
  push(tokenB, 3, {fieldWrite("student", kStudent, "given_name", text("Lucía"), at(9, "B"))});
  const auto values = studentValues();
  BOOST_TEST(store::toText(values.at("given_name")) == "Lucía");
  BOOST_TEST(store::isNull(values.at("notes")));
  BOOST_TEST(exportJson(kEmail).find(kStudent) != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_token_unused_for_the_idle_time_is_refused_until_signing_in_again,
                        Retention)
{
  clock.advance(80 * kDay);
  BOOST_TEST(retained.pull(tokenA, 0).ok()); // used: its idle time starts again
  clock.advance(80 * kDay);
  BOOST_TEST(retained.pull(tokenA, 0).ok());
  const auto refused = retained.pull(tokenB, 0); // B was not seen for 160 days
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().status == 401);
  BOOST_TEST(refused.error().code == sync::errors::kUnauthorized);
  BOOST_TEST(refused.error().message.find("Sign in again") != std::string::npos);
  BOOST_TEST(refused.error().message.find("90 days") != std::string::npos);
  // Refused from then on, even if the clock goes back; signing in again works.
  clock.advance(-100 * kDay);
  BOOST_TEST(!retained.pull(tokenB, 0).ok());
  clock.advance(100 * kDay);
  const auto again = retained.login({kEmail, kPassword, "B", "Device B"});
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(retained.pull(again.value().token, 0).ok());
}

BOOST_FIXTURE_TEST_CASE(a_new_password_signs_every_device_out, Retention)
{
  BOOST_TEST(admin.setPassword(kEmail, "a brand new password") == 2);
  for (const auto& token : {tokenA, tokenB}) {
    const auto refused = service.pull(token, 0);
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().code == sync::errors::kUnauthorized);
  }
  BOOST_TEST(!service.login({kEmail, kPassword, "A", "A"}).ok());
  const auto again = service.login({kEmail, "a brand new password", "A", "A"});
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(service.pull(again.value().token, 0).ok());
}

BOOST_AUTO_TEST_CASE(user_passwd_signs_devices_out_and_says_so)
{
  Sandbox sandbox;
  const std::string data = sandbox.path("data");
  BOOST_REQUIRE(serverCommand({"--data", data, "user", "add", kEmail, "--licence", "multi"},
                              "a long password\n")
                    .exitCode == 0);
  std::string token;
  {
    const auto opened = openTestStore(data);
    auto& store = *opened;
    server::SyncService service(store);
    token = service.login({kEmail, "a long password", "A", "Laptop"}).value().token;
  }
  const auto changed =
      serverCommand({"--data", data, "user", "passwd", kEmail}, "another long password\n");
  BOOST_TEST(changed.exitCode == 0);
  BOOST_TEST(changed.err.find("1 device was signed out") != std::string::npos);
  const auto opened = openTestStore(data);
  auto& store = *opened;
  server::SyncService service(store);
  BOOST_TEST(!service.pull(token, 0).ok());
}

namespace {

// What the database holds (server.db and its write-ahead log, or PostgreSQL's rows).
std::string databaseBytes(const std::string& data)
{
  return storedBytes(data);
}

// Two accounts on one data folder, sharing one picture; ana also has one of her own, an
// unfinished upload, a conflict and a deleted record.
struct TwoAccounts
{
  Sandbox sandbox;
  std::string data = sandbox.path("data");
  std::string shared;
  std::string own;

  TwoAccounts()
  {
    for (const char* email : {"ana@school.es", "bea@school.es"}) {
      BOOST_REQUIRE(serverCommand({"--data", data, "user", "add", email, "--licence", "multi"},
                                  "a long password\n")
                        .exitCode == 0);
    }
    const auto opened = openTestStore(data);
    auto& store = *opened;
    server::SyncService service(store);
    const auto ana = store.findAccount("ana@school.es")->id;
    const auto bea = store.findAccount("bea@school.es")->id;
    const std::string tokenA =
        service.login({kEmail, "a long password", "A", "Laptop"}).value().token;
    const std::string tokenB =
        service.login({kEmail, "a long password", "B", "Tablet"}).value().token;
    const std::string tokenBea =
        service.login({"bea@school.es", "a long password", "X", "Bea's"}).value().token;
    BOOST_REQUIRE(!service.login({kEmail, "not the password", "C", "C"}).ok());
    const auto now = service.nowMs();
    BOOST_REQUIRE(
        service
            .push(
                tokenA,
                {1,
                 {fieldWrite("student", kStudent, "given_name", text("Lucía"),
                             stampAt(now - 5000, "A")),
                  fieldWrite("student", "s2", "given_name", text("Pau"), stampAt(now - 5000, "A")),
                  fieldWrite("student", "s2", "deleted", kDeleted, stampAt(now - 4000, "A"))}})
            .ok());
    BOOST_REQUIRE(service
                      .push(tokenB, {1,
                                     {fieldWrite("student", kStudent, "given_name", text("Lucia"),
                                                 stampAt(now - 6000, "B"), stampAt(1, "x"))}})
                      .ok());
    BOOST_REQUIRE(service
                      .push(tokenBea, {1,
                                       {fieldWrite("class", "c9", "name", text("Bea's class"),
                                                   stampAt(now - 5000, "X"))}})
                      .ok());
    pupitre::blobs::BlobStore files(std::filesystem::path(data) / "blobs");
    shared = files.addBytes("a picture both teachers hold");
    own = files.addBytes("a picture only ana holds");
    const auto index = openTestBlobIndex(store, data);
    BOOST_REQUIRE(index->add(ana, shared, 28, now) == server::blobs::AddOutcome::Added);
    BOOST_REQUIRE(index->add(bea, shared, 28, now) == server::blobs::AddOutcome::Added);
    BOOST_REQUIRE(index->add(ana, own, 24, now) == server::blobs::AddOutcome::Added);
    files.appendPartial(std::to_string(ana) + "-" + std::string(64, 'a'), 0, "half a file");
  }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(user_export_holds_everything_kept_about_the_account_but_secrets,
                        TwoAccounts)
{
  const auto exported = serverCommand({"--data", data, "user", "export", kEmail});
  BOOST_REQUIRE_MESSAGE(exported.exitCode == 0, exported.err);
  const std::string& json = exported.out;
  BOOST_CHECK_NO_THROW(Poco::JSON::Parser().parse(json)); // one JSON document
  for (const std::string& expected : std::vector<std::string>{
           "\"email\": \"ana@school.es\"", "\"name\": \"Laptop\"", "\"name\": \"Tablet\"",
           "\"device_id\": \"A\"", "\"state\": \"active\"", "\"Lucía\"", // live data
           "\"Pau\"", // the deleted record's tombstone, still within the retention
           "\"lost_value\": \"Lucia\"", shared, own}) {
    BOOST_TEST(json.find(expected) != std::string::npos, "the export lacks " << expected);
  }
  BOOST_TEST(json.find("Bea's") == std::string::npos);
  const auto opened = openTestStore(data);
  auto& store = *opened;
  BOOST_TEST(json.find(store.findAccount(kEmail)->passwordHash) == std::string::npos);
  // `user data` keeps printing the canonical live data only.
  const auto live = serverCommand({"--data", data, "user", "data", kEmail});
  BOOST_TEST(live.out.rfind("{\n  \"assessments\": []", 0) == 0u);
  BOOST_TEST(live.out.find("Pau") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(user_erase_removes_the_account_its_data_and_its_own_files, TwoAccounts)
{
  const std::int64_t ana = openTestStore(data)->findAccount(kEmail)->id;
  BOOST_TEST(databaseBytes(data).find("Lucía") != std::string::npos);
  const auto erased = serverCommand({"--data", data, "user", "erase", kEmail});
  BOOST_REQUIRE_MESSAGE(erased.exitCode == 0, erased.err);
  BOOST_TEST(erased.err.find("1 file") != std::string::npos);

  pupitre::blobs::BlobStore files(std::filesystem::path(data) / "blobs");
  BOOST_TEST(!files.has(own));
  BOOST_TEST(files.has(shared)); // bea still holds it
  BOOST_TEST(std::filesystem::is_empty(files.root() / "partial"));

  const auto opened = openTestStore(data);
  auto& store = *opened;
  BOOST_TEST(!store.findAccount(kEmail));
  BOOST_TEST(store.tokens(ana).empty());
  BOOST_TEST(store.allDevices(ana).empty());
  BOOST_TEST(store.conflicts(ana).empty());
  BOOST_TEST(store.heldBlobs(ana).empty());
  int versions = 0;
  store.forEachVersion(ana, [&](const server::StoredVersion&) { ++versions; });
  BOOST_TEST(versions == 0);
  // Nothing of hers is left in the file; bea's account is intact.
  BOOST_TEST(databaseBytes(data).find("Lucía") == std::string::npos);
  const auto bea = store.findAccount("bea@school.es");
  BOOST_REQUIRE(bea);
  BOOST_TEST(store.heldBlobs(bea->id).size() == 1u);
  BOOST_TEST(
      serverCommand({"--data", data, "user", "data", "bea@school.es"}).out.find("Bea's class") !=
      std::string::npos);
  // Erasing again says there is no such account.
  const auto again = serverCommand({"--data", data, "user", "erase", kEmail});
  BOOST_TEST(again.exitCode == 1);
  BOOST_TEST(again.err.find("No account for ana@school.es") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(serve_reads_the_retention_and_the_token_idle_time_as_durations)
{
  Sandbox sandbox;
  for (const std::string wrong : {"30", "soon", "-1d", "12 h"}) {
    const auto refused =
        serverCommand({"serve", "--data", sandbox.path("data"), "--retention", wrong});
    BOOST_TEST(refused.exitCode == 2, wrong);
    BOOST_TEST(refused.err.find("is not a duration; write e.g. 30d") != std::string::npos, wrong);
  }
  const auto idle = serverCommand({"serve", "--data", sandbox.path("data"), "--token-idle", "1w"});
  BOOST_TEST(idle.exitCode == 2);
  ServerProcess server(sandbox.path("data"), {"--retention", "12h", "--token-idle", "0"});
  BOOST_TEST(server.port() > 0);
}

// No echo leaves out a device's own writes, not the server's: the device that deleted the
// record still pulls the sweep's erasure, though it is stamped with its own deletion's stamp.
BOOST_FIXTURE_TEST_CASE(the_deleting_device_pulls_the_erasure_without_its_own_writes, Retention)
{
  push(tokenA, 1,
       {fieldWrite("student", kStudent, "given_name", text("Lucía"), at(1, "A")),
        fieldWrite("student", kStudent, "notes", text("asthma"), at(1, "A"))});
  push(tokenA, 2, {fieldWrite("student", kStudent, "deleted", kDeleted, at(5, "A"))});
  const auto cursor = retained.pull(tokenA, 0, 0, false, false).value().cursor;
  BOOST_TEST(cursor > 0);
  clock.advance(31 * kDay);
  BOOST_TEST(retained.sweepRetention().rows == 1);
  const auto page = retained.pull(tokenA, cursor, 0, false, false).value();
  BOOST_TEST(page.changes.size() == 2u);
  for (const auto& w : page.changes) {
    BOOST_TEST(store::isNull(w.value));
    BOOST_TEST(w.stamp == at(5, "A"));
  }
}

BOOST_AUTO_TEST_SUITE_END()
