#pragma once
// One seeded scenario of the simulation (sync.md, "What must be tested"): a server and 2–5
// devices with skewed clocks (which sometimes jump) in this process; random edits on random
// devices, sometimes on two devices at the same moment or while a sync waits for the server,
// and syncs in random order while requests are lost, duplicated, answered to a device that
// crashed, or met by a server restart; sometimes a text longer than the server takes, which
// its device holds back while everything else syncs; then, faults off, syncs until nothing changes,
// and the checks: every device's export equals the server's and the reference model's, every device
// has the server's conflict list, every database is sound, nothing is left pending. The
// reference model (reference_model.h) follows every edit, push and pull as it happens and
// stops the scenario at the first push that is not what the device should send.
// Everything follows from the seed: the same seed replays the same scenario step by step.
#include "support/sandbox.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pupitre::sim {

// The files every scenario of a run reuses: a device database and a server database (with
// the account) made once, copied fresh for each seed.
class SimWorkspace
{
public:
  SimWorkspace(); // in /dev/shm when there is one, or in $PUPITRE_SIM_DIR

  // Device databases are copies of kDeviceSlots templates, each with its own device id (made
  // once: opening a database costs more than a scenario's edits). Scenarios shuffle them.
  static constexpr std::size_t kDeviceSlots = 5;

  // A fresh copy of the server template, at the same path for every seed.
  std::string freshServer();
  // A fresh device database for the scenario's device `index`, a copy of template `slot`.
  std::string freshDevice(std::size_t index, std::size_t slot);
  const std::string& deviceId(std::size_t slot) const { return m_deviceIds.at(slot); }

private:
  test::Sandbox m_sandbox;
  std::string m_serverTemplate;
  std::vector<std::string> m_deviceTemplates;
  std::vector<std::string> m_deviceIds;
};

// A defect the scenario plays on purpose, to show that the oracle notices it: one push batch
// of one device loses one change the device believes it sent, or carries a wrong base (what a
// bug in the outbox would do).
enum class Sabotage { None, LoseOneChange, WrongBase };

struct ScenarioResult
{
  std::uint64_t seed = 0;
  bool passed = false;
  std::string failure; // what differs, with the first differing lines, and how to replay
  std::string trace;   // every step, when asked for
  std::string finalJson;
  // What happened, for the run's summary.
  int devices = 0;
  int edits = 0;        // local edits applied (refused ones not counted)
  int skippedEdits = 0; // refused by a rule (deleted parent, mark outside the scale, ...)
  int syncs = 0;        // SyncEngine runs, final rounds included
  int faults = 0;
  int deviceRestarts = 0;
  int serverRestarts = 0;
  int finalRounds = 0;
  bool sabotaged = false; // the Sabotage asked for was played
  double seconds = 0;     // how long it took (measured by the runner, not used by the scenario)
};

ScenarioResult runScenario(std::uint64_t seed, SimWorkspace& workspace, bool trace = false,
                           Sabotage sabotage = Sabotage::None);

// How to run one seed again, for failure messages.
std::string replayHint(std::uint64_t seed);

} // namespace pupitre::sim
