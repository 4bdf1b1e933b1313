#include "scenario.h"

#include "device_edits.h"
#include "pupitre/error.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/engine.h"
#include "pupitre/sync/held_records.h"
#include "pupitre/sync/outbox.h"
#include "random_edits.h"
#include "reference_model.h"
#include "replica_diff.h"
#include "sim_random.h"
#include "sim_server.h"
#include "sim_time.h"
#include "sim_transport.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

namespace pupitre::sim {
namespace {

// Faults off, the devices sync round-robin until a round changes nothing: two rounds bring
// every write everywhere, a third sees nothing new.
constexpr int kMaxFinalRounds = 6;

// The longest text the simulation's server takes (pupitre-server: 1 MiB), so that a journal
// entry longer than it stays small.
constexpr std::size_t kMaxTextBytes = 4096;

// A step of the scenario went wrong: the message says what, the scenario ends.
class ScenarioFailure : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

// A device's computer: which boot it is in and when (simulated time) that boot began.
struct SimBoot
{
  int number = 1;
  std::string id;
  std::int64_t startedMs = 0;
};

class Scenario
{
public:
  Scenario(std::uint64_t seed, SimWorkspace& workspace, bool trace, Sabotage sabotage);
  ScenarioResult run();

private:
  struct Device
  {
    std::string id;
    std::string path;
    // How far the device's wall clock is from the server's; shared with the clock the
    // database reads, so a clock that jumps moves under the running device.
    std::shared_ptr<std::int64_t> skewMs = std::make_shared<std::int64_t>(0);
    // The computer's boot, shared with the boot clock the database reads (boot_clock.h).
    std::shared_ptr<SimBoot> boot = std::make_shared<SimBoot>();
    std::string token;
    sync::SyncOptions options;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<SimTransport> transport;
  };

  void setUp();
  void openDevice(std::size_t d);
  void restartDevice(std::size_t d);
  void restartServer();
  // Tells the reference model what an edit on device `d` changed since `before`.
  void recordEdit(std::size_t d, const RecordSnapshot& before, clock::Hlc clockBefore,
                  bool applied);
  void readRestamps(std::size_t d);
  void sabotage(std::size_t d, sync::PushRequest& request);
  void edit(std::size_t d, const char* when);
  void startTerm();
  void editAtOnce(std::size_t first, std::size_t second);
  std::optional<sync::SyncSummary> syncDevice(std::size_t d);
  Fault nextFault(std::size_t d, const char* call);
  void converge();
  void check();
  std::int64_t randomPause();
  std::int64_t randomSkew();
  void clockEvent();
  void editAfterClockJump(std::size_t d);
  void largeFieldEvent();
  void log(const std::string& line);
  // In the trace, the writes of the followed record that `d` makes, sends or receives.
  void follow(std::size_t d, const char* what, const std::vector<sync::FieldWrite>& writes);
  std::string describe() const;

  std::uint64_t m_seed;
  SimWorkspace& m_workspace;
  bool m_trace;
  std::string m_follow; // id prefix of a record whose writes the trace shows
  Sabotage m_sabotage;
  std::optional<std::pair<std::size_t, std::int64_t>> m_sabotagedBatch; // device, batch
  SimRandom m_random;
  // Issue 12's clock events (a clock set back or ahead, a restarted computer) and the
  // server's clock limit, drawn apart so that the other steps of a seed stay as they were.
  SimRandom m_clockEvents;
  // Texts longer than the server takes, drawn apart for the same reason.
  SimRandom m_largeFields;
  std::int64_t m_maxClockAheadMs = sync::kMaxClockAheadMs;
  test::ManualClock m_clock{kStartMs};
  std::unique_ptr<SimServer> m_server;
  std::vector<Device> m_devices;
  std::unique_ptr<ReferenceModel> m_reference;
  RandomEdits m_edits;
  double m_faultRate = 0;
  double m_editWhileSyncRate = 0;
  int m_editsLeft = 0;
  int m_syncsLeft = 0;
  bool m_final = false; // the final rounds: no faults, no edits
  ScenarioResult m_result;
  std::ostringstream m_log;
};

Scenario::Scenario(std::uint64_t seed, SimWorkspace& workspace, bool trace, Sabotage sabotage)
    : m_seed(seed), m_workspace(workspace), m_trace(trace),
      m_follow(trace && std::getenv("PUPITRE_SIM_FOLLOW") ? std::getenv("PUPITRE_SIM_FOLLOW") : ""),
      m_sabotage(sabotage), m_random(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull),
      m_clockEvents(seed * 0xD1B54A32D192ED03ull + 0x8CB92BA72F3D8DD7ull),
      m_largeFields(seed * 0xA0761D6478BD642Full + 0xE7037ED1A0B428DBull), m_edits(m_random, seed)
{
  m_result.seed = seed;
}

void Scenario::log(const std::string& line)
{
  if (m_trace) {
    m_log << "[+" << (m_clock.now() - kStartMs) << " ms] " << line << "\n";
  }
}

void Scenario::follow(std::size_t d, const char* what, const std::vector<sync::FieldWrite>& writes)
{
  if (m_follow.empty()) {
    return;
  }
  for (const auto& w : writes) {
    if (w.rowId.rfind(m_follow, 0) == 0) {
      log("d" + std::to_string(d) + " " + what + " " + sim::describe(w));
    }
  }
}

std::string Scenario::describe() const
{
  std::ostringstream out;
  out << m_devices.size() << " devices (clock skews";
  for (const auto& device : m_devices) {
    out << " " << *device.skewMs << " ms";
  }
  out << ")";
  if (m_maxClockAheadMs != sync::kMaxClockAheadMs) {
    out << ", server clock limit " << m_maxClockAheadMs << " ms";
  }
  out << ", fault rate " << m_faultRate << ", " << m_result.edits << " edits ("
      << m_result.skippedEdits << " refused), " << m_result.syncs << " syncs, " << m_result.faults
      << " faults, " << m_result.deviceRestarts << " device restarts, " << m_result.serverRestarts
      << " server restarts";
  return out.str();
}

std::int64_t Scenario::randomSkew()
{
  switch (m_random.below(10)) {
  case 0:
  case 1:
  case 2:
  case 3:
    return 0;
  case 4:
  case 5:
  case 6:
    return m_random.between(-4 * kMinute, 4 * kMinute); // the server accepts it
  case 7:
    return m_random.between(6 * kMinute, kDay); // refused until re-stamped
  default:
    return -m_random.between(6 * kMinute, kDay); // old stamps: its edits lose
  }
}

std::int64_t Scenario::randomPause()
{
  switch (m_random.below(10)) {
  case 0:
    return 0;
  case 1:
  case 2:
  case 3:
  case 4:
    return m_random.between(1, 2 * kSecond);
  case 5:
  case 6:
  case 7:
    return m_random.between(2 * kSecond, 10 * kMinute);
  default:
    return m_random.between(10 * kMinute, 3 * kHour);
  }
}

void Scenario::setUp()
{
  // Most scenarios small, some large: thousands of seeds must fit in a minute or so.
  const auto size = m_random.below(100);
  std::size_t devices = 0;
  if (size < 60) {
    devices = m_random.chance(0.7) ? 2 : 3;
    m_editsLeft = static_cast<int>(m_random.between(10, 25));
    m_syncsLeft = static_cast<int>(m_random.between(3, 8));
  } else if (size < 92) {
    devices = 2 + m_random.below(2);
    m_editsLeft = static_cast<int>(m_random.between(20, 40));
    m_syncsLeft = static_cast<int>(m_random.between(5, 12));
  } else {
    devices = 3 + m_random.below(3);
    m_editsLeft = static_cast<int>(m_random.between(40, 60));
    m_syncsLeft = static_cast<int>(m_random.between(10, 15));
  }
  m_result.devices = static_cast<int>(devices);
  m_faultRate = std::vector<double>{0, 0.05, 0.15, 0.3}[m_random.below(4)];
  m_editWhileSyncRate = m_random.chance(0.5) ? 0.0 : 0.1;
  if (m_clockEvents.chance(0.25)) { // serve --max-clock-ahead under the daemon's 5 minutes
    m_maxClockAheadMs = m_clockEvents.between(20 * kSecond, 4 * kMinute);
  }
  m_server = std::make_unique<SimServer>(m_workspace.freshServer(), m_clock.wallClock(),
                                         m_maxClockAheadMs, kMaxTextBytes);
  m_devices.resize(devices);
  std::vector<std::size_t> slots;
  for (std::size_t slot = 0; slot < SimWorkspace::kDeviceSlots; ++slot) {
    slots.push_back(slot);
  }
  for (std::size_t i = slots.size() - 1; i > 0; --i) {
    std::swap(slots[i], slots[m_random.below(i + 1)]); // which device id breaks ties first
  }
  std::vector<std::string> deviceIds;
  for (std::size_t d = 0; d < devices; ++d) {
    Device& device = m_devices[d];
    device.id = m_workspace.deviceId(slots[d]);
    *device.skewMs = randomSkew();
    device.boot->id = "d" + std::to_string(d) + "-boot-1";
    device.boot->startedMs = kStartMs - m_clockEvents.between(kMinute, 30 * kDay);
    const std::vector<std::size_t> batchSizes{2, 7, 50, 5000, 5000};
    const std::vector<std::size_t> pageSizes{3, 16, 100, 5000, 5000};
    device.options.pushBatchSize = m_random.pick(batchSizes);
    device.options.pullPageSize = m_random.pick(pageSizes);
    // One thread per device: the transport's hooks edit the device while it waits, and the
    // faults are drawn in a fixed order (prefetching only changes timing, not what is applied).
    device.options.prefetchPages = false;
    static const char* const hex = "0123456789abcdef";
    for (int i = 0; i < 64; ++i) {
      device.token.push_back(hex[m_random.below(16)]);
    }
    device.path = m_workspace.freshDevice(d, slots[d]);
    deviceIds.push_back(device.id);
    if (!m_server->linkDevice(device.id, device.token)) {
      throw ScenarioFailure("The server refused to link device " + std::to_string(d) + ".");
    }
    openDevice(d);
  }
  m_reference = std::make_unique<ReferenceModel>(std::move(deviceIds), kMaxTextBytes);
  if (m_maxClockAheadMs < sync::kMaxClockAheadMs && m_clockEvents.chance(0.5)) {
    // A clock the daemon's default would accept and this server refuses.
    *m_devices[m_clockEvents.below(devices)].skewMs =
        m_clockEvents.between(m_maxClockAheadMs + kSecond, sync::kMaxClockAheadMs);
  }
  log("set up: " + describe());
}

void Scenario::openDevice(std::size_t d)
{
  Device& device = m_devices[d];
  device.transport.reset();
  device.db.reset();
  const clock::WallClock simulated = m_clock.wallClock();
  const auto skew = device.skewMs;
  const auto boot = device.boot;
  device.db = std::make_unique<store::Database>(
      device.path, [simulated, skew] { return simulated() + *skew; },
      [simulated, boot] {
        return clock::BootTime{boot->id, simulated() - boot->startedMs};
      });
  if (device.db->deviceId() != device.id) {
    throw ScenarioFailure("Device " + std::to_string(d) + " reopened with another device id.");
  }
  TransportHooks hooks;
  hooks.nextFault = [this, d](const char* call) { return nextFault(d, call); };
  if (m_sabotage != Sabotage::None) {
    hooks.tamper = [this, d](sync::PushRequest& request) { sabotage(d, request); };
  }
  // The reference model follows every exchange that reaches the device.
  hooks.beforePush = [this, d](const sync::PushRequest& request) {
    if (m_reference->expectsRestamp(d)) {
      readRestamps(d);
    }
    follow(d, ("sends in batch " + std::to_string(request.batch)).c_str(), request.changes);
    m_reference->sending(d, request);
  };
  hooks.pushAccepted = [this, d](const sync::PushRequest& request) {
    m_reference->accepted(d, request);
  };
  hooks.pushRefused = [this, d](const sync::PushRequest& request, const sync::ApiRefusal& refusal) {
    if (m_sabotagedBatch == std::pair{d, request.batch}) {
      m_sabotagedBatch.reset(); // never applied: the next batch takes the defect
      m_result.sabotaged = false;
    }
    m_reference->refused(d, refusal.error().code == sync::errors::kClockAhead);
  };
  hooks.pulled = [this, d](const sync::PullPage& page) {
    follow(d, "receives", page.changes);
    m_reference->received(d, page);
  };
  hooks.whileWaiting = [this, d] {
    if (!m_final && m_random.chance(m_editWhileSyncRate)) {
      edit(d, "while syncing");
    }
  };
  device.transport = std::make_unique<SimTransport>(*m_server, device.token, std::move(hooks));
}

void Scenario::restartDevice(std::size_t d)
{
  ++m_result.deviceRestarts;
  log("d" + std::to_string(d) + " restarts");
  openDevice(d);
}

void Scenario::restartServer()
{
  ++m_result.serverRestarts;
  log("server restarts");
  m_server->restart();
}

void Scenario::recordEdit(std::size_t d, const RecordSnapshot& before, clock::Hlc clockBefore,
                          bool applied)
{
  store::Database& db = *m_devices[d].db;
  const RecordSnapshot after(db);
  if (!applied) {
    if (!(after == before)) {
      throw ScenarioFailure("A refused edit on device " + std::to_string(d) +
                            " changed records: its transaction was not rolled back.");
    }
    return;
  }
  auto writes = after.writesSince(before, db);
  follow(d, "writes", writes);
  m_reference->edited(d, std::move(writes), clockBefore, db.lastHlc());
}

// After a clock refusal: the stamps the device gave its pending edits.
void Scenario::readRestamps(std::size_t d)
{
  m_reference->restamped(d, recordedStamps(*m_devices[d].db, m_reference->pendingKeys(d)));
}

// The first batch that can take the defect gets it, every time it is sent (resent batches may
// come in another order: the change picked is the last by record and field).
void Scenario::sabotage(std::size_t d, sync::PushRequest& request)
{
  if (m_sabotagedBatch && *m_sabotagedBatch != std::pair{d, request.batch}) {
    return;
  }
  const auto last = std::max_element(
      request.changes.begin(), request.changes.end(), [](const auto& a, const auto& b) {
        return std::tie(a.rowId, a.field) < std::tie(b.rowId, b.field);
      });
  if (m_sabotage == Sabotage::LoseOneChange && request.changes.size() >= 2) {
    log("d" + std::to_string(d) + " sabotage: batch " + std::to_string(request.batch) + " loses " +
        sim::describe(*last));
    request.changes.erase(last);
  } else if (m_sabotage == Sabotage::WrongBase && last != request.changes.end() &&
             !last->base.isZero()) {
    log("d" + std::to_string(d) + " sabotage: batch " + std::to_string(request.batch) +
        " sends no base with " + sim::describe(*last));
    last->base = {};
  } else {
    return;
  }
  m_sabotagedBatch = {d, request.batch};
  m_result.sabotaged = true;
}

void Scenario::edit(std::size_t d, const char* when)
{
  store::Database& db = *m_devices[d].db;
  const RecordSnapshot before(db);
  const clock::Hlc clockBefore = db.lastHlc();
  const EditOutcome outcome = m_edits.apply(db);
  ++(outcome.applied ? m_result.edits : m_result.skippedEdits);
  log("d" + std::to_string(d) + " " + when + ": " + outcome.description);
  recordEdit(d, before, clockBefore, outcome.applied); // a refused edit changed nothing
}

void Scenario::editAtOnce(std::size_t first, std::size_t second)
{
  store::Database& firstDb = *m_devices[first].db;
  store::Database& secondDb = *m_devices[second].db;
  const RecordSnapshot firstBefore(firstDb);
  const RecordSnapshot secondBefore(secondDb);
  const clock::Hlc firstClock = firstDb.lastHlc();
  const clock::Hlc secondClock = secondDb.lastHlc();
  const auto [onFirst, onSecond] = m_edits.sameMarkAtOnce(firstDb, secondDb);
  for (const auto& [d, outcome] : {std::pair{first, onFirst}, std::pair{second, onSecond}}) {
    ++(outcome.applied ? m_result.edits : m_result.skippedEdits);
    log("d" + std::to_string(d) + " at the same moment: " + outcome.description);
  }
  recordEdit(first, firstBefore, firstClock, onFirst.applied);
  recordEdit(second, secondBefore, secondClock, onSecond.applied);
}

// The teacher sets up a class on one device, then the devices sync once each (with faults).
void Scenario::startTerm()
{
  const std::size_t first = m_random.below(m_devices.size());
  store::Database& db = *m_devices[first].db;
  const RecordSnapshot before(db);
  const clock::Hlc clockBefore = db.lastHlc();
  for (const auto& outcome : m_edits.startTerm(db)) {
    ++m_result.edits;
    log("d" + std::to_string(first) + " start of term: " + outcome.description);
  }
  recordEdit(first, before, clockBefore, true);
  for (std::size_t i = 0; i < m_devices.size(); ++i) {
    m_clock.advance(randomPause());
    syncDevice((first + i) % m_devices.size());
  }
}

Fault Scenario::nextFault(std::size_t d, const char* call)
{
  if (m_final || !m_random.chance(m_faultRate)) {
    return Fault::None;
  }
  const Fault faults[] = {Fault::DropRequest,      Fault::DropReply,     Fault::Duplicate,
                          Fault::CrashAfterCommit, Fault::RestartBefore, Fault::RestartAfterCommit};
  const Fault fault = faults[m_random.below(std::size(faults))];
  ++m_result.faults;
  if (fault == Fault::RestartBefore || fault == Fault::RestartAfterCommit) {
    ++m_result.serverRestarts;
  }
  log("d" + std::to_string(d) + " " + call + ": " + toText(fault));
  return fault;
}

std::optional<sync::SyncSummary> Scenario::syncDevice(std::size_t d)
{
  ++m_result.syncs;
  const std::string who = "d" + std::to_string(d) + " sync";
  std::optional<sync::SyncSummary> summary;
  try {
    Device& device = m_devices[d];
    sync::SyncEngine engine(*device.db, *device.transport, device.options);
    summary = engine.run();
    log(who + ": uploaded " + std::to_string(summary->uploaded) + ", downloaded " +
        std::to_string(summary->downloaded) + ", conflicts " + std::to_string(summary->conflicts) +
        (summary->restamped > 0
             ? ", re-stamped " + std::to_string(summary->restamped) + " by a clock error of " +
                   std::to_string(summary->clockErrorMs) + " ms"
             : std::string()));
  } catch (const sync::TransportError& e) {
    log(who + " ended: " + e.what());
  } catch (const DeviceCrash&) {
    log(who + " ended: the device crashed");
    restartDevice(d);
  } catch (const sync::ApiRefusal& e) {
    // The engine re-stamps and retries after a clock_ahead; nothing else may be refused.
    throw ScenarioFailure(who + " was refused (" + e.error().code + "): " + e.what());
  }
  if (m_reference->expectsRestamp(d)) { // refused for its clock, and no push since
    readRestamps(d);
  }
  return summary;
}

void Scenario::clockEvent()
{
  const std::size_t d = m_clockEvents.below(m_devices.size());
  Device& device = m_devices[d];
  const std::string who = "d" + std::to_string(d);
  switch (m_clockEvents.below(3)) {
  case 0:
    *device.skewMs -= m_clockEvents.between(10 * kMinute, kDay);
    log(who + "'s clock is set back, now " + std::to_string(*device.skewMs) + " ms off");
    editAfterClockJump(d);
    break;
  case 1:
    *device.skewMs += m_clockEvents.between(10 * kMinute, kDay);
    log(who + "'s clock jumps ahead, now " + std::to_string(*device.skewMs) + " ms off");
    editAfterClockJump(d);
    break;
  default:
    // The boot clock cannot tell what happened to the clock meanwhile: the edit gets the
    // offset rule's time, and a server that refuses it has it re-stamped.
    ++device.boot->number;
    device.boot->id = who + "-boot-" + std::to_string(device.boot->number);
    device.boot->startedMs = m_clock.now();
    if (m_clockEvents.chance(0.5)) { // a dead battery
      *device.skewMs = (m_clockEvents.chance(0.5) ? 1 : -1) * m_clockEvents.between(kMinute, kDay);
    }
    ++m_result.deviceRestarts;
    log(who + " restarts its computer, its clock " + std::to_string(*device.skewMs) + " ms off");
    openDevice(d);
    edit(d, "after its computer restarted");
    break;
  }
}

// An edit made after the clock jumped, on a device that synced during this boot, gets the
// time it was made (within the boot clock's tolerance), whatever its wall clock says: later
// only when its clock already stood later (a stamp received from a device ahead).
void Scenario::editAfterClockJump(std::size_t d)
{
  store::Database& db = *m_devices[d].db;
  const SimBoot& boot = *m_devices[d].boot;
  const auto anchor = db.clockAnchor();
  const clock::Hlc before = db.lastHlc();
  edit(d, "after its clock jumped");
  const clock::Hlc after = db.lastHlc();
  if (!anchor || anchor->bootId != boot.id || after == before) {
    return; // not synced during this boot (the offset rule alone), or the edit was refused
  }
  const std::int64_t now = m_clock.now();
  const std::int64_t sinceAnchor = now - boot.startedMs - anchor->sinceBootMs;
  const std::int64_t tolerance =
      clock::kBootClockToleranceMs + sinceAnchor / clock::kBootClockDriftDivisor;
  const auto ms = static_cast<std::int64_t>(clock::physicalMs(after));
  const bool early = ms < now - tolerance;
  const bool late = ms > now + tolerance && clock::physicalMs(after) > clock::physicalMs(before);
  if (early || late) {
    throw ScenarioFailure("d" + std::to_string(d) + "'s edit after its clock jumped was stamped " +
                          clock::formatHlc(after) + ", " + std::to_string(ms - now) +
                          " ms from the true time, though it synced during this boot.");
  }
}

// The teacher pastes a text longer than the server takes into a new journal entry: the
// device holds that record back (held_records.h) and syncs everything else.
void Scenario::largeFieldEvent()
{
  const std::size_t d = m_largeFields.below(m_devices.size());
  store::Database& db = *m_devices[d].db;
  const RecordSnapshot before(db);
  const clock::Hlc clockBefore = db.lastHlc();
  const auto bytes = static_cast<std::size_t>(
      m_largeFields.between(kMaxTextBytes + 1, static_cast<std::int64_t>(2 * kMaxTextBytes)));
  const EditOutcome outcome = m_edits.createLongJournalEntry(db, m_largeFields, bytes);
  ++(outcome.applied ? m_result.edits : m_result.skippedEdits);
  log("d" + std::to_string(d) + " pastes a long text: " + outcome.description);
  recordEdit(d, before, clockBefore, outcome.applied);
}

void Scenario::converge()
{
  m_final = true;
  for (int round = 1; round <= kMaxFinalRounds; ++round) {
    m_result.finalRounds = round;
    bool changed = false;
    for (std::size_t d = 0; d < m_devices.size(); ++d) {
      m_clock.advance(m_random.between(1, 5 * kSecond));
      const auto summary = syncDevice(d);
      if (!summary) {
        throw ScenarioFailure("Device " + std::to_string(d) +
                              " could not sync in the final rounds, without faults.");
      }
      changed = changed || summary->uploaded > 0 || summary->downloaded > 0;
    }
    if (!changed) {
      return;
    }
  }
  throw ScenarioFailure("The devices still exchanged changes after " +
                        std::to_string(kMaxFinalRounds) + " rounds of syncs without faults.");
}

void Scenario::check()
{
  const std::string expected = m_reference->json();
  m_result.finalJson = expected;
  std::string differences;
  const std::string serverJson = m_server->exportJson();
  if (serverJson != expected) {
    differences += firstDifference("the server", serverJson, expected);
  }
  const auto serverConflicts = m_server->conflicts();
  std::vector<std::vector<sync::Conflict>> deviceConflicts;
  for (std::size_t d = 0; d < m_devices.size(); ++d) {
    store::Database& db = *m_devices[d].db;
    const std::string name = "device " + std::to_string(d);
    // With the records it holds back, which no other replica has.
    const std::string json = store::exportCanonicalJson(db);
    if (const std::string mine = m_reference->json(d); json != mine) {
      differences += firstDifference(name, json, mine);
    }
    const std::string integrity = db.sql().execAndGet("PRAGMA integrity_check").getString();
    if (integrity != "ok") {
      differences += name + ": PRAGMA integrity_check says " + integrity + "\n";
    }
    // Every device of the account sees the server's conflict list (its own may hold more).
    std::set<std::string> known;
    for (const auto& c : sync::listConflicts(db, true)) {
      known.insert(c.id);
    }
    for (const auto& c : serverConflicts) {
      if (!known.count(c.id)) {
        differences += name + " lacks the server's conflict " + c.id + " (" + c.table + " " +
                       c.rowId + "." + c.field + ")\n";
      }
    }
    if (const auto pending = sync::pendingCount(db) - sync::heldChangeCount(db); pending != 0) {
      differences += name + ": " + std::to_string(pending) + " changes still pending\n";
    }
    std::set<std::string> held;
    for (const auto& record : sync::heldRecords(db)) {
      held.insert(record.rowId);
    }
    if (!held.empty()) {
      log(name + " holds back " + std::to_string(held.size()) + " records, as it should");
    }
    if (held != m_reference->held(d)) {
      differences += name + " holds back " + std::to_string(held.size()) +
                     " records, the model expects " + std::to_string(m_reference->held(d).size()) +
                     "\n";
    }
    if (const auto unsent = m_reference->pending(d); !unsent.empty()) {
      differences += name + " never sent " + std::to_string(unsent.size()) +
                     " of its edits, among them " + sim::describe(unsent.front()) + "\n";
    }
    deviceConflicts.push_back(sync::listConflicts(db, true));
    differences += m_reference->conflictProblems(name, deviceConflicts.back());
  }
  differences += m_reference->conflictProblems("the server", serverConflicts);
  const auto losses = m_reference->losses(serverConflicts, deviceConflicts);
  differences += losses.unlisted;
  if (const std::string integrity = m_server->integrityCheck(); integrity != "ok") {
    differences += "the server: PRAGMA integrity_check says " + integrity + "\n";
  }
  if (!differences.empty()) {
    throw ScenarioFailure("The replicas do not hold what the reference model expects.\n" +
                          differences);
  }
}

ScenarioResult Scenario::run()
{
  try {
    setUp();
    if (m_random.chance(0.6)) {
      startTerm();
    }
    while (m_editsLeft + m_syncsLeft > 0) {
      m_clock.advance(randomPause());
      if (m_random.chance(0.008)) {
        restartDevice(m_random.below(m_devices.size()));
      }
      if (m_random.chance(0.01)) {
        restartServer();
      }
      if (m_clockEvents.chance(0.012)) {
        clockEvent();
      }
      if (m_largeFields.chance(0.01)) {
        largeFieldEvent();
      }
      if (m_random.chance(0.01)) { // set by hand, or by a dead battery
        const std::size_t d = m_random.below(m_devices.size());
        *m_devices[d].skewMs = randomSkew();
        log("d" + std::to_string(d) + "'s clock is now " + std::to_string(*m_devices[d].skewMs) +
            " ms off");
      }
      const std::size_t d = m_random.below(m_devices.size());
      if (m_editsLeft > 1 && m_random.chance(0.08)) {
        m_editsLeft -= 2;
        editAtOnce(d, (d + 1 + m_random.below(m_devices.size() - 1)) % m_devices.size());
        continue;
      }
      if (static_cast<int>(m_random.below(static_cast<std::size_t>(m_editsLeft + m_syncsLeft))) <
          m_editsLeft) {
        --m_editsLeft;
        edit(d, "edit");
      } else {
        --m_syncsLeft;
        syncDevice(d);
      }
    }
    log("final rounds");
    converge();
    check();
    m_result.passed = true;
  } catch (const std::exception& e) {
    m_result.failure = "Seed " + std::to_string(m_seed) + " failed: " + e.what() +
                       "\nScenario: " + describe() + "\n" + replayHint(m_seed);
  }
  m_result.trace = m_log.str();
  return m_result;
}

} // namespace

std::string replayHint(std::uint64_t seed)
{
  return "Replay it alone: PUPITRE_SIM_SEED=" + std::to_string(seed) +
         " tests/sim/sim_tests --run_test=simulation/random_seeds (add PUPITRE_SIM_TRACE=1 to "
         "print every step).";
}

ScenarioResult runScenario(std::uint64_t seed, SimWorkspace& workspace, bool trace,
                           Sabotage sabotage)
{
  return Scenario(seed, workspace, trace, sabotage).run();
}

} // namespace pupitre::sim
