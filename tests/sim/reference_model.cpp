#include "reference_model.h"

#include "pupitre/store/schema.h"

#include <algorithm>
#include <sstream>
#include <tuple>

namespace pupitre::sim {
namespace {

const std::string kLiveness{store::kDeletedField};

bool isDeletion(const store::Value& value)
{
  return store::toText(value) == "1";
}

std::string shortId(const std::string& id)
{
  return id.substr(0, 8);
}

std::string stampText(const sync::Stamp& stamp)
{
  std::ostringstream out;
  out << stamp.hlc << "@" << shortId(stamp.device);
  return out.str();
}

std::string valueText(const store::Value& value)
{
  return store::isNull(value) ? "null" : store::jsonValue(value);
}

} // namespace

std::string describe(const sync::FieldWrite& w)
{
  return w.table + " " + shortId(w.rowId) + "." + w.field + " = " + valueText(w.value) + " at " +
         stampText(w.stamp) + " (base " + stampText(w.base) + ")";
}

ReferenceModel::ReferenceModel(std::vector<std::string> deviceIds, std::size_t maxTextBytes)
    : m_maxTextBytes(maxTextBytes)
{
  for (auto& id : deviceIds) {
    m_devices.push_back({});
    m_devices.back().id = std::move(id);
  }
}

std::string ReferenceModel::name(std::size_t device) const
{
  return "device " + std::to_string(device);
}

bool ReferenceModel::tooLarge(const std::string& table, const std::string& field,
                              const store::Value& value) const
{
  const store::TableDef* def = store::findTable(table);
  const store::FieldDef* fieldDef = def ? def->field(field) : nullptr;
  const auto* text = std::get_if<std::string>(&value);
  return fieldDef && fieldDef->type == store::FieldType::Text && text &&
         text->size() > m_maxTextBytes;
}

std::set<std::string> ReferenceModel::heldRows(const DeviceState& device) const
{
  std::set<std::string> rows;
  for (const auto& [key, f] : device.fields) {
    if (f.pending && tooLarge(f.table, key.second, f.value)) {
      rows.insert(key.first);
    }
  }
  return rows;
}

std::set<std::string> ReferenceModel::held(std::size_t device) const
{
  return heldRows(m_devices.at(device));
}

std::size_t ReferenceModel::remember(std::size_t device, const sync::FieldWrite& w)
{
  const Key key{w.rowId, w.field};
  const std::size_t id = m_writes.size();
  std::set<std::size_t>& had = m_devices.at(device).had[key];
  m_writes.push_back({key, device, w.value, w.stamp, had});
  had.insert(id);
  m_writeAt[key][w.stamp] = id;
  m_recordStamps[w.rowId].insert(w.stamp);
  return id;
}

std::optional<std::size_t> ReferenceModel::writeAt(const Key& key, const sync::Stamp& stamp) const
{
  const auto it = m_writeAt.find(key);
  if (it == m_writeAt.end()) {
    return std::nullopt;
  }
  const auto write = it->second.find(stamp);
  if (write == it->second.end()) {
    return std::nullopt;
  }
  return write->second;
}

bool ReferenceModel::made(const std::string& rowId, const std::string& field,
                          const store::Value& value, const sync::Stamp& stamp) const
{
  if (field == kLiveness && !isDeletion(value)) {
    const auto it = m_recordStamps.find(rowId);
    return it != m_recordStamps.end() && it->second.count(stamp) > 0;
  }
  const auto id = writeAt({rowId, field}, stamp);
  if (!id) {
    return false;
  }
  const store::Value& made = m_writes[*id].value;
  return field == kLiveness ? isDeletion(made) == isDeletion(value) : store::sameValue(made, value);
}

void ReferenceModel::edited(std::size_t device, std::vector<sync::FieldWrite> writes,
                            clock::Hlc clockBefore, clock::Hlc clockAfter)
{
  DeviceState& d = m_devices.at(device);
  std::stable_sort(writes.begin(), writes.end(),
                   [](const auto& a, const auto& b) { return a.stamp < b.stamp; });
  for (const auto& w : writes) {
    // A new local stamp: this device's, after everything it had issued or received.
    if (w.stamp.device != d.id || w.stamp.hlc <= clockBefore || w.stamp.hlc > clockAfter ||
        w.stamp.hlc <= d.receivedHlc) {
      throw ModelMismatch(name(device) + " stamped its edit " + describe(w) +
                          ", which is not a new stamp of its own: its clock was " +
                          std::to_string(clockBefore) + " before the edit and " +
                          std::to_string(clockAfter) + " after, it had received stamps up to " +
                          std::to_string(d.receivedHlc) + ".");
    }
  }
  // One transaction per stamp.
  std::size_t i = 0;
  while (i < writes.size()) {
    std::vector<const sync::FieldWrite*> transaction;
    for (const sync::Stamp& stamp = writes[i].stamp; i < writes.size() && writes[i].stamp == stamp;
         ++i) {
      transaction.push_back(&writes[i]);
    }
    editTransaction(device, transaction);
  }
}

void ReferenceModel::editTransaction(std::size_t device,
                                     const std::vector<const sync::FieldWrite*>& writes)
{
  DeviceState& d = m_devices.at(device);
  const sync::Stamp& stamp = writes.front()->stamp;
  std::set<std::string> records;
  std::set<std::string> livenessWritten;
  for (const auto* w : writes) {
    records.insert(w->rowId);
    if (w->field == kLiveness) {
      livenessWritten.insert(w->rowId);
    }
  }
  for (const auto* w : writes) {
    FieldState& f = d.fields[{w->rowId, w->field}];
    if (!f.pending) {
      // Based on what the device had for the field before this transaction.
      f.base = w->field == kLiveness ? d.recordNewest[w->rowId] : f.newest;
    }
    f.table = w->table;
    f.written = true;
    f.value = w->value;
    f.stamp = stamp;
    f.pending = true;
    f.newest = std::max(f.newest, stamp);
    remember(device, *w);
  }
  for (const auto& rowId : records) {
    // The edit asserts "alive": a liveness still to be sent is now sent at this stamp.
    if (!livenessWritten.count(rowId)) {
      const auto it = d.fields.find({rowId, kLiveness});
      if (it != d.fields.end() && it->second.pending) {
        it->second.stamp = stamp;
        it->second.newest = std::max(it->second.newest, stamp);
        remember(device, {it->second.table, rowId, kLiveness, it->second.value, stamp, {}});
      }
    }
    d.recordNewest[rowId] = std::max(d.recordNewest[rowId], stamp);
  }
}

void ReferenceModel::checkPendingWrite(const DeviceState& d, const sync::FieldWrite& w,
                                       const std::string& who) const
{
  const auto it = d.fields.find({w.rowId, w.field});
  if (it == d.fields.end() || !it->second.pending) {
    throw ModelMismatch(who + " sends " + describe(w) +
                        ", which it has no reason to send: no edit of that field is pending "
                        "there (already acknowledged, superseded by a newer write, or never "
                        "made on this device).");
  }
  const FieldState& f = it->second;
  if (w.table != f.table || !store::sameValue(w.value, f.value) || w.stamp != f.stamp ||
      w.base != f.base) {
    const sync::FieldWrite expected{f.table, w.rowId, w.field, f.value, f.stamp, f.base};
    throw ModelMismatch(who + " sends " + describe(w) + " but its pending edit of that field is " +
                        describe(expected) + ".");
  }
}

void ReferenceModel::sending(std::size_t device, const sync::PushRequest& request)
{
  DeviceState& d = m_devices.at(device);
  const std::string who = name(device) + " (batch " + std::to_string(request.batch) + ")";
  if (d.restampExpected) {
    throw ModelMismatch(who + ": the scenario did not read the stamps re-stamped after a "
                              "clock refusal before the next push.");
  }
  if (d.inflight) {
    if (request.batch != d.inflight->batch) {
      throw ModelMismatch(
          who + " abandoned its batch in flight " + std::to_string(d.inflight->batch) + " (" +
          std::to_string(d.inflight->changes.size()) + " changes) without a reply to it.");
    }
    // The same writes, in any order (the wire groups them by record).
    const auto byField = [](const sync::FieldWrite& a, const sync::FieldWrite& b) {
      return std::tie(a.rowId, a.field) < std::tie(b.rowId, b.field);
    };
    auto sent = d.inflight->changes;
    auto again = request.changes;
    std::sort(sent.begin(), sent.end(), byField);
    std::sort(again.begin(), again.end(), byField);
    std::string difference;
    for (std::size_t i = 0; difference.empty() && i < sent.size(); ++i) {
      const auto& a = sent[i];
      if (i >= again.size()) {
        difference = describe(a) + " is missing";
        break;
      }
      const auto& b = again[i];
      if (a.table != b.table || a.rowId != b.rowId || a.field != b.field ||
          !store::sameValue(a.value, b.value) || a.stamp != b.stamp || a.base != b.base) {
        difference = describe(b) + " instead of " + describe(a);
      }
    }
    if (difference.empty() && again.size() > sent.size()) {
      difference = describe(again[sent.size()]) + " was added";
    }
    if (difference.empty() && request.conflicts.size() != d.inflight->conflicts.size()) {
      difference = "other reported conflicts";
    }
    if (!difference.empty()) {
      throw ModelMismatch(who + " sends its batch in flight again with other changes (" +
                          difference +
                          "): a batch the server may have applied must be resent "
                          "unchanged.");
    }
    return;
  }
  if (request.batch <= d.lastBatch) {
    throw ModelMismatch(who + " reuses a batch number: its last batch was " +
                        std::to_string(d.lastBatch) + ".");
  }
  if (request.changes.empty() && request.conflicts.empty()) {
    throw ModelMismatch(who + " sends an empty batch.");
  }
  // Reported conflicts: losses of this device's own writes to a write some device made.
  for (const auto& c : request.conflicts) {
    if (c.lostStamp.device != d.id) {
      throw ModelMismatch(who + " reports the loss of another device's write on " +
                          shortId(c.rowId) + "." + c.field + ".");
    }
  }
  if (const std::string problems = conflictProblems(who, request.conflicts); !problems.empty()) {
    throw ModelMismatch(who + " reports conflicts that are not real losses:\n" + problems);
  }
  std::set<Key> seen;
  for (const auto& w : request.changes) {
    if (!seen.insert({w.rowId, w.field}).second) {
      throw ModelMismatch(who + " sends the same field twice: " + describe(w) + ".");
    }
    checkPendingWrite(d, w, who);
  }
  d.inflight = request;
  d.lastBatch = request.batch;
}

void ReferenceModel::accepted(std::size_t device, const sync::PushRequest& request)
{
  DeviceState& d = m_devices.at(device);
  if (!d.inflight || d.inflight->batch != request.batch) {
    throw ModelMismatch(name(device) + " got a reply to batch " + std::to_string(request.batch) +
                        ", which is not its batch in flight.");
  }
  for (const auto& w : d.inflight->changes) {
    if (tooLarge(w.table, w.field, w.value)) {
      throw ModelMismatch(name(device) + " got batch " + std::to_string(request.batch) +
                          " accepted with " + describe(w) +
                          ", a text longer than the server takes.");
    }
    if (const auto id = writeAt({w.rowId, w.field}, w.stamp)) {
      m_writes[*id].sent = true; // the server applied it (perhaps before a reply was lost)
    }
    FieldState& f = d.fields.at({w.rowId, w.field});
    if (!f.pending) {
      continue; // superseded meanwhile
    }
    if (f.stamp == w.stamp) {
      f.pending = false;
    } else {
      f.base = w.stamp; // edited again since: based on the version now on the server
    }
  }
  d.inflight.reset();
}

void ReferenceModel::refused(std::size_t device, bool clockAhead)
{
  DeviceState& d = m_devices.at(device);
  d.inflight.reset(); // never applied: the device may build another batch
  if (clockAhead) {   // from re-stamped edits
    d.restampExpected = true;
    d.restamps.clear();
  }
}

std::vector<ReferenceModel::Key> ReferenceModel::pendingKeys(std::size_t device) const
{
  std::vector<Key> keys;
  for (const auto& [key, f] : m_devices.at(device).fields) {
    if (f.pending) {
      keys.push_back(key);
    }
  }
  return keys;
}

void ReferenceModel::checkRestamp(DeviceState& d, const Key& key, const sync::Stamp& old,
                                  const sync::Stamp& stamp) const
{
  std::string wrong;
  if (stamp.device != d.id) {
    wrong = "it is not this device's";
  } else if (!(stamp < old)) {
    wrong = "it is not lower than the refused one";
  } else if (stamp.hlc <= d.receivedHlc) {
    wrong = "it is not above the stamps the device received (up to " +
            std::to_string(d.receivedHlc) + ")";
  } else if (const auto it = d.restamps.find(old); it != d.restamps.end() && it->second != stamp) {
    wrong = "the other fields of its transaction got " + stampText(it->second);
  } else {
    for (const auto& [otherOld, otherNew] : d.restamps) {
      if ((otherOld < old) != (otherNew < stamp)) {
        wrong = "it reorders the device's edits: " + stampText(otherOld) + " became " +
                stampText(otherNew);
        break;
      }
    }
  }
  if (!wrong.empty()) {
    throw ModelMismatch("After a clock refusal, the device re-stamped its pending edit of " +
                        shortId(key.first) + "." + key.second + " from " + stampText(old) + " to " +
                        stampText(stamp) + ", but " + wrong + ".");
  }
  d.restamps.emplace(old, stamp);
}

void ReferenceModel::restamped(std::size_t device, const std::map<Key, sync::Stamp>& stamps)
{
  DeviceState& d = m_devices.at(device);
  for (auto& [key, f] : d.fields) {
    if (!f.pending) {
      continue;
    }
    const auto it = stamps.find(key);
    if (it == stamps.end()) {
      throw ModelMismatch(name(device) + " has no version of " + shortId(key.first) + "." +
                          key.second + " any more after re-stamping, though its edit is pending.");
    }
    if (it->second != f.stamp) {
      checkRestamp(d, key, f.stamp, it->second);
    }
  }
  // The device's versions at a refused stamp now carry the new one.
  for (auto& [key, f] : d.fields) {
    if (const auto it = d.restamps.find(f.stamp); f.pending && it != d.restamps.end()) {
      if (const auto id = writeAt(key, f.stamp)) {
        m_writes[*id].stamp = it->second;
        m_writeAt[key][it->second] = *id;
      }
      m_recordStamps[key.first].insert(it->second);
      f.stamp = it->second;
    }
    if (const auto it = d.restamps.find(f.newest); it != d.restamps.end()) {
      f.newest = it->second;
    }
  }
  for (auto& [rowId, newest] : d.recordNewest) {
    if (const auto it = d.restamps.find(newest); it != d.restamps.end()) {
      newest = it->second;
    }
  }
  d.restampExpected = false;
}

void ReferenceModel::received(std::size_t device, const sync::PullPage& page)
{
  DeviceState& d = m_devices.at(device);
  for (const auto& w : page.changes) {
    if (!made(w.rowId, w.field, w.value, w.stamp)) {
      throw ModelMismatch(name(device) + " received " + describe(w) + ", which no device wrote.");
    }
    d.receivedHlc = std::max(d.receivedHlc, w.stamp.hlc);
    const Key key{w.rowId, w.field};
    FieldState& f = d.fields[key];
    if (f.newest < w.stamp) { // it wins here: the device has had it
      if (const auto id = writeAt(key, w.stamp)) {
        d.had[key].insert(*id);
      }
    }
    if (f.table.empty()) {
      f.table = w.table;
    }
    // A greater stamp supersedes the pending write: it is not sent.
    if (f.pending && f.stamp < w.stamp) {
      f.pending = false;
      if (const auto id = writeAt(key, f.stamp)) {
        m_writes[*id].superseded = true;
      }
    }
    f.newest = std::max(f.newest, w.stamp);
    if (w.field != kLiveness) { // it asserts "alive" at its stamp
      const auto liveness = d.fields.find({w.rowId, kLiveness});
      if (liveness != d.fields.end() && liveness->second.pending &&
          liveness->second.stamp < w.stamp) {
        liveness->second.pending = false;
      }
    }
    d.recordNewest[w.rowId] = std::max(d.recordNewest[w.rowId], w.stamp);
  }
}

std::vector<sync::FieldWrite> ReferenceModel::pending(std::size_t device) const
{
  const std::set<std::string> held = heldRows(m_devices.at(device));
  std::vector<sync::FieldWrite> writes;
  for (const auto& [key, f] : m_devices.at(device).fields) {
    if (f.pending && !held.count(key.first)) {
      writes.push_back({f.table, key.first, key.second, f.value, f.stamp, f.base});
    }
  }
  return writes;
}

std::string ReferenceModel::conflictProblems(const std::string& where,
                                             const std::vector<sync::Conflict>& conflicts) const
{
  std::string problems;
  for (const auto& c : conflicts) {
    const std::string what = where + "'s conflict " + c.table + " " + shortId(c.rowId) + "." +
                             c.field + " (lost " + valueText(c.lostValue) + " at " +
                             stampText(c.lostStamp) + ", won " + valueText(c.wonValue) + " at " +
                             stampText(c.wonStamp) + ")";
    const bool sameValues = c.field == kLiveness ? isDeletion(c.lostValue) == isDeletion(c.wonValue)
                                                 : store::sameValue(c.lostValue, c.wonValue);
    if (!made(c.rowId, c.field, c.lostValue, c.lostStamp)) {
      problems += what + ": no device wrote the lost value.\n";
    } else if (!made(c.rowId, c.field, c.wonValue, c.wonStamp)) {
      problems += what + ": no device wrote the winning value.\n";
    } else if (!(c.lostStamp < c.wonStamp)) {
      problems += what + ": the lost write is not older than the winner.\n";
    } else if (sameValues) {
      problems += what + ": both have the same value, nothing was lost.\n";
    }
  }
  return problems;
}

ReferenceModel::Losses
ReferenceModel::losses(const std::vector<sync::Conflict>& server,
                       const std::vector<std::vector<sync::Conflict>>& devices) const
{
  using Loss = std::tuple<std::string, std::string, sync::Stamp>; // row, field, lost stamp
  const auto losses = [](const std::vector<sync::Conflict>& list) {
    std::set<Loss> set;
    for (const auto& c : list) {
      set.emplace(c.rowId, c.field, c.lostStamp);
    }
    return set;
  };
  const std::set<Loss> onServer = losses(server);
  Losses result;
  for (const auto& [key, byStamp] : m_writeAt) {
    if (key.second == kLiveness) {
      continue;
    }
    // The writes that reached the server or lost on their device, in stamp order, each once.
    std::vector<std::size_t> writes;
    for (const auto& [stamp, id] : byStamp) {
      if (m_writes[id].stamp == stamp && (m_writes[id].sent || m_writes[id].superseded)) {
        writes.push_back(id);
      }
    }
    for (std::size_t i = 0; i < writes.size(); ++i) {
      const Write& x = m_writes[writes[i]];
      // Overwritten only by writes made without it, all with other values.
      bool overwritten = false;
      bool unknowingly = true;
      for (std::size_t j = i + 1; unknowingly && j < writes.size(); ++j) {
        const Write& w = m_writes[writes[j]];
        if (!w.sent) {
          continue;
        }
        overwritten = true;
        unknowingly = !w.known.count(writes[i]) && !store::sameValue(w.value, x.value);
      }
      if (!overwritten || !unknowingly || onServer.count({key.first, key.second, x.stamp})) {
        continue;
      }
      // A pending edit that lost on its own device before it was sent counts too: its device
      // reports it, and the server's list must hold it like any other.
      const bool onDevice = losses(devices.at(x.device)).count({key.first, key.second, x.stamp});
      const Write& next = m_writes[writes.back()];
      result.unlisted += "The value " + valueText(x.value) + " that " + name(x.device) +
                         " wrote to " + shortId(key.first) + "." + key.second + " at " +
                         stampText(x.stamp) + " was overwritten without being known (last by " +
                         valueText(next.value) + " from " + name(next.device) + " at " +
                         stampText(next.stamp) + "), but is not in the server's conflict list" +
                         (onDevice ? " (only in that device's own list)" : "") + ".\n";
    }
  }
  return result;
}

std::size_t ReferenceModel::size() const
{
  std::size_t total = 0;
  for (const auto& d : m_devices) {
    for (const auto& [key, f] : d.fields) {
      total += f.written ? 1 : 0;
    }
  }
  return total;
}

store::LiveData ReferenceModel::expected(std::optional<std::size_t> holder) const
{
  struct RecordState
  {
    std::string table;
    std::map<std::string, const FieldState*> fields; // the winning write of each field
    sync::Stamp livenessStamp;
    bool deleted = false;
    bool hasLiveness = false;

    // The most recent assertion wins; on equal stamps a deletion wins over "alive".
    void assertLiveness(const sync::Stamp& stamp, bool deletion)
    {
      if (!hasLiveness || livenessStamp < stamp || (stamp == livenessStamp && deletion)) {
        livenessStamp = stamp;
        deleted = deletion;
        hasLiveness = true;
      }
    }
  };
  std::map<std::string, RecordState> records;
  for (std::size_t i = 0; i < m_devices.size(); ++i) {
    const DeviceState& d = m_devices[i];
    // What a device holds back reaches no one else.
    const std::set<std::string> held = i == holder ? std::set<std::string>{} : heldRows(d);
    for (const auto& [key, f] : d.fields) {
      if (!f.written) {
        continue; // only received
      }
      if (f.pending && held.count(key.first)) {
        continue;
      }
      const auto& [rowId, field] = key;
      RecordState& record = records[rowId];
      record.table = f.table;
      if (field == kLiveness) {
        record.assertLiveness(f.stamp, isDeletion(f.value));
        continue;
      }
      const FieldState*& winner = record.fields[field];
      if (!winner || winner->stamp < f.stamp) {
        winner = &f;
      }
      record.assertLiveness(f.stamp, false); // every edit asserts "alive" at its stamp
    }
  }

  store::LiveData data;
  for (const auto& table : store::syncedTables()) {
    data[table.exportName]; // every table, even without rows
  }
  for (const auto& [rowId, record] : records) {
    const store::TableDef* table = store::findTable(record.table);
    if (!table || record.deleted) {
      continue;
    }
    store::Row live;
    live.id = rowId;
    for (const auto& f : table->fields) {
      const auto it = record.fields.find(f.name);
      live.values[f.name] = it == record.fields.end() ? store::Value{} : it->second->value;
    }
    data[table->exportName].push_back(std::move(live)); // `records` is in id order
  }
  return data;
}

} // namespace pupitre::sim
