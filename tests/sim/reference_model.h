#pragma once
// The simulation's oracle: what every device must send and what every replica must hold at the
// end, derived from the edits the devices made — never from the product's outbox, capture
// triggers or merge code, which are what it checks. It shares plain data types with the product
// (FieldWrite, Stamp, Value, PushRequest, PullPage, Conflict) and nothing else.
//
// What it is told, in the order it happens (the scenario and the simulated transport tell it):
//  - edited(): a teacher's edit on a device: the fields it changed with their new values, read
//    from the records themselves before and after the edit (device_edits.h), and the stamp the
//    device recorded for each. The stamps are read, not computed: computing them would copy the
//    product's clock (server offset, boot clock, counters), which its own tests cover. What the
//    sync rules need from a stamp is its order, and that is checked: it is this device's, and
//    after every stamp the device had issued or received (its clock before the edit, and the
//    greatest stamp the model saw reach it).
//  - sending(), accepted(), refused(): a push batch leaving the device, its reply reaching the
//    device, or the server refusing it (applying none of it), perhaps because the device's
//    clock is ahead of the server's.
//  - received(): a pull page reaching the device (the engine applies it right after).
//  - restamped(): after a clock refusal, the stamps the device now has for its pending edits
//    (read at its next push, before anything else can change them).
//
// What it derives, per device and field (a record's liveness "deleted" is a field too):
//  - the pending write: the latest local edit not yet acknowledged, with its base (the stamp
//    the device had for that field when it first edited it since it last synchronised; for
//    "deleted", the greatest stamp of any write to the record it made or received). Ten edits
//    of one field are one pending write. A reply to a batch acknowledges each write it carried
//    that has not been edited again since; one edited since stays pending, now based on the
//    pushed stamp. A pulled write with a greater stamp supersedes the pending write (it is not
//    sent: it lost); on "deleted" so does a pulled write of any field of the record (it asserts
//    "alive" at its stamp). A record's pending liveness (created, deleted, restored and not yet
//    acknowledged) takes the stamp of every later edit of that record, which asserts "alive".
//    Deletions and restores from the conflict list are edits like any other.
//  - what each push must carry: a new batch holds only pending writes, each with the model's
//    value, stamp and base, each field once, under a batch number never used before; a batch
//    sent again after a failure is the same batch, unchanged; a device never abandons a batch
//    in flight except after a refusal (the server applied none of it).
//  - re-stamps: after a clock refusal a pending edit may get a new stamp, lower than its old
//    one, above every stamp the device received, one new stamp per old one and in the same
//    order (fields saved together stay together, later edits stay later). Without a refusal
//    the stamp of a pending edit never changes (the next push would show it).
//  - pulled writes and conflict-list entries are writes some device made (with that value and
//    stamp; "alive" may carry the stamp of any write to the record), a conflict's winner
//    greater than its loser, with another value.
//  - the expected state: for each field, the device's latest write with the greatest
//    (hlc, device) over all devices; a record lives when the most recent of its liveness
//    writes and of all its field writes (each asserts "alive" at its stamp) is not a deletion,
//    a deletion winning a tie.
//  - the losses the conflict lists must keep: a write of a value field that the server applied
//    (or that lost on its own device to a pulled write before it was sent), which every
//    greater write of that field the server applied overwrote without its device having had
//    it (made there, or received there and kept), each with another value. Such a write must be
//    in the server's conflict list. Not checked: liveness conflicts, and whether a write that
//    some overwriter knew of also lost to another one (the product may list it or not).
//
// Records the server cannot take (sync.md: "one field too large for the server is a
// per-record error"): a record is held on a device while one of its pending writes puts a text
// over the server's limit (maxTextBytes). All its pending writes then stay on that device: the
// server never accepts such a value, the device owes none of them (pending() leaves them out,
// held() names the records), and the expected state of the server and the other devices is
// without them, that of the holding device with them (expected(device)). A later edit that
// shortens the text releases the record, whose writes are then owed like any others.
//
// At the end of a scenario every device and the server must hold exactly the expected state,
// every device must have the server's conflict list (scenario.cpp), the lists must hold only
// real losses and every loss above (a pending edit that lost on its own device to a pulled
// write before it was sent too: the device reports it in a push, and the server's list must
// hold it), and nothing may be pending in the model: a pending write never sent is a lost edit.
// A push may carry such reports (PushRequest::conflicts): each a real loss of its device's own
// write.
#include "pupitre/store/canonical_json.h"
#include "pupitre/sync/conflicts.h"
#include "pupitre/sync/field_write.h"
#include "pupitre/sync/protocol.h"

#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pupitre::sim {

// A device did what the sync rules do not allow: the message says what and where.
class ModelMismatch : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

class ReferenceModel
{
public:
  using Key = std::pair<std::string, std::string>; // row id, field

  // The devices' ids, by index; the longest text value the server takes.
  explicit ReferenceModel(std::vector<std::string> deviceIds,
                          std::size_t maxTextBytes = std::numeric_limits<std::size_t>::max());

  // A local edit on `device`: the fields it changed (in one or more transactions), each with
  // the stamp the device gave it. `clockBefore` and `clockAfter` are the device's clock (its
  // last stamp) before and after the edit.
  void edited(std::size_t device, std::vector<sync::FieldWrite> writes, clock::Hlc clockBefore,
              clock::Hlc clockAfter);
  // The device sends `request`. Throws ModelMismatch unless it is what the device should send.
  void sending(std::size_t device, const sync::PushRequest& request);
  // The reply to the batch in flight reached the device.
  void accepted(std::size_t device, const sync::PushRequest& request);
  // The server refused the batch in flight and applied none of it; `clockAhead`: because the
  // device's clock is ahead of the server's (the device then re-stamps its pending edits).
  void refused(std::size_t device, bool clockAhead);
  // A pull page reached the device.
  void received(std::size_t device, const sync::PullPage& page);

  // After a refusal for the clock, until restamped(): the scenario reads the device's stamps.
  bool expectsRestamp(std::size_t device) const { return m_devices.at(device).restampExpected; }
  // The fields the device has pending, for restamped().
  std::vector<Key> pendingKeys(std::size_t device) const;
  // The stamps the device now has for pendingKeys() (a missing one is a lost edit).
  void restamped(std::size_t device, const std::map<Key, sync::Stamp>& stamps);

  // What the device should still send (its held records left out).
  std::vector<sync::FieldWrite> pending(std::size_t device) const;
  // The records held on the device: a pending write of each has a text over the limit.
  std::set<std::string> held(std::size_t device) const;
  // What the server and every device hold, with the records held on `holder` (if any) as
  // that device has them.
  store::LiveData expected(std::optional<std::size_t> holder = std::nullopt) const;
  std::string json(std::optional<std::size_t> holder = std::nullopt) const
  {
    return store::canonicalJson(expected(holder));
  }
  // What is wrong with a conflict list ("" when nothing): entries that are not a write some
  // device made losing to a greater one with another value.
  std::string conflictProblems(const std::string& where,
                               const std::vector<sync::Conflict>& conflicts) const;
  // The values lost to a concurrent write, which the conflict lists must keep: writes of a
  // field (not "deleted") that reached the server or lost on their device, that every greater
  // write of the field sent by a device overwrote without that device having had them, each
  // with another value.
  struct Losses
  {
    std::string unlisted; // losses not in the server's conflict list ("" when none)
  };
  Losses losses(const std::vector<sync::Conflict>& server,
                const std::vector<std::vector<sync::Conflict>>& devices) const;
  // Field writes made, all devices together (the latest of each field on each device).
  std::size_t size() const;

private:
  // One field of one record as one device has it.
  struct FieldState
  {
    std::string table;
    bool written = false; // the device wrote this field
    store::Value value;   // its latest write: value and stamp
    sync::Stamp stamp;
    bool pending = false; // that write is still to be sent
    sync::Stamp base;     // the pending write's base
    sync::Stamp newest;   // the greatest stamp of this field the device made or received
  };
  // A write some device made.
  struct Write
  {
    Key key;
    std::size_t device = 0;
    store::Value value;
    sync::Stamp stamp;           // the device's stamp, or the one it gave the write after a refusal
    std::set<std::size_t> known; // the writes of the field its device had had before it
    bool sent = false;           // applied by the server (its batch was acknowledged)
    bool superseded = false;     // by a pulled write while pending: it lost on its device
  };
  struct DeviceState
  {
    std::string id;
    std::map<Key, FieldState> fields;
    // Per field: the writes the device has had as its value (its own, and those received
    // that won there).
    std::map<Key, std::set<std::size_t>> had;
    // Per record: the greatest stamp of any write to it the device made or received (what a
    // new liveness write is based on: every write asserts "alive").
    std::map<std::string, sync::Stamp> recordNewest;
    clock::Hlc receivedHlc = 0; // the greatest stamp received
    std::optional<sync::PushRequest> inflight;
    std::int64_t lastBatch = 0;
    bool restampExpected = false;
    std::map<sync::Stamp, sync::Stamp> restamps; // old -> new, since the last refusal
  };

  void editTransaction(std::size_t device, const std::vector<const sync::FieldWrite*>& writes);
  void checkPendingWrite(const DeviceState& device, const sync::FieldWrite& w,
                         const std::string& who) const;
  void checkRestamp(DeviceState& device, const Key& key, const sync::Stamp& old,
                    const sync::Stamp& stamp) const;
  // True when some device made `w` (value and stamp), or, for "alive", any write to the record
  // at that stamp.
  bool made(const std::string& rowId, const std::string& field, const store::Value& value,
            const sync::Stamp& stamp) const;
  // Records a write `device` made; returns its index in m_writes.
  std::size_t remember(std::size_t device, const sync::FieldWrite& w);
  // The write of `key` at `stamp`, if some device made one.
  std::optional<std::size_t> writeAt(const Key& key, const sync::Stamp& stamp) const;
  std::string name(std::size_t device) const;
  // Whether the server refuses `value` in `table`.`field` as too large.
  bool tooLarge(const std::string& table, const std::string& field,
                const store::Value& value) const;
  std::set<std::string> heldRows(const DeviceState& device) const;

  std::vector<DeviceState> m_devices;
  std::size_t m_maxTextBytes;
  // Every write made, indexed by field and stamp (a re-stamped write under both stamps), and
  // every stamp written to each record.
  std::vector<Write> m_writes;
  std::map<Key, std::map<sync::Stamp, std::size_t>> m_writeAt;
  std::map<std::string, std::set<sync::Stamp>> m_recordStamps;
};

// "class 1234abcd.name = "x" at 123@device": for messages.
std::string describe(const sync::FieldWrite& w);

} // namespace pupitre::sim
