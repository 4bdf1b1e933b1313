// Retention through real processes (issue 11, item 16): a student deleted on A keeps, past
// the server's retention, only the fact that she was deleted — her name leaves the server's
// database file and B's — and every replica still converges. A device that does not sync (a
// single-device licence, or never signed in) erases her values itself by the same rule.
#include "cluster.h"

#include "pupitre/blobs/picture.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace pupitre;
using namespace pupitre::e2e;

namespace {

// How many values of the synced tables (or of the server's field versions) hold `text`.
std::int64_t valuesHolding(const std::string& databaseFile, const std::string& text,
                           const std::vector<std::string>& queries)
{
  SQLite::Database db(databaseFile, SQLite::OPEN_READONLY, 10'000);
  std::int64_t count = 0;
  for (const auto& sql : queries) {
    SQLite::Statement q(db, sql);
    q.bind(1, "%" + text + "%");
    BOOST_REQUIRE(q.executeStep());
    count += q.getColumn(0).getInt64();
  }
  return count;
}

const std::vector<std::string> kServerValues = {
    "SELECT count(*) FROM field_version WHERE CAST(value AS TEXT) LIKE ?1",
    "SELECT count(*) FROM conflict WHERE CAST(lost_value AS TEXT) LIKE ?1"
    " OR CAST(won_value AS TEXT) LIKE ?1"};
const std::vector<std::string> kDeviceValues = {
    "SELECT count(*) FROM student WHERE given_name LIKE ?1 OR family_name LIKE ?1"
    " OR email LIKE ?1 OR notes LIKE ?1",
    "SELECT count(*) FROM conflict WHERE CAST(lost_value AS TEXT) LIKE ?1"
    " OR CAST(won_value AS TEXT) LIKE ?1"};

// Waits (at most `seconds`) until no value of `databaseFile` holds `text`; the count left.
std::int64_t waitUntilGone(const std::string& databaseFile, const std::string& text,
                           const std::vector<std::string>& queries, int seconds)
{
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (valuesHolding(databaseFile, text, queries) > 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return valuesHolding(databaseFile, text, queries);
}

// A student with a name, an e-mail, notes and a picture, in a new class; her id and her
// picture's hash.
std::pair<std::string, std::string> addZoe(const Device& device, const std::string& cls,
                                           const std::filesystem::path& folder)
{
  const auto zoe = device.write({"student", "add", cls, "Zoé", "Marchandeau", "--email",
                                 "zoe.marchandeau@pupils.es", "--notes", "Allergic to nuts"});
  std::string rgb(64 * 48 * 3, '\0');
  for (std::size_t i = 0; i < rgb.size(); ++i) {
    rgb[i] = static_cast<char>((i * 13) % 251);
  }
  const auto png = (folder / "zoe.png").string();
  std::ofstream(png, std::ios::binary) << blobs::encodeRgbAsPng(64, 48, rgb);
  const auto picture = device.write({"student", "picture", zoe, png});
  return {zoe, picture};
}

std::filesystem::path blobFile(const Device& device, const std::string& hash)
{
  return std::filesystem::path(device.database()).parent_path() / "blobs" / hash.substr(0, 2) /
         hash;
}

} // namespace

BOOST_AUTO_TEST_SUITE(retention_tests)

BOOST_AUTO_TEST_CASE(a_deleted_student_past_the_retention_leaves_the_server_and_the_devices)
{
  Cluster cluster({.serverOptions = {"--retention", "2s"}});
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];

  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto zoe = a.write({"student", "add", cls, "Zoé", "Marchandeau", "--email",
                            "zoe.marchandeau@pupils.es", "--notes", "Allergic to nuts"});
  const auto kept = a.write({"student", "add", cls, "Luis", "Pérez"});
  a.syncOk();
  b.syncOk();
  BOOST_REQUIRE(valuesHolding(b.database(), "Marchandeau", kDeviceValues) == 1);
  // B edits her notes offline while A deletes her: B's edit is older than the deletion.
  b.write({"student", "update", zoe, "--notes", "Allergic to nuts and milk"});
  waitForLaterEditTime();
  a.write({"delete", zoe});
  a.syncOk();

  // Past the retention the server's sweep (every second here) erases her values.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (valuesHolding(cluster.server.databaseFile(), "Marchandeau", kServerValues) > 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  BOOST_TEST(valuesHolding(cluster.server.databaseFile(), "Marchandeau", kServerValues) == 0);
  BOOST_TEST(valuesHolding(cluster.server.databaseFile(), "Allergic", kServerValues) == 0);

  // B pushes its late edit and pulls the erasure: nothing of her is left there either, not
  // even in its conflict list, and B's edit did not bring her back.
  b.syncOk();
  a.syncOk();
  for (Device* device : {&a, &b}) {
    BOOST_TEST(valuesHolding(device->database(), "Marchandeau", kDeviceValues) == 0,
               device->name());
    BOOST_TEST(valuesHolding(device->database(), "Allergic", kDeviceValues) == 0, device->name());
    BOOST_TEST(!contains(device->data({"list", "students"}).out, "Zoé"), device->name());
    BOOST_TEST(contains(device->data({"list", "students"}).out, "Pérez"), device->name());
  }
  BOOST_TEST(valuesHolding(cluster.server.databaseFile(), "Allergic", kServerValues) == 0);
  BOOST_TEST(!exportedRow(cluster.server.exportAccount(), "students", zoe));
  BOOST_TEST(exportedRow(cluster.server.exportAccount(), "students", kept));

  cluster.syncUntilQuiet();
  cluster.requireConverged();
  cluster.requireIntegrity();

  // With the server stopped cleanly (its log folded into the file), not a byte of her name
  // is left in server.db.
  cluster.server.stop();
  BOOST_TEST(!contains(test::readFile(cluster.server.databaseFile()), "Marchandeau"));
}

BOOST_AUTO_TEST_CASE(a_single_device_licence_erases_a_deleted_students_values_itself)
{
  // It signs in (and learns the server's retention) but cannot sync: the server's erasure
  // never reaches it.
  Cluster cluster({.devices = 1, .licence = "single", .serverOptions = {"--retention", "2s"}});
  cluster.loginAll();
  Device& a = cluster[0];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto [zoe, picture] = addZoe(a, cls, cluster.sandbox.dir());
  const auto kept = a.write({"student", "add", cls, "Luis", "Pérez"});
  BOOST_TEST(a.sync().exitCode == 1); // licence_single_device
  BOOST_REQUIRE(std::filesystem::exists(blobFile(a, picture)));
  a.write({"delete", zoe});
  // Within the retention the tombstone keeps everything.
  BOOST_TEST(valuesHolding(a.database(), "Marchandeau", kDeviceValues) == 1);

  // Past it, pupitred erases her values here, by the server's rule.
  BOOST_TEST(waitUntilGone(a.database(), "Marchandeau", kDeviceValues, 20) == 0);
  BOOST_TEST(valuesHolding(a.database(), "Allergic", kDeviceValues) == 0);
  BOOST_TEST(valuesHolding(a.database(), "zoe.marchandeau", kDeviceValues) == 0);
  BOOST_TEST(valuesHolding(a.database(), picture, kDeviceValues) == 0);
  BOOST_TEST(!std::filesystem::exists(blobFile(a, picture))); // her picture's file too
  BOOST_TEST(contains(a.log(), "Retention: the values of 1 records deleted more than 2 s ago"));
  // The rest is as it was: Luis, the class, and the fact that she was deleted.
  const auto students = a.data({"list", "students"}).out;
  BOOST_TEST(contains(students, "Pérez"));
  BOOST_TEST(!contains(students, "Zoé"));
  BOOST_TEST(exportedRow(a.exportJson(), "students", kept));
  BOOST_TEST(integrityCheck(a.database()) == "ok");
  // Nothing went to the server.
  BOOST_TEST(contains(cluster.server.exportAccount(), "\"students\": []"));
}

BOOST_AUTO_TEST_CASE(a_device_never_signed_in_erases_by_the_default_retention_of_30_days)
{
  Cluster cluster({.devices = 1});
  Device& a = cluster[0];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto [zoe, picture] = addZoe(a, cls, cluster.sandbox.dir());
  a.write({"delete", zoe});
  // 29 days later (its clock says) she is still there; 31 days later, gone.
  for (const auto& [days, left] : {std::pair{29, 1}, std::pair{31, 0}}) {
    a.stop();
    a.start({{"PUPITRE_CLOCK_SKEW_MS", std::to_string(std::int64_t{days} * 24 * 3600 * 1000)}});
    BOOST_TEST(waitUntilGone(a.database(), "Marchandeau", kDeviceValues, left ? 3 : 20) == left,
               days << " days later");
  }
  BOOST_TEST(!std::filesystem::exists(blobFile(a, picture)));
  BOOST_TEST(!contains(a.data({"list", "students"}).out, "Zoé"));
}

BOOST_AUTO_TEST_CASE(a_device_unused_past_the_token_idle_time_is_asked_to_sign_in_again)
{
  Cluster cluster({.devices = 1, .serverOptions = {"--token-idle", "2s"}});
  cluster.loginAll();
  Device& a = cluster[0];
  a.write({"class", "add", "4B Mathematics"});
  a.syncOk();
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  a.write({"class", "add", "4C Mathematics"});
  const auto sync = a.sync(); // or a scheduled sync of the daemon met the refusal first
  BOOST_TEST(sync.exitCode == 1);
  BOOST_TEST(contains(sync.err + a.log(), "its sign-in expired. Sign in again in Settings."));
  const auto status = a.status();
  BOOST_TEST(!status->getValue<bool>("signed_in"));
  BOOST_TEST(status->getValue<std::string>("state") == "signed_out");
  // Signing in again sends what was waiting.
  BOOST_TEST(a.login(cluster.server.url()).exitCode == 0);
  BOOST_TEST(a.syncOk().sent > 0);
  BOOST_TEST(contains(cluster.server.exportAccount(), "4C Mathematics"));
}

BOOST_AUTO_TEST_SUITE_END()
