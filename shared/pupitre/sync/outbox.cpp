#include "pupitre/sync/outbox.h"

#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/held_records.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <unordered_set>

namespace pupitre::sync {

namespace {

// A write alone in its group: {"t":…,"h":"…","d":0,"b":["…",0],"f":["…"],"rows":[["…",…]]}.
constexpr std::size_t kGroupBytes = 96;

// The length of `text` as a JSON string (store::jsonString).
std::size_t jsonLength(const std::string& text)
{
  std::size_t length = 2;
  for (const unsigned char c : text) {
    if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
      length += 2;
    } else {
      length += c < 0x20 ? 6 : 1;
    }
  }
  return length;
}

} // namespace

std::size_t wireBytesEstimate(const FieldWrite& w)
{
  const auto* text = std::get_if<std::string>(&w.value);
  const std::size_t value = text ? jsonLength(*text) : 32; // a number, null
  return kGroupBytes + w.table.size() + w.field.size() + w.rowId.size() + value;
}

std::vector<FieldWrite> pendingChanges(store::Database& db, std::size_t limit,
                                       std::size_t maxWireBytes, clock::Hlc firstUpTo,
                                       const std::vector<FieldWrite>& inFlight)
{
  // The batch in flight: its fields are left out, and the owed writes (which no edit made
  // during the push can join) are read from after its last owed one.
  std::unordered_set<std::string> skipped; // row id, NUL, field
  const FieldWrite* lastOwed = nullptr;
  const clock::Hlc upTo = std::min(firstUpTo, kAllStamps);
  const auto key = [](const FieldWrite& w) { return std::tie(w.table, w.rowId, w.field); };
  for (const auto& w : inFlight) {
    skipped.insert(w.rowId + '\0' + w.field);
    if (w.stamp.hlc <= upTo && (!lastOwed || key(*lastOwed) < key(w))) {
      lastOwed = &w;
    }
  }
  std::vector<FieldWrite> changes;
  // Two range scans of the pending index, each in the order of table, row and field and
  // stopping at the limit: the writes owed first, then the others. (One query ordered by
  // `hlc > firstUpTo` sorted every pending write at each batch: a first sync of a school
  // year, 33 batches of 10,000 out of 324,102, spent most of its time there.)
  for (const bool owed : {true, false}) {
    if (changes.size() >= limit) {
      break;
    }
    auto& query = db.statement(std::string("SELECT tbl, row_id, field, hlc, device, base_hlc,"
                                           " base_device FROM field_version f"
                                           " WHERE pending = 1 AND ") +
                               (owed ? "hlc <= ?1" : "hlc > ?1") +
                               " AND (tbl, row_id, field) > (?3, ?4, ?5) AND NOT " +
                               kHeldCondition + " ORDER BY tbl, row_id, field LIMIT ?2");
    query.bind(1, static_cast<std::int64_t>(upTo));
    const std::size_t left = limit - changes.size();
    const auto most = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    query.bind(2, left > most - skipped.size() ? std::int64_t{-1}
                                               : static_cast<std::int64_t>(left + skipped.size()));
    const bool after = owed && lastOwed;
    query.bind(3, after ? lastOwed->table : std::string());
    query.bind(4, after ? lastOwed->rowId : std::string());
    query.bind(5, after ? lastOwed->field : std::string());
    while (changes.size() < limit && query.executeStep()) {
      FieldWrite w;
      w.rowId = query.getColumn(1).getString();
      w.field = query.getColumn(2).getString();
      if (!skipped.empty() && skipped.contains(w.rowId + '\0' + w.field)) {
        continue;
      }
      w.table = query.getColumn(0).getString();
      w.stamp = {static_cast<clock::Hlc>(query.getColumn(3).getInt64()),
                 query.getColumn(4).getString()};
      w.base = {static_cast<clock::Hlc>(query.getColumn(5).getInt64()),
                query.getColumn(6).getString()};
      changes.push_back(std::move(w));
    }
    query.reset();
  }
  // Fill in the current values, reading each row once, until the budget is spent.
  std::optional<store::Row> row;
  std::size_t wireBytes = 0;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    auto& w = changes[i];
    const store::TableDef* table = store::findTable(w.table);
    if (!table) {
      continue;
    }
    if (!row || row->id != w.rowId) {
      row = store::findRow(db, *table, w.rowId);
    }
    if (!row) {
      continue;
    }
    w.value = w.field == store::kDeletedField ? store::Value{std::int64_t{row->deleted ? 1 : 0}}
                                              : (*row)[w.field];
    wireBytes += wireBytesEstimate(w);
    if (i > 0 && wireBytes > maxWireBytes) {
      changes.resize(i); // this write and the rest go in a later batch
      break;
    }
  }
  return changes;
}

std::int64_t pendingCount(store::Database& db)
{
  auto& query = db.statement("SELECT count(*) FROM field_version WHERE pending = 1");
  query.executeStep();
  const auto count = query.getColumn(0).getInt64();
  query.reset();
  return count;
}

bool pendingAtOrBefore(store::Database& db, clock::Hlc stamp)
{
  auto& query = db.statement(std::string("SELECT EXISTS (SELECT 1 FROM field_version f"
                                         " WHERE pending = 1 AND hlc <= ? AND NOT ") +
                             kHeldCondition + ")");
  query.bind(1, static_cast<std::int64_t>(std::min(stamp, kAllStamps)));
  query.executeStep();
  const bool found = query.getColumn(0).getInt() != 0;
  query.reset();
  return found;
}

void acknowledge(store::WriteTxn& txn, const std::vector<FieldWrite>& pushed)
{
  // Still the pushed version: no longer pending. Edited since: stays pending, and the pushed
  // version (now on the server) becomes the base of the newer edit.
  auto& update = txn.db().statement(
      "UPDATE field_version SET"
      " pending = CASE WHEN hlc = ?1 AND device = ?2 THEN 0 ELSE 1 END,"
      " base_hlc = CASE WHEN hlc = ?1 AND device = ?2 THEN base_hlc ELSE ?1 END,"
      " base_device = CASE WHEN hlc = ?1 AND device = ?2 THEN base_device ELSE ?2 END"
      " WHERE row_id = ?3 AND field = ?4 AND pending = 1");
  for (const auto& w : pushed) {
    update.reset();
    update.bind(1, static_cast<std::int64_t>(w.stamp.hlc));
    update.bind(2, w.stamp.device);
    update.bind(3, w.rowId);
    update.bind(4, w.field);
    update.exec();
  }
}

void acknowledge(store::Database& db, const std::vector<FieldWrite>& pushed)
{
  store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
  acknowledge(txn, pushed);
  txn.commit();
}

} // namespace pupitre::sync
