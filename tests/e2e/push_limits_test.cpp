// However much a device has pending, it syncs (sync.md, "Batches are bounded by bytes"):
// pupitred cuts its pushes by their size on the wire, under the limit the server announces;
// a batch the server refuses as too large is built again smaller, never sent unchanged
// forever; a record the server cannot take at all is reported by name, kept on the device,
// and blocks nothing else.
#include "cluster.h"

#include "pupitre/model/classes.h"
#include "pupitre/model/journal.h"
#include "pupitre/store/database.h"
#include "support/fault_proxy.h"

#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

using namespace pupitre;
using namespace pupitre::e2e;

namespace {

// `count` journal entries of `bytes` bytes each (a command line can't carry them), written as
// the app writes them into the database pupitred serves. Entry i's body repeats `pattern`,
// starting with a letter of its own so that every body differs.
std::vector<std::string> addEntries(const Device& device, const std::string& cls, int count,
                                    std::size_t bytes, const std::string& pattern = "a")
{
  store::Database db(device.database());
  model::Journal journal(db);
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    std::string body(1, static_cast<char>('A' + i % 26));
    while (body.size() < bytes) {
      body += pattern;
    }
    body.resize(bytes);
    ids.push_back(journal.create({.classId = cls,
                                  .date = "2026-10-05",
                                  .title = "Session " + std::to_string(i),
                                  .body = std::move(body)}));
  }
  return ids;
}

// `count` journal entries of `bytes` random letters each: text gzip cannot shrink much.
std::vector<std::string> addRandomEntries(const Device& device, const std::string& cls, int count,
                                          std::size_t bytes, unsigned seed = 42)
{
  store::Database db(device.database());
  model::Journal journal(db);
  std::mt19937 random(seed);
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    std::string body(bytes, ' ');
    for (auto& c : body) {
      c = static_cast<char>('a' + random() % 26);
    }
    ids.push_back(journal.create({.classId = cls, .date = "2026-10-06", .body = std::move(body)}));
  }
  return ids;
}

// Every one of `ids` is a journal entry of `bytes` bytes on `device`.
void requireEntries(const Device& device, const std::vector<std::string>& ids, std::size_t bytes)
{
  store::Database db(device.database());
  model::Journal journal(db);
  for (const auto& id : ids) {
    BOOST_TEST_REQUIRE(journal.get(id).body.size() == bytes, "entry " << id);
  }
}

// A journal entry of `date` whose body is `bytes` long, as an older version of the app (which
// took entries of any length) left it: the app now takes 1 000 000 bytes, the server 1 MiB.
std::string addOversizedEntry(const Device& device, const std::string& cls, const std::string& date,
                              std::size_t bytes)
{
  store::Database db(device.database());
  const auto id = model::Journal(db).create({.classId = cls, .date = date, .body = "short"});
  store::WriteTxn txn(db);
  auto& update = db.statement("UPDATE journal_entry SET body = ? WHERE id = ?");
  update.bind(1, std::string(bytes, 'x'));
  update.bind(2, id);
  update.exec();
  txn.commit();
  return id;
}

// The daemon's log says a batch was refused as too large and sent again smaller.
bool rebuiltARefusedBatch(const Device& device)
{
  return contains(device.log(), "refused as too large");
}

} // namespace

BOOST_AUTO_TEST_SUITE(push_limits_tests)

BOOST_AUTO_TEST_CASE(text_full_of_escaped_characters_is_counted_at_its_size_on_the_wire)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  // Terminal output pasted into the journal: colour codes (ESC, six bytes each in JSON),
  // quotes and line breaks (two). 10 MB of text is more than 40 MB on the wire.
  const auto ids = addEntries(a, cls, 20, 500'000, "\x1b\x1b\x1b\"\n");
  const auto sent = a.syncOk();
  BOOST_TEST(sent.sent > 20);
  BOOST_TEST(a.pending() == 0);
  BOOST_TEST(!rebuiltARefusedBatch(a)); // cut right the first time
  BOOST_TEST(b.syncOk().received == sent.sent);
  requireEntries(b, ids, 500'000);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(the_push_limit_the_server_announces_is_obeyed_from_the_first_push)
{
  Cluster cluster(Cluster::Options{.serverOptions = {"--max-body-mib", "2"}});
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  // 6.4 MB of ordinary text, for a server that takes pushes of 2 MiB.
  const auto ids = addEntries(a, cls, 16, 400'000);
  const auto sent = a.syncOk();
  BOOST_TEST(a.pending() == 0);
  BOOST_TEST(!rebuiltARefusedBatch(a)); // the sign-in told the daemon the limit
  BOOST_TEST(b.syncOk().received == sent.sent);
  requireEntries(b, ids, 400'000);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(a_batch_refused_as_too_large_is_built_again_smaller_not_resent_forever)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  a.syncOk(); // A knows the server's limit: 16 MiB
  // The administrator lowers it; A does not know yet, and its first batch is refused.
  cluster.server.stop();
  cluster.server.setServeOptions({"--max-body-mib", "2"});
  cluster.server.start();
  const auto ids = addEntries(a, cls, 16, 400'000);
  const auto sync = a.sync();
  BOOST_TEST_REQUIRE(sync.exitCode == 0, sync.err);
  BOOST_TEST(rebuiltARefusedBatch(a));
  BOOST_TEST(a.pending() == 0);
  b.syncOk();
  requireEntries(b, ids, 400'000);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(a_reverse_proxy_with_a_smaller_body_limit_is_passed_in_smaller_batches)
{
  Cluster cluster;
  // nginx in front of the server, with its default client_max_body_size of 1 MiB: it answers
  // larger pushes 413 with an HTML page, whatever the server announces.
  test::FaultProxy proxy("127.0.0.1", cluster.server.port());
  proxy.refuseBodiesOver(std::size_t{1} << 20);
  cluster.loginAll(proxy.url());
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto ids = addRandomEntries(a, cls, 16, 400'000); // about 4 MB once compressed
  const auto sync = a.sync();
  BOOST_TEST_REQUIRE(sync.exitCode == 0, sync.err);
  BOOST_TEST(proxy.refusals() > 0);
  BOOST_TEST(rebuiltARefusedBatch(a));
  BOOST_TEST(a.pending() == 0);
  b.syncOk();
  requireEntries(b, ids, 400'000);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(the_size_a_proxy_takes_is_remembered_for_the_next_sync)
{
  Cluster cluster;
  test::FaultProxy proxy("127.0.0.1", cluster.server.port());
  proxy.refuseBodiesOver(std::size_t{1} << 20);
  cluster.loginAll(proxy.url());
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto first = addRandomEntries(a, cls, 16, 400'000);
  a.syncOk();
  BOOST_TEST_REQUIRE(proxy.refusals() > 0); // learned the hard way, once
  BOOST_TEST(a.pending() == 0);

  // The next sync starts from the size that passed: not one request refused.
  const int refusedBefore = proxy.refusals();
  const auto second = addRandomEntries(a, cls, 16, 400'000, 7);
  a.syncOk();
  BOOST_TEST(proxy.refusals() - refusedBefore == 0);
  BOOST_TEST(a.pending() == 0);
  b.syncOk();
  requireEntries(b, first, 400'000);
  requireEntries(b, second, 400'000);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(the_issue_case_560_entries_of_120_KiB_sync_fully)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "4B Mathematics"});
  const auto ids = addEntries(a, cls, 560, 120 * 1024); // 66 MiB of text
  a.syncOk();
  BOOST_TEST(a.pending() == 0);
  b.syncOk();
  requireEntries(b, ids, 120 * 1024);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(a_text_over_the_servers_field_limit_is_named_kept_and_blocks_nothing_else)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "3B"});
  const auto student = a.write({"student", "add", cls, "Lucía", "Martín"});
  const auto small = addEntries(a, cls, 3, 1000);
  const auto tooLong = addOversizedEntry(a, cls, "2026-11-03", std::size_t{2} << 20);
  const std::string sentence = "The journal entry of 2026-11-03 in 3B is too long to synchronise "
                               "(2.0 MiB, the server accepts 1 MiB); shorten it.";
  const auto sync = a.sync();
  BOOST_TEST_REQUIRE(sync.exitCode == 0, sync.err);
  BOOST_TEST(contains(sync.err, sentence), sync.err);
  BOOST_TEST(a.pending() > 0); // the entry's changes wait on A
  const auto status = a.ctl({"status"});
  BOOST_TEST(contains(status.out, sentence), status.out);
  const auto held = a.status()->getArray("held");
  BOOST_TEST_REQUIRE(held);
  BOOST_TEST_REQUIRE(held->size() == 1u);
  BOOST_TEST(held->getObject(0)->getValue<std::string>("row_id") == tooLong);

  // Everything else reached B; the long entry did not, and is still whole on A.
  b.syncOk();
  const auto onB = b.exportJson();
  BOOST_TEST(exportedRow(onB, "students", student));
  for (const auto& id : small) {
    BOOST_TEST(exportedRow(onB, "journal", id));
  }
  BOOST_TEST(!exportedRow(onB, "journal", tooLong));
  {
    store::Database db(a.database());
    BOOST_TEST(model::Journal(db).get(tooLong).body.size() == std::size_t{2} << 20);
  }

  // Shortened, it goes.
  {
    store::Database db(a.database());
    model::Journal(db).update(tooLong, {.body = std::string(300'000, 'y')});
  }
  const auto again = a.sync();
  BOOST_TEST(again.exitCode == 0);
  BOOST_TEST(!contains(again.err, "too long"), again.err);
  BOOST_TEST(a.status()->getArray("held")->size() == 0u);
  b.syncOk();
  requireEntries(b, {tooLong}, 300'000);
  cluster.requireConverged();
}

BOOST_AUTO_TEST_CASE(a_record_the_server_refuses_by_name_is_held_back_and_the_rest_syncs)
{
  Cluster cluster;
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "3B"});
  const auto others = addEntries(a, cls, 3, 1000);
  const auto tooLong = addOversizedEntry(a, cls, "2026-11-03", std::size_t{2} << 20);
  // A believes the server keeps texts of 4 MiB (what it last heard, from an older server), so
  // it sends the entry: the server refuses the push and names the record.
  store::Database(a.database()).setSetting("sync.server_limits", "text=4194304");
  const auto sync = a.sync();
  BOOST_TEST_REQUIRE(sync.exitCode == 0, sync.err);
  BOOST_TEST(contains(sync.err, "The journal entry of 2026-11-03 in 3B is too long to synchronise "
                                "(2.0 MiB, the server accepts 1 MiB); shorten it."),
             sync.err);
  b.syncOk();
  requireEntries(b, others, 1000);
  BOOST_TEST(!exportedRow(b.exportJson(), "journal", tooLong));
  // Nothing changed on A: a second sync sends nothing and says the same.
  const auto again = a.sync();
  BOOST_TEST(again.exitCode == 0);
  BOOST_TEST(parseSyncCounts(again.out).sent == 0);
  BOOST_TEST(contains(again.err, "too long to synchronise"), again.err);
}

BOOST_AUTO_TEST_CASE(one_record_too_large_for_any_request_is_named_and_the_rest_syncs)
{
  Cluster cluster(Cluster::Options{.serverOptions = {"--max-body-mib", "1"}});
  cluster.loginAll();
  Device& a = cluster[0];
  Device& b = cluster[1];
  const auto cls = a.write({"class", "add", "3B"});
  // 600 KB of quotes is 1.2 MB in JSON: the text is within the field's limit, but no request
  // of 1 MiB can carry it.
  const auto quoted = addEntries(a, cls, 1, 600'000, "\"");
  const auto others = addEntries(a, cls, 4, 200'000);
  const auto sync = a.sync();
  BOOST_TEST_REQUIRE(sync.exitCode == 0, sync.err);
  BOOST_TEST(contains(sync.err, "The journal entry of 2026-10-05 in 3B is too long to synchronise"),
             sync.err);
  BOOST_TEST(contains(sync.err, "the server accepts requests of 1 MiB"), sync.err);
  b.syncOk();
  requireEntries(b, others, 200'000);
  BOOST_TEST(!exportedRow(b.exportJson(), "journal", quoted[0]));
}

BOOST_AUTO_TEST_SUITE_END()
