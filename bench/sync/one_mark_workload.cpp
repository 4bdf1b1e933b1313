#include "sync/device_workloads.h"

#include "pupitre/store/rows.h"

#include <SQLiteCpp/Database.h>

#include <cstdio>
#include <stdexcept>

namespace pupitre::bench {
namespace {

constexpr double kTargetP50Ms = 3; // issue 18 (was 20)
constexpr double kTargetRequestsPerSide = 2;
constexpr double kTargetSingleFieldBytes = 600;

std::vector<std::string> someMarks(store::Database& db, int count)
{
  std::vector<std::string> ids;
  SQLite::Statement q(db.sql(), "SELECT id FROM mark WHERE deleted = 0 AND typeof(value) = "
                                "'real' ORDER BY id LIMIT ?");
  q.bind(1, count);
  while (q.executeStep()) {
    ids.push_back(q.getColumn(0).getString());
  }
  if (ids.empty()) {
    throw std::runtime_error("device A holds no mark with a number to change");
  }
  return ids;
}

double markValue(const std::string& database, const std::string& id)
{
  SQLite::Database db(database, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT value FROM mark WHERE id = ?");
  q.bind(1, id);
  return q.executeStep() ? q.getColumn(0).getDouble() : -1;
}

std::string ms(double seconds)
{
  return format("%.1f ms", seconds * 1000);
}

} // namespace

FigureTable runOneMark(SyncSetup& setup, const DeviceWorkloadOptions& options, FigureTable& wire)
{
  // The teacher's edit, as the app makes it: a LocalEdit transaction on A's file while A's
  // daemon has it open.
  store::Database a(setup.a->databasePath());
  const auto marks = someMarks(a, options.markSyncs);
  std::vector<double> aSeconds;
  std::vector<double> bSeconds;
  std::vector<double> totalSeconds;
  std::vector<double> aBytes;
  std::vector<double> pushBytes;
  std::vector<double> bBytes;
  std::vector<double> aRequests;
  std::vector<double> bRequests;
  std::string lastId;
  double lastValue = 0;
  for (int i = 0; i < options.markSyncs; ++i) {
    lastId = marks[static_cast<std::size_t>(i) % marks.size()];
    lastValue = static_cast<double>(i % 40) / 4.0 + 0.125; // never a value the year holds
    {
      store::WriteTxn txn(a);
      store::updateRow(txn, *store::findTable("mark"), lastId, {{"value", lastValue}});
      txn.commit();
    }
    const auto before = setup.proxy->exchanges().size();
    const SyncRun up = setup.a->sync();
    const auto middle = setup.proxy->exchanges().size();
    const SyncRun down = setup.b->sync();
    const auto exchanges = setup.proxy->exchanges();
    if (up.uploaded != 1 || down.downloaded != 1) {
      throw std::runtime_error(format("sync %d: A sent %lld changes and B received %lld, not 1",
                                      i + 1, static_cast<long long>(up.uploaded),
                                      static_cast<long long>(down.downloaded)));
    }
    aSeconds.push_back(up.seconds);
    bSeconds.push_back(down.seconds);
    totalSeconds.push_back(up.seconds + down.seconds);
    double aTotal = 0;
    for (std::size_t e = before; e < middle; ++e) {
      aTotal += static_cast<double>(exchanges[e].total());
    }
    aBytes.push_back(aTotal);
    aRequests.push_back(static_cast<double>(middle - before));
    bRequests.push_back(static_cast<double>(exchanges.size() - middle));
    pushBytes.push_back(middle > before ? static_cast<double>(exchanges[before].total()) : 0);
    double bTotal = 0;
    for (std::size_t e = middle; e < exchanges.size(); ++e) {
      bTotal += static_cast<double>(exchanges[e].total());
    }
    bBytes.push_back(bTotal);
  }
  if (markValue(setup.b->databasePath(), lastId) != lastValue) {
    throw std::runtime_error("device B does not show A's last changed mark");
  }

  FigureTable table(
      format("W2 — one changed mark from A to B (A syncs, then B), %d times", options.markSyncs));
  table.add("A: sync (push 1 field + pull), p50 / p95",
            ms(percentile(aSeconds, 0.5)) + " / " + ms(percentile(aSeconds, 0.95)));
  table.add("B: sync (pull 1 field), p50 / p95",
            ms(percentile(bSeconds, 0.5)) + " / " + ms(percentile(bSeconds, 0.95)));
  const double p50 = percentile(totalSeconds, 0.5);
  table.add("A's sync + B's sync (request to sync.finished), p50", ms(p50), "<= 3 ms",
            p50 * 1000 <= kTargetP50Ms);
  const double aReq = percentile(aRequests, 0.5);
  const double bReq = percentile(bRequests, 0.5);
  table.add("requests per sync, A / B (median)", format("%.0f / %.0f", aReq, bReq), "<= 2 each",
            aReq <= kTargetRequestsPerSide && bReq <= kTargetRequestsPerSide);
  table.add("A then B, p95 / max",
            ms(percentile(totalSeconds, 0.95)) + " / " + ms(percentile(totalSeconds, 1.0)));

  const double push = percentile(pushBytes, 0.5);
  const double pull = percentile(bBytes, 0.5);
  wire.add("single field, A's push: request + answer bytes", format("%.0f", push), "<= 600",
           push <= kTargetSingleFieldBytes);
  wire.add("single field, B's pull: request + answer bytes", format("%.0f", pull), "<= 600",
           pull <= kTargetSingleFieldBytes);
  wire.add("single field, A's whole sync (push + pull)", format("%.0f", percentile(aBytes, 0.5)));
  return table;
}

} // namespace pupitre::bench
