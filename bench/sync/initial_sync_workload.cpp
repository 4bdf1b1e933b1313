#include "sync/device_workloads.h"
#include "sync/floor.h"

#include "workloads/stopwatch.h"

#include "pupitre/store/database.h"
#include "pupitre/sync/outbox.h"

#include <SQLiteCpp/Database.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace pupitre::bench {
namespace {

// The targets of issue 18 (bench/README.md, bench_sync).
constexpr double kTargetSeconds = 0.7;
constexpr double kTargetFloorRatio = 1.5;
constexpr double kTargetFirstSyncSeconds = 1.0;
constexpr double kTargetPeakRssMib = 150;
constexpr double kTargetBytesPerField = 4.5;

std::int64_t rowCount(const std::string& database, const char* table)
{
  SQLite::Database db(database, SQLite::OPEN_READONLY);
  return db.execAndGet(std::string("SELECT count(*) FROM \"") + table + "\" WHERE deleted = 0")
      .getInt64();
}

} // namespace

FigureTable runInitialSync(SyncSetup& setup, const DeviceWorkloadOptions& options,
                           FigureTable& wire)
{
  const std::string pathA = (setup.folder / "device-a.db").string();
  std::int64_t fields = 0;
  SchoolYearCounts counts;
  {
    store::Database db(pathA);
    const Stopwatch watch;
    counts = generateSchoolYear(db, options.year);
    fields = sync::pendingCount(db);
    std::printf("School year on device A: %lld rows, %lld fields (generated in %.1f s)\n",
                static_cast<long long>(counts.rows()), static_cast<long long>(fields),
                watch.elapsed().wallSeconds);
  }

  setup.server = std::make_unique<SyncServer>(setup.programs, setup.folder / "server");
  setup.server->addAccount(setup.email, setup.password, options.initialRepeat + 2);
  setup.server->start();
  setup.proxy = std::make_unique<CountingProxy>(setup.server->port());
  std::printf("Server (pid %d) on port %u, proxy on port %u\n", setup.server->pid(),
              static_cast<unsigned>(setup.server->port()),
              static_cast<unsigned>(setup.proxy->port()));

  setup.a = std::make_unique<DeviceDaemon>(setup.programs, setup.folder, "device-a");
  setup.a->login(setup.proxyUrl(), setup.email, setup.password);
  auto before = setup.proxy->counts();
  const auto exchangesBefore = setup.proxy->exchanges().size();
  double serverCpu = setup.server->cpuSeconds();
  const double aCpu = setup.a->cpuSeconds();
  const SyncRun up = setup.a->sync();
  const double upServerCpu = setup.server->cpuSeconds() - serverCpu;
  const double upDaemonCpu = setup.a->cpuSeconds() - aCpu;
  const WireCounts upWire = setup.proxy->counts() - before;
  WireCounts echoWire; // A's pull exchanges after its push
  {
    const auto exchanges = setup.proxy->exchanges();
    for (std::size_t e = exchangesBefore; e < exchanges.size(); ++e) {
      if (exchanges[e].pull) {
        echoWire.up += exchanges[e].up;
        echoWire.down += exchanges[e].down;
        ++echoWire.exchanges;
      }
    }
  }
  std::printf("A (pid %d) synced up: %.2f s (push %.2f s), sent %lld, %lld bytes up, %lld down\n",
              setup.a->pid(), up.seconds, up.pushSeconds, static_cast<long long>(up.uploaded),
              static_cast<long long>(upWire.up), static_cast<long long>(upWire.down));

  std::vector<double> seconds;
  std::vector<double> rss;
  std::vector<double> bytesPerField;
  std::vector<double> daemonCpu;
  std::vector<double> serverCpuDown;
  WireCounts downWire;
  std::int64_t downloaded = 0;
  for (int r = 0; r < options.initialRepeat; ++r) {
    setup.b.reset(); // the previous B stops first: one fresh device at a time
    setup.b = std::make_unique<DeviceDaemon>(setup.programs, setup.folder,
                                             "device-b" + std::to_string(r + 1));
    setup.b->login(setup.proxyUrl(), setup.email, setup.password);
    before = setup.proxy->counts();
    serverCpu = setup.server->cpuSeconds();
    const double bCpu = setup.b->cpuSeconds();
    const SyncRun down = setup.b->sync();
    downWire = setup.proxy->counts() - before;
    daemonCpu.push_back(setup.b->cpuSeconds() - bCpu);
    serverCpuDown.push_back(setup.server->cpuSeconds() - serverCpu);
    downloaded = down.downloaded;
    seconds.push_back(down.seconds);
    rss.push_back(static_cast<double>(setup.b->peakRssKib()) / 1024.0);
    bytesPerField.push_back(static_cast<double>(downWire.total()) /
                            static_cast<double>(std::max<std::int64_t>(1, down.downloaded)));
    std::printf("B%d (pid %d) synced down: %.2f s, received %lld fields, %lld bytes, peak RSS "
                "%.1f MiB\n",
                r + 1, setup.b->pid(), down.seconds, static_cast<long long>(down.downloaded),
                static_cast<long long>(downWire.total()), rss.back());
  }
  const std::int64_t marksA = rowCount(pathA, "mark");
  const std::int64_t marksB = rowCount(setup.b->databasePath(), "mark");
  if (marksA != marksB || downloaded != up.uploaded) {
    throw std::runtime_error(format("device B does not hold A's year: %lld marks of %lld, %lld "
                                    "fields received of %lld sent",
                                    static_cast<long long>(marksB), static_cast<long long>(marksA),
                                    static_cast<long long>(downloaded),
                                    static_cast<long long>(up.uploaded)));
  }

  const FloorFigures floor = measureFloor(setup.b->databasePath(), setup.folder, 3);
  std::printf("Floor: %lld rows inserted in %.3f s, with %lld field_version rows %.3f s\n",
              floor.rows, floor.rowsSeconds, floor.versions, floor.withVersionsSeconds);

  FigureTable table(format("W1 — initial sync of the school year (%lld rows, %lld fields on "
                           "the server), A to a fresh B; median of %d fresh devices",
                           static_cast<long long>(counts.rows()),
                           static_cast<long long>(downloaded), options.initialRepeat));
  table.add("A: first sync, whole year up (push, then pull)", format("%.2f s", up.seconds),
            "<= 1 s", up.seconds <= kTargetFirstSyncSeconds);
  table.add("A: push part of it", format("%.2f s", up.pushSeconds));
  table.add("A: pulls its own changes back after pushing: rows, bytes, time",
            format("%lld rows, %lld bytes (%lld pulls), %.2f s", static_cast<long long>(up.pulled),
                   static_cast<long long>(echoWire.down),
                   static_cast<long long>(echoWire.exchanges), up.seconds - up.pushSeconds),
            "0 rows", up.pulled == 0);
  table.add("A: CPU time of A's pupitred / of the server in it",
            format("%.2f s / %.2f s", upDaemonCpu, upServerCpu));
  const double medianSeconds = percentile(seconds, 0.5);
  table.add("B: initial sync, request to sync.finished", format("%.2f s", medianSeconds),
            "<= 0.7 s", medianSeconds <= kTargetSeconds);
  table.add("floor: B's rows inserted into a fresh file (prepared statements, one transaction)",
            format("%.3f s (%lld rows)", floor.rowsSeconds, floor.rows));
  table.add("floor with one field_version row per field (today's layout)",
            format("%.3f s (+ %lld versions)", floor.withVersionsSeconds, floor.versions));
  const double ratio = medianSeconds / std::max(floor.rowsSeconds, 1e-9);
  table.add("B's initial sync / floor", format("%.2f", ratio), "<= 1.5",
            ratio <= kTargetFloorRatio);
  table.add("B: CPU time of B's pupitred / of the server in it",
            format("%.2f s / %.2f s", percentile(daemonCpu, 0.5), percentile(serverCpuDown, 0.5)));
  table.add("B: fields/s", format("%.0f", static_cast<double>(downloaded) / medianSeconds));
  const double peak = percentile(rss, 1.0);
  table.add("B: pupitred peak RSS (VmHWM, worst run)", format("%.1f MiB", peak), "<= 150 MiB",
            peak <= kTargetPeakRssMib);

  const double perField = percentile(bytesPerField, 0.5);
  wire.add("initial sync to B: bytes on the wire",
           format("%lld", static_cast<long long>(downWire.total())));
  wire.add("  requests, answers", format("%lld, %lld", static_cast<long long>(downWire.up),
                                         static_cast<long long>(downWire.down)));
  wire.add("  exchanges", format("%lld", static_cast<long long>(downWire.exchanges)));
  wire.add("initial sync to B: bytes per field", format("%.2f", perField), "<= 4.5",
           perField <= kTargetBytesPerField);
  wire.add("A's first sync (push + pull): bytes per field",
           format("%.2f (up %.2f)",
                  static_cast<double>(upWire.total()) / static_cast<double>(fields),
                  static_cast<double>(upWire.up) / static_cast<double>(fields)));
  return table;
}

} // namespace pupitre::bench
