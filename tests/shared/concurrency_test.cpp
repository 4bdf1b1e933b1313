// The app, the daemon and pupitrectl write one database file at once (sync.md: "no 'database
// is locked' reaches the teacher, no write is lost"). Real processes: two store_writer
// programs and this test, each on its own connection, for a few seconds.
#include "pupitre/store/database.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/outbox.h"
#include "support/background_process.h"
#include "support/sandbox.h"
#include "support/store_writer.h"

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#ifndef PUPITRE_STORE_WRITER
#error "PUPITRE_STORE_WRITER must give the path of the store_writer program (see CMakeLists.txt)"
#endif

using namespace pupitre;

namespace {

constexpr std::int64_t kDefaultDurationMs = 3000;
constexpr int kStudents = 5;

std::int64_t durationMs()
{
  const char* text = std::getenv("PUPITRE_CONCURRENCY_MS");
  return text && *text ? std::stoll(text) : kDefaultDurationMs;
}

std::int64_t scalar(store::Database& db, const std::string& sql)
{
  SQLite::Statement query(db.sql(), sql);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

// The field versions capture must have recorded for the rows of `table`: one per field with a
// value, plus the row's existence.
std::int64_t expectedVersions(store::Database& db, const store::TableDef& table)
{
  std::string nonNull = "count(*)";
  for (const auto& f : table.fields) {
    nonNull += " + coalesce(sum(" + store::sqlName(f.name) + " IS NOT NULL), 0)";
  }
  return scalar(db, "SELECT " + nonNull + " FROM " + store::sqlName(table.name));
}

struct Writer
{
  std::string label;
  std::unique_ptr<test::BackgroundProcess> process; // null for this process
  test::WrittenRecords written;
  int exitCode = 0;
  std::string output;
};

} // namespace

BOOST_AUTO_TEST_SUITE(concurrency_tests)

BOOST_AUTO_TEST_CASE(three_programs_writing_one_file_at_once_neither_lock_out_nor_lose_a_write)
{
  test::Sandbox sandbox;
  const auto path = sandbox.path("pupitre.db");
  {
    store::Database db(path);
    const auto classId = model::Classes(db).create({.name = "4B Maths"});
    for (int i = 0; i < kStudents; ++i) {
      model::Students(db).create({.classId = classId, .givenName = "Student " + std::to_string(i)});
    }
  }
  const std::int64_t setupRows = 1 + kStudents;

  // Everyone starts at the same moment, once the programs are surely running.
  const std::int64_t startMs = test::systemMs() + 500;
  const std::int64_t untilMs = startMs + durationMs();
  std::vector<Writer> writers;
  for (const std::string label : {"daemon", "pupitrectl"}) {
    writers.push_back(
        {label,
         std::make_unique<test::BackgroundProcess>(
             PUPITRE_STORE_WRITER, std::vector<std::string>{path, label, std::to_string(startMs),
                                                            std::to_string(untilMs)}),
         {},
         0,
         {}});
  }
  {
    // The app: this process, with its own connection.
    store::Database db(path);
    writers.push_back({"app", nullptr, test::writeRecords(db, "app", startMs, untilMs), 0, {}});
  }
  for (auto& w : writers) {
    if (!w.process) {
      continue;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (w.process->running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (w.process->running()) {
      w.process->kill();
      BOOST_ERROR(w.label << " was still writing a minute after its time was up; killed");
    }
    w.exitCode = w.process->exitCode();
    w.output = w.process->output();
    const std::string line = w.output.substr(0, w.output.find('\n'));
    BOOST_TEST(test::parseWrittenLine(line, w.written), w.label << " printed: " << w.output);
  }

  std::int64_t total = 0;
  std::map<std::string, std::int64_t> byTable;
  for (const auto& w : writers) {
    BOOST_TEST_MESSAGE(w.label << ": " << test::writtenLine(w.written));
    BOOST_TEST(w.exitCode == 0, w.label << " exited with " << w.exitCode << ": " << w.output);
    BOOST_TEST(w.written.error.empty(), w.label << " failed: " << w.written.error);
    BOOST_TEST(w.output.find("locked") == std::string::npos, w.label << ": " << w.output);
    BOOST_TEST(w.written.total() > 0, w.label << " never got to write");
    total += w.written.total();
    byTable["journal_entry"] += w.written.journal;
    byTable["attendance"] += w.written.attendance;
    byTable["assessment"] += w.written.assessments;
    byTable["mark"] += w.written.marks;
  }

  store::Database db(path);
  BOOST_TEST(
      scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0);
  // Nothing lost: every record a writer reported is there...
  for (const auto& [table, count] : byTable) {
    BOOST_TEST(scalar(db, "SELECT count(*) FROM " + store::sqlName(table)) == count,
               "records in " << table);
  }
  // ...with every field captured, all waiting in the outbox...
  std::int64_t versions = 0;
  for (const auto& table : store::syncedTables()) {
    const auto expected = expectedVersions(db, table);
    BOOST_TEST(scalar(db, "SELECT count(*) FROM field_version WHERE tbl = '" + table.name + "'") ==
                   expected,
               "field versions of " << table.name);
    versions += expected;
  }
  BOOST_TEST(sync::pendingCount(db) == versions);
  // ...and each record created under its own stamp, although three processes drew them from
  // the one clock in the file.
  BOOST_TEST(scalar(db, "SELECT count(DISTINCT hlc) FROM field_version WHERE field = 'deleted'") ==
             setupRows + total);

  // The writes really did run at the same time: the writers' stamp ranges overlap.
  clock::Hlc latestStart = 0;
  clock::Hlc earliestEnd = ~clock::Hlc{0};
  for (const auto& w : writers) {
    SQLite::Statement range(db.sql(),
                            "SELECT min(v.hlc), max(v.hlc) FROM journal_entry j"
                            " JOIN field_version v ON v.row_id = j.id AND v.field = 'deleted'"
                            " WHERE j.title LIKE ? || ' %'");
    range.bind(1, w.label);
    range.executeStep();
    if (range.getColumn(0).isNull()) {
      continue; // already reported: this writer wrote nothing
    }
    latestStart = std::max(latestStart, static_cast<clock::Hlc>(range.getColumn(0).getInt64()));
    earliestEnd = std::min(earliestEnd, static_cast<clock::Hlc>(range.getColumn(1).getInt64()));
  }
  BOOST_TEST(latestStart < earliestEnd, "the writers took turns instead of writing together");
}

BOOST_AUTO_TEST_SUITE_END()
