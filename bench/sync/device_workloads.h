#pragma once
// W1–W3: a generated school year synchronised between two real daemons through a real server,
// with a counting proxy between the daemons and the server.
//   W1: the initial sync of the whole year from device A (already synced up) to a fresh B;
//   W2: one changed mark from A to B, many times (A pushes, B pulls);
//   W3: the bytes on the wire of both (HTTP headers included).
#include "sync/counting_proxy.h"
#include "sync/figures.h"
#include "sync/sync_world.h"

#include "workloads/school_year.h"

#include <memory>

namespace pupitre::bench {

struct DeviceWorkloadOptions
{
  SchoolYearOptions year;
  int initialRepeat = 3; // fresh devices B, each synced from zero
  int markSyncs = 100;   // W2 repetitions
};

// The server, its proxy and the two devices the workloads share.
struct SyncSetup
{
  Programs programs;
  std::filesystem::path folder;
  std::unique_ptr<SyncServer> server;
  std::unique_ptr<CountingProxy> proxy;
  std::unique_ptr<DeviceDaemon> a;
  std::unique_ptr<DeviceDaemon> b;
  std::string email = "bench@school.example";
  std::string password = "bench password 1";

  std::string proxyUrl() const { return "http://127.0.0.1:" + std::to_string(proxy->port()); }
};

// Generates the year on A, starts everything, syncs A up and `initialRepeat` fresh Bs down.
// Returns the W1 table and the W3 figures of the initial sync (added to `wire`).
FigureTable runInitialSync(SyncSetup& setup, const DeviceWorkloadOptions& options,
                           FigureTable& wire);

// One changed mark from A to B, `markSyncs` times; needs runInitialSync first. Returns the
// W2 table and adds the single-field figures to `wire`.
FigureTable runOneMark(SyncSetup& setup, const DeviceWorkloadOptions& options, FigureTable& wire);

} // namespace pupitre::bench
