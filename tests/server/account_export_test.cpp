// `user export` prints, byte for byte, what `pupitrectl export` prints on a device that
// holds the same writes: checked against a real device database fed with sync::applyRemote.
#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/merge.h"
#include "service_fixture.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

using namespace pupitre;
using namespace pupitre::test;

namespace {

const std::string kEmail = "ana@school.es";

store::Value text(const std::string& s)
{
  return store::Value{s};
}
store::Value integer(std::int64_t i)
{
  return store::Value{i};
}
store::Value real(double d)
{
  return store::Value{d};
}

struct Exporting : ServiceFixture
{
  Exporting()
  {
    addAccount(kEmail);
    token = login(kEmail, "server-side");
  }
  // What a device that applied `writes` exports.
  std::string deviceExport(const std::vector<sync::FieldWrite>& writes,
                           const std::string& name = "device.db")
  {
    store::Database device(sandbox.path(name), clock.wallClock());
    sync::applyRemote(device, writes);
    return store::exportCanonicalJson(device);
  }
  std::string token;
};

} // namespace

BOOST_AUTO_TEST_SUITE(account_export)

BOOST_FIXTURE_TEST_CASE(an_empty_account_exports_every_table_empty, Exporting)
{
  store::Database device(sandbox.path("device.db"), clock.wallClock());
  BOOST_TEST(exportJson(kEmail) == store::exportCanonicalJson(device));
}

BOOST_FIXTURE_TEST_CASE(values_deletions_and_revivals_export_as_on_a_device, Exporting)
{
  const auto t = [&](int minute, const std::string& device) {
    return stampAt(clock.now() - 3'600'000 + minute * 60'000, device);
  };
  const std::vector<sync::FieldWrite> writes = {
      // Values of every type into columns of every type (SQLite converts some on a device).
      fieldWrite("class", "c1", "name", text("5B \"maths\"\nété"), t(1, "A")),
      fieldWrite("class", "c1", "archived", integer(0), t(1, "A")),
      fieldWrite("class", "c1", "position", integer(3), t(1, "A")),
      fieldWrite("class", "c1", "subject", integer(7), t(1, "A")),
      fieldWrite("class", "c1", "year", real(2024.0), t(1, "A")),
      fieldWrite("class", "c1", "term", real(0.1), t(1, "A")),
      fieldWrite("assessment", "a1", "weight", integer(2), t(2, "B")),
      fieldWrite("assessment", "a1", "scale_max", text("20"), t(2, "B")),
      fieldWrite("assessment", "a1", "visible", text("1"), t(2, "B")),
      fieldWrite("assessment", "a1", "pass_mark", real(9.75), t(2, "B")),
      fieldWrite("assessment", "a1", "date", text("2026-11-28"), t(2, "B")),
      fieldWrite("mark", "m1", "value", text("A+"), t(3, "A")),
      fieldWrite("mark", "m2", "value", text("12"), t(3, "A")),
      fieldWrite("mark", "m3", "value", real(12.0), t(3, "A")),
      fieldWrite("mark", "m4", "value", real(14.25), t(3, "A")),
      fieldWrite("mark", "m4", "comment", store::Value{}, t(3, "A")),
      // Deleted; deleted then edited later (alive); explicitly alive with no field; edited and
      // deleted in one transaction; deleted as the text "1".
      fieldWrite("student", "s1", "given_name", text("Ana"), t(1, "A")),
      fieldWrite("student", "s1", "deleted", integer(1), t(2, "A")),
      fieldWrite("student", "s2", "given_name", text("Bruno"), t(1, "A")),
      fieldWrite("student", "s2", "deleted", integer(1), t(2, "A")),
      fieldWrite("student", "s2", "family_name", text("Costa"), t(3, "B")),
      fieldWrite("student", "s3", "deleted", integer(0), t(1, "B")),
      fieldWrite("student", "s4", "notes", text("gone"), t(4, "A")),
      fieldWrite("student", "s4", "deleted", integer(1), t(4, "A")),
      fieldWrite("journal_entry", "j1", "body", text("Tab\there, back\\slash, emoji 📚"), t(5, "B")),
      fieldWrite("journal_entry", "j1", "deleted", text("1"), t(6, "B")),
      fieldWrite("attendance", "0000-z", "state", text("late"), t(5, "B")),
      fieldWrite("attendance", "0000-a", "state", text("absent"), t(5, "A")),
  };
  // Each device pushes its own changes (the server refuses another device's stamps).
  std::map<std::string, std::vector<sync::FieldWrite>> byDevice;
  for (const auto& w : writes) {
    byDevice[w.stamp.device].push_back(w);
  }
  for (const auto& [device, own] : byDevice) {
    push(login(kEmail, device), 1, own);
  }
  const std::string server = exportJson(kEmail);
  BOOST_TEST(server == deviceExport(writes));
  BOOST_TEST(server.find("Bruno") != std::string::npos);
  BOOST_TEST(server.find("\"s3\"") != std::string::npos);
  BOOST_TEST(server.find("gone") == std::string::npos);
  BOOST_TEST(server.find("\"s1\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(random_histories_export_the_same_on_the_server_and_on_devices)
{
  for (unsigned seed = 1; seed <= 12; ++seed) {
    BOOST_TEST_CONTEXT("seed " << seed)
    {
      Exporting f;
      std::mt19937 random(seed);
      const std::vector<std::string> devices = {"dev-A", "dev-B", "dev-C"};
      std::map<std::string, std::string> tokens;
      for (const auto& d : devices) {
        tokens[d] = f.login(kEmail, d);
      }
      const std::vector<std::pair<std::string, std::vector<std::string>>> rows = {
          {"class", {"name", "subject", "archived", "deleted"}},
          {"student", {"given_name", "email", "class_id", "deleted"}},
          {"mark", {"value", "comment", "deleted"}}};
      // Transactions: one stamp each, a few fields of one row.
      std::vector<std::vector<sync::FieldWrite>> transactions;
      std::set<std::int64_t> usedMs;
      for (int i = 0; i < 120; ++i) {
        const auto& [table, fields] = rows[random() % rows.size()];
        const std::string row = table + "-" + std::to_string(random() % 3);
        std::int64_t ms = f.clock.now() - 1 - static_cast<std::int64_t>(random() % 3'600'000);
        while (!usedMs.insert(ms).second) {
          --ms;
        }
        const auto stamp = stampAt(ms, devices[random() % devices.size()], random() % 3);
        std::vector<sync::FieldWrite> txn;
        std::set<std::string> touched;
        for (int n = 1 + static_cast<int>(random() % 3); n > 0; --n) {
          const std::string& field = fields[random() % fields.size()];
          if (!touched.insert(field).second) {
            continue;
          }
          store::Value value = field == "deleted"  ? integer(random() % 3 == 0 ? 0 : 1)
                               : random() % 4 == 0 ? store::Value{}
                               : random() % 2 ? integer(static_cast<std::int64_t>(random() % 20))
                                              : text("v" + std::to_string(random() % 50));
          txn.push_back(fieldWrite(table, row, field, value, stamp));
        }
        transactions.push_back(txn);
      }
      // To the server: each device's transactions in batches, devices interleaved at random.
      std::map<std::string, std::int64_t> batch;
      std::vector<sync::FieldWrite> all;
      for (const auto& txn : transactions) {
        const auto& device = txn.front().stamp.device;
        f.push(tokens[device], ++batch[device], txn);
        all.insert(all.end(), txn.begin(), txn.end());
      }
      const std::string server = f.exportJson(kEmail);

      // A device receiving the same writes in another order, and a fresh one pulling pages.
      std::shuffle(all.begin(), all.end(), random);
      BOOST_TEST(server == f.deviceExport(all, "shuffled.db"));
      store::Database fresh(f.sandbox.path("fresh.db"), f.clock.wallClock());
      std::int64_t cursor = 0;
      for (bool more = true; more;) {
        const auto page = f.service.pull(tokens["dev-A"], cursor, 7).value();
        sync::applyRemote(fresh, page.changes);
        cursor = page.cursor;
        more = page.more;
      }
      BOOST_TEST(server == store::exportCanonicalJson(fresh));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
