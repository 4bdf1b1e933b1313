#include "server/sync/push_applier.h"

#include "pupitre/store/schema.h"
#include "server/api_errors.h"
#include "server/sync/field_decision.h"

#include <algorithm>

namespace pupitre::server {
namespace {

const std::string kLiveness{store::kDeletedField};
const store::Value kAlive{std::int64_t{0}};

} // namespace

PushApplier::Order PushApplier::applyingOrder(const std::vector<sync::FieldWrite>& writes)
{
  // Row by row, and a row's explicit liveness first: a record restored from the conflict
  // list (alive again, and edited in the same transaction) is then not taken for an edit
  // that ignored the deletion.
  Order order;
  order.reserve(writes.size());
  for (const auto& w : writes) {
    order.push_back(&w);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const sync::FieldWrite* a, const sync::FieldWrite* b) {
                     if (const int c = a->rowId.compare(b->rowId); c != 0) {
                       return c < 0;
                     }
                     return a->field == kLiveness && b->field != kLiveness;
                   });
  return order;
}

std::vector<std::span<const sync::FieldWrite* const>>
PushApplier::inParts(const Order& order, std::size_t changesPerPart)
{
  std::vector<std::span<const sync::FieldWrite* const>> parts;
  const std::span<const sync::FieldWrite* const> all(order);
  std::size_t begin = 0;
  while (begin < all.size()) {
    std::size_t end = std::min(all.size(), begin + std::max<std::size_t>(changesPerPart, 1));
    while (end < all.size() && all[end]->rowId == all[end - 1]->rowId) {
      ++end; // a record's changes stay together
    }
    parts.push_back(all.subspan(begin, end - begin));
    begin = end;
  }
  if (parts.empty()) {
    parts.push_back(all);
  }
  return parts;
}

std::optional<sync::ApiError> PushApplier::checkRecords(const Order& order)
{
  for (const auto* w : order) {
    if (!tableMatches(*w)) {
      return api::recordKindMismatch(w->table, w->rowId);
    }
  }
  return std::nullopt;
}

std::optional<sync::ApiError> PushApplier::applyPart(std::span<const sync::FieldWrite* const> part,
                                                     sync::PushResult& result)
{
  for (const auto* w : part) {
    if (!tableMatches(*w)) {
      return api::recordKindMismatch(w->table, w->rowId);
    }
    applyWrite(*w, result);
  }
  return std::nullopt;
}

Outcome<sync::PushResult> PushApplier::apply(const std::vector<sync::FieldWrite>& writes)
{
  const Order order = applyingOrder(writes);
  sync::PushResult result;
  if (auto refusal = applyPart(order, result)) {
    return *refusal;
  }
  return result;
}

bool PushApplier::tableMatches(const sync::FieldWrite& w)
{
  auto it = m_rowTables.find(w.rowId);
  if (it == m_rowTables.end()) {
    // A row's versions all name its table: its liveness (read anyway) says which.
    const auto live = liveness(w.rowId);
    const auto known = live ? std::optional<std::string>(live->table) : m_store.rowTable(w.rowId);
    it = m_rowTables.emplace(w.rowId, known ? *known : w.table).first;
  }
  return it->second == w.table;
}

std::optional<StoredVersion> PushApplier::liveness(const std::string& rowId)
{
  auto it = m_liveness.find(rowId);
  if (it == m_liveness.end()) {
    it = m_liveness.emplace(rowId, m_store.version(rowId, kLiveness)).first;
  }
  return it->second;
}

std::optional<StoredVersion> PushApplier::current(const std::string& rowId,
                                                  const std::string& field)
{
  return field == kLiveness ? liveness(rowId) : m_store.version(rowId, field);
}

void PushApplier::put(const StoredVersion& v)
{
  m_store.putVersion(v);
  if (v.field == kLiveness) {
    m_liveness[v.rowId] = v;
  }
}

void PushApplier::applyWrite(const sync::FieldWrite& w, sync::PushResult& result)
{
  const bool liveness = w.field == kLiveness;
  const store::Value value = liveness ? normaliseLiveness(w.value) : w.value;
  const auto current = this->current(w.rowId, w.field);
  std::optional<CurrentVersion> compared;
  if (current) {
    compared = CurrentVersion{current->value, current->stamp};
  }
  const FieldDecision decision = decideField(compared, value, w.stamp, w.base, liveness);
  if (decision.repeat) {
    ++result.ignored; // already applied: it asserts nothing new either
    return;
  }
  // A write that meets a value erased by the retention sweep records no conflict: the
  // conflict list must not bring the erased record's values back (docs/sync-protocol.md).
  if (decision.conflict && !(current && isErased(*current))) {
    if (decision.incomingWins) {
      recordConflict(w, w.field, current->value, current->stamp, value, w.stamp, result);
    } else {
      recordConflict(w, w.field, value, w.stamp, current->value, current->stamp, result);
    }
  }
  if (decision.incomingWins) {
    put({w.table, w.rowId, w.field, value, w.stamp, w.base, m_store.nextSeq()});
    ++result.applied;
  } else {
    ++result.ignored;
  }
  if (!liveness) {
    assertAlive(w, result); // a losing edit was still made on a living record
  }
}

// The row's liveness is the most recent of its explicit deletions/restorations and of all its
// field writes (each asserts "alive" at its stamp). Devices derive the same from the writes
// they pull, so a liveness that stays alive keeps its place in the pull order; one that
// turns alive again gets a new sequence number.
void PushApplier::assertAlive(const sync::FieldWrite& w, sync::PushResult& result)
{
  const auto current = liveness(w.rowId);
  if (!current) {
    put({w.table, w.rowId, kLiveness, kAlive, w.stamp, {}, 0});
    return;
  }
  if (current->stamp == w.stamp) {
    return; // equal stamps: a deletion in the same transaction wins
  }
  const bool deleted = isDeleted(current->value);
  const bool otherDevice = current->stamp.device != w.stamp.device;
  if (current->stamp < w.stamp) {
    if (deleted && otherDevice) {
      // An edit made after, and without knowing of, a deletion on another device.
      recordConflict(w, kLiveness, current->value, current->stamp, kAlive, w.stamp, result);
    }
    put({w.table,
         w.rowId,
         kLiveness,
         kAlive,
         w.stamp,
         {},
         deleted ? m_store.nextSeq() : current->seq});
  } else if (deleted && otherDevice && current->base < w.stamp) {
    // An edit made before a deletion on another device that did not know of it (the
    // deletion was made on top of an older liveness).
    recordConflict(w, kLiveness, kAlive, w.stamp, current->value, current->stamp, result);
  }
}

void PushApplier::applyReports(const std::vector<sync::Conflict>& reports, sync::PushResult& result)
{
  for (const auto& c : reports) {
    const auto current = this->current(c.rowId, c.field);
    const auto table = m_store.rowTable(c.rowId);
    if (!current || current->stamp < c.wonStamp || isErased(*current) || !table ||
        *table != c.table) {
      continue; // a winner this server never had, or a record erased or filed otherwise
    }
    const bool liveness = c.field == kLiveness;
    const store::Value lost = liveness ? normaliseLiveness(c.lostValue) : c.lostValue;
    const store::Value won = liveness ? normaliseLiveness(c.wonValue) : c.wonValue;
    if (store::sameValue(lost, won)) {
      continue; // nothing was lost
    }
    sync::FieldWrite at;
    at.table = c.table;
    at.rowId = c.rowId;
    recordConflict(at, c.field, lost, c.lostStamp, won, c.wonStamp, result);
  }
}

bool PushApplier::isErased(const StoredVersion& v)
{
  if (!store::isNull(v.value) || v.field == kLiveness) {
    return false;
  }
  const auto live = liveness(v.rowId);
  return live && isDeleted(live->value) && live->stamp == v.stamp;
}

void PushApplier::recordConflict(const sync::FieldWrite& w, const std::string& field,
                                 const store::Value& lostValue, const sync::Stamp& lostStamp,
                                 const store::Value& wonValue, const sync::Stamp& wonStamp,
                                 sync::PushResult& result)
{
  sync::Conflict c;
  c.id = sync::conflictId(w.rowId, field, lostStamp);
  c.table = w.table;
  c.rowId = w.rowId;
  c.field = field;
  c.lostValue = lostValue;
  c.lostStamp = lostStamp;
  c.wonValue = wonValue;
  c.wonStamp = wonStamp;
  if (m_store.addConflict(c)) {
    ++result.conflicts;
  }
}

} // namespace pupitre::server
