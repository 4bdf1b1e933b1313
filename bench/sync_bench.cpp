// bench_sync: synchronisation measured end to end, with a real `pupitre-server serve` and
// real `pupitred` daemons on loopback, driven over the IPC client as the app drives them.
//   W1: initial sync of a generated school year from device A to a fresh device B;
//   W2: one changed mark from A to B (A pushes, B pulls), many times;
//   W3: bytes on the wire (a counting proxy between the daemons and the server);
//   W4: the server alone under many simulated devices (threads, real wire format).
// Prints a table per workload with targets and MET/MISSED; asserts nothing about timings.
#include "sync/device_workloads.h"
#include "sync/server_load_workload.h"

#include "workloads/command_line.h"
#include "workloads/scratch.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>

using namespace pupitre;

namespace {

constexpr const char* kUsage =
    "usage: bench_sync [--only w1,w2,w4] [--initial-repeat N] [--syncs N]\n"
    "                  [--classes N --students N --assessments N --days N --seed S]\n"
    "                  [--accounts N] [--devices-per-account N] [--seconds N] [--fields N]\n"
    "                  [--persistent] [--bin DIR] [--dir FOLDER] [--keep]\n"
    "                  [--database postgresql://USER@HOST/DB [--nodes N]]   (W4 on PostgreSQL)\n"
    "W1 and W3 (initial sync) always run with W2; W3 is printed with them. Defaults: the default\n"
    "school year (8 x 30 x 80, 170 days), 3 fresh devices for W1, 100 single-mark syncs for W2;\n"
    "W4: 50 accounts x 2 devices for 10 s, 3 marks per push, a connection per sync\n"
    "(--persistent: one kept-alive connection per device). --bin: the folder holding\n"
    "pupitre-server and pupitred (default: this build's).\n";

bool wants(const std::string& only, const std::string& workload)
{
  std::stringstream list(only);
  for (std::string item; std::getline(list, item, ',');) {
    if (item == workload) {
      return true;
    }
  }
  return false;
}

} // namespace

int main(int argc, char** argv)
{
  bench::DeviceWorkloadOptions devices;
  bench::ServerLoadOptions load;
  bench::Programs programs{PUPITRE_SERVER_PROGRAM, PUPITRE_DAEMON_PROGRAM};
  std::string only = "w1,w2,w4";
  std::optional<std::string> folder;
  bool keep = false;
  try {
    const bench::CommandLine args(argc, argv,
                                  {"--only", "--initial-repeat", "--syncs", "--classes",
                                   "--students", "--assessments", "--days", "--seed", "--accounts",
                                   "--devices-per-account", "--seconds", "--fields", "--bin",
                                   "--dir", "--database", "--nodes"},
                                  {"--persistent", "--keep", "--help"});
    if (args.flag("--help")) {
      std::cout << kUsage;
      return 0;
    }
    only = args.text("--only").value_or(only);
    devices.initialRepeat = static_cast<int>(args.integer("--initial-repeat", 3, 1));
    devices.markSyncs = static_cast<int>(args.integer("--syncs", 100, 1));
    auto& year = devices.year;
    year.classes = static_cast<int>(args.integer("--classes", year.classes, 1));
    year.students = static_cast<int>(args.integer("--students", year.students, 1));
    year.assessments = static_cast<int>(args.integer("--assessments", year.assessments, 1));
    year.days = static_cast<int>(args.integer("--days", year.days));
    year.seed = static_cast<std::uint64_t>(args.integer("--seed", 1));
    load.accounts = static_cast<int>(args.integer("--accounts", load.accounts, 1));
    load.devicesPerAccount =
        static_cast<int>(args.integer("--devices-per-account", load.devicesPerAccount, 1));
    load.seconds = static_cast<int>(args.integer("--seconds", load.seconds, 1));
    load.fieldsPerPush = static_cast<int>(args.integer("--fields", load.fieldsPerPush, 1));
    load.persistent = args.flag("--persistent");
    load.database = args.text("--database").value_or("");
    load.nodes = static_cast<int>(args.integer("--nodes", 1, 1));
    if (const auto bin = args.text("--bin")) {
      programs = {*bin + "/pupitre-server", *bin + "/pupitred"};
    }
    folder = args.text("--dir");
    keep = args.flag("--keep");
  } catch (const std::exception& e) {
    std::cerr << "bench_sync: " << e.what() << "\n" << kUsage;
    return 2;
  }

  std::signal(SIGPIPE, SIG_IGN); // a daemon or server that hangs up is an error on its socket
  std::setvbuf(stdout, nullptr, _IOLBF, 0); // progress lines show at once, also in a log file
  try {
    const bench::ScratchFolder scratch("pupitre-bench-sync", folder, keep);
    std::printf("bench_sync — working in %s\n", scratch.path().c_str());
    if (wants(only, "w1") || wants(only, "w2")) {
      bench::SyncSetup setup;
      setup.programs = programs;
      setup.folder = scratch.path();
      bench::FigureTable wire("W3 — bytes on the wire between daemon and server (HTTP headers "
                              "included, counted by a proxy)");
      const auto initial = bench::runInitialSync(setup, devices, wire);
      initial.print();
      if (wants(only, "w2")) {
        bench::runOneMark(setup, devices, wire).print();
      }
      wire.print();
    }
    if (wants(only, "w4")) {
      bench::runServerLoad(programs, scratch.path(), load).print();
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_sync: " << e.what() << "\n";
    return 1;
  }
}
