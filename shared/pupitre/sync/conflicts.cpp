#include "pupitre/sync/conflicts.h"

#include "pupitre/error.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/uuid.h"

#include <SQLiteCpp/Statement.h>

#include <limits>
#include <utility>

namespace pupitre::sync {

std::string conflictId(const std::string& rowId, const std::string& field, const Stamp& lost)
{
  return nameUuid("conflict|" + rowId + "|" + field + "|" + std::to_string(lost.hlc) + "|" +
                  lost.device);
}

bool recordConflict(store::WriteTxn& txn, Conflict conflict, bool report)
{
  conflict.id = conflictId(conflict.rowId, conflict.field, conflict.lostStamp);
  auto& insert = txn.db().statement(
      "INSERT OR IGNORE INTO conflict(id, tbl, row_id, field, lost_value, lost_hlc, lost_device,"
      " won_value, won_hlc, won_device, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, conflict.id);
  insert.bind(2, conflict.table);
  insert.bind(3, conflict.rowId);
  insert.bind(4, conflict.field);
  store::bindValue(insert, 5, conflict.lostValue);
  insert.bind(6, static_cast<std::int64_t>(conflict.lostStamp.hlc));
  insert.bind(7, conflict.lostStamp.device);
  store::bindValue(insert, 8, conflict.wonValue);
  insert.bind(9, static_cast<std::int64_t>(conflict.wonStamp.hlc));
  insert.bind(10, conflict.wonStamp.device);
  insert.bind(11, report ? 1 : 0);
  return insert.exec() > 0;
}

namespace {

constexpr const char* kConflictColumns =
    "SELECT id, tbl, row_id, field, lost_value, lost_hlc, lost_device, won_value, won_hlc,"
    " won_device, restored FROM conflict";

std::vector<Conflict> readConflicts(SQLite::Statement& query, std::size_t limit)
{
  std::vector<Conflict> conflicts;
  while (conflicts.size() < limit && query.executeStep()) {
    Conflict c;
    c.id = query.getColumn(0).getString();
    c.table = query.getColumn(1).getString();
    c.rowId = query.getColumn(2).getString();
    c.field = query.getColumn(3).getString();
    c.lostValue = store::readValue(query.getColumn(4));
    c.lostStamp = {static_cast<clock::Hlc>(query.getColumn(5).getInt64()),
                   query.getColumn(6).getString()};
    c.wonValue = store::readValue(query.getColumn(7));
    c.wonStamp = {static_cast<clock::Hlc>(query.getColumn(8).getInt64()),
                  query.getColumn(9).getString()};
    c.restored = query.getColumn(10).getInt() != 0;
    conflicts.push_back(std::move(c));
  }
  query.reset();
  return conflicts;
}

} // namespace

std::vector<Conflict> listConflicts(store::Database& db, bool includeRestored)
{
  auto& query =
      db.statement(std::string(kConflictColumns) + (includeRestored ? "" : " WHERE restored = 0") +
                   " ORDER BY won_hlc DESC, id");
  return readConflicts(query, std::numeric_limits<std::size_t>::max());
}

std::vector<Conflict> conflictsToReport(store::Database& db, std::size_t limit)
{
  auto& query = db.statement(std::string(kConflictColumns) + " WHERE report = 1 ORDER BY id");
  return readConflicts(query, limit);
}

std::int64_t conflictsToReportCount(store::Database& db)
{
  auto& query = db.statement("SELECT count(*) FROM conflict WHERE report = 1");
  query.executeStep();
  const auto count = query.getColumn(0).getInt64();
  query.reset();
  return count;
}

void markReported(store::WriteTxn& txn, const std::vector<Conflict>& reported)
{
  auto& mark = txn.db().statement("UPDATE conflict SET report = 0 WHERE id = ?");
  for (const auto& c : reported) {
    mark.reset();
    mark.bind(1, c.id);
    mark.exec();
  }
}

namespace {

// The conflict `id` and the record it is about; NotFoundError when either is missing.
std::pair<Conflict, store::Row> conflictAndRow(store::Database& db, const std::string& id,
                                               const store::TableDef*& table)
{
  for (auto& c : listConflicts(db, true)) {
    if (c.id != id) {
      continue;
    }
    table = store::findTable(c.table);
    if (!table) {
      throw NotFoundError("Conflict " + id + " refers to an unknown kind of record.");
    }
    auto row = store::findRow(db, *table, c.rowId);
    if (!row) {
      throw NotFoundError("The record of conflict " + id + " is not on this device.");
    }
    return {std::move(c), std::move(*row)};
  }
  throw NotFoundError("No conflict with id " + id + ".");
}

void markRestored(store::WriteTxn& txn, const std::string& id, bool restored)
{
  auto& mark = txn.db().statement("UPDATE conflict SET restored = ? WHERE id = ?");
  mark.bind(1, restored ? 1 : 0);
  mark.bind(2, id);
  mark.exec();
}

} // namespace

Replaced restoreConflict(store::Database& db, const std::string& id)
{
  store::WriteTxn txn(db);
  const store::TableDef* table = nullptr;
  const auto [conflict, row] = conflictAndRow(db, id, table);
  Replaced replaced;
  replaced.deleted = row.deleted;
  if (conflict.field == store::kDeletedField) {
    // A record deleted again since holds the lost deletion already: nothing to put back.
    const bool deleted = store::toText(conflict.lostValue) == "1";
    if (row.deleted != deleted) {
      store::setDeleted(txn, *table, conflict.rowId, deleted);
    }
  } else {
    replaced.value = row[conflict.field];
    if (row.deleted) {
      store::setDeleted(txn, *table, conflict.rowId, false);
    }
    store::updateRow(txn, *table, conflict.rowId, {{conflict.field, conflict.lostValue}});
  }
  markRestored(txn, id, true);
  txn.commit();
  return replaced;
}

void unrestoreConflict(store::Database& db, const std::string& id, const Replaced& replaced)
{
  store::WriteTxn txn(db);
  const store::TableDef* table = nullptr;
  const auto [conflict, row] = conflictAndRow(db, id, table);
  if (conflict.field != store::kDeletedField) {
    store::updateRow(txn, *table, conflict.rowId, {{conflict.field, replaced.value}});
  }
  if (row.deleted != replaced.deleted) {
    store::setDeleted(txn, *table, conflict.rowId, replaced.deleted);
  }
  markRestored(txn, id, false);
  txn.commit();
}

} // namespace pupitre::sync
