#include "pupitre/sync/merge.h"

#include "pupitre/error.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/conflicts.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>

namespace pupitre::sync {
namespace {

using store::Value;

struct Version
{
  Stamp stamp;
  Stamp base;
  bool pending = false;
};

// The statements of one applyRemote call, looked up in the database's cache once per call
// rather than once per row (building their SQL text for every row took nearly a tenth of the
// merge's instructions). Each is reset here and fully rebound by its user before it runs.
class MergeStatements
{
public:
  explicit MergeStatements(store::Database& db) : m_db(db) {}

  SQLite::Statement& versionsOf()
  {
    if (!m_versionsOf) {
      m_versionsOf = &m_db.statement("SELECT field, hlc, device, base_hlc, base_device, pending"
                                     " FROM field_version WHERE row_id = ?");
    }
    m_versionsOf->reset();
    return *m_versionsOf;
  }

  // Writes the row `id` of `table` with the given fields (ordered by name; `mask` has bit i
  // for the table's field i and the bit after them for "deleted"): ?1 is the id, then the
  // fields' values in that order.
  SQLite::Statement& upsertRow(const store::TableDef& table, std::uint32_t mask,
                               const std::map<std::string, Value>& fields)
  {
    SQLite::Statement*& slot = m_rows[{&table, mask}];
    if (!slot) {
      std::string columns = "id";
      std::string marks = "?";
      std::string updates;
      for (const auto& [field, value] : fields) {
        columns += ", " + store::sqlName(field);
        marks += ", ?";
        updates += (updates.empty() ? "" : ", ") + store::sqlName(field) + " = excluded." +
                   store::sqlName(field);
      }
      slot = &m_db.statement("INSERT INTO " + store::sqlName(table.name) + "(" + columns +
                             ") VALUES (" + marks + ") ON CONFLICT(id) DO UPDATE SET " + updates);
    }
    slot->reset();
    return *slot;
  }

  // Records `count` field versions of one row, as synchronised (not pending) with no base:
  // ?1 is the row id, ?2 its table, then (field, hlc, device) for each version.
  SQLite::Statement& upsertVersions(std::size_t count)
  {
    if (m_versions.size() <= count) {
      m_versions.resize(count + 1, nullptr);
    }
    SQLite::Statement*& slot = m_versions[count];
    if (!slot) {
      std::string values;
      for (std::size_t i = 0; i < count; ++i) {
        const std::size_t p = 3 + 3 * i;
        values += (i == 0 ? "" : ", ") +
                  ("(?1, ?" + std::to_string(p) + ", ?2, ?" + std::to_string(p + 1) + ", ?" +
                   std::to_string(p + 2) + ", 0, '', 0)");
      }
      slot = &m_db.statement(
          "INSERT INTO field_version(row_id, field, tbl, hlc, device, base_hlc, base_device,"
          " pending) VALUES " +
          values +
          " ON CONFLICT(row_id, field) DO UPDATE SET hlc = excluded.hlc,"
          " device = excluded.device, base_hlc = 0, base_device = '', pending = 0");
    }
    slot->reset();
    return *slot;
  }

private:
  store::Database& m_db;
  SQLite::Statement* m_versionsOf = nullptr;
  std::map<std::pair<const store::TableDef*, std::uint32_t>, SQLite::Statement*> m_rows;
  std::vector<SQLite::Statement*> m_versions; // by number of versions written at once
};

// Binds without copying: every text bound in this file outlives the statement's execution,
// and a statement is always rebound before it runs again (Database::statement() clears the
// bindings for any other user).
void bindValueNoCopy(SQLite::Statement& statement, int index, const Value& value)
{
  if (const auto* s = std::get_if<std::string>(&value)) {
    statement.bindNoCopy(index, *s);
  } else {
    store::bindValue(statement, index, value);
  }
}

// Merges the writes of one row: decides in memory, then writes the row and its versions once.
class RowMerge
{
public:
  RowMerge(store::WriteTxn& txn, MergeStatements& statements, const store::TableDef& table,
           std::string rowId, MergeResult& result)
      : m_txn(txn), m_db(txn.db()), m_statements(statements), m_table(table),
        m_rowId(std::move(rowId)), m_result(result)
  {
    auto& query = m_statements.versionsOf();
    query.bindNoCopy(1, m_rowId);
    while (query.executeStep()) {
      Version v;
      v.stamp = {static_cast<clock::Hlc>(query.getColumn(1).getInt64()),
                 query.getColumn(2).getString()};
      v.base = {static_cast<clock::Hlc>(query.getColumn(3).getInt64()),
                query.getColumn(4).getString()};
      v.pending = query.getColumn(5).getInt() != 0;
      m_versions.emplace(query.getColumn(0).getString(), std::move(v));
    }
    query.reset();
  }

  void apply(const FieldWrite& w)
  {
    m_txn.observe(w.stamp.hlc);
    if (w.field != store::kDeletedField && store::isNull(w.value)) {
      m_nullStamps.push_back(w.stamp);
    }
    if (w.field == store::kDeletedField) {
      const bool deleted = store::toText(w.value) == "1";
      applyLiveness(Value{std::int64_t{deleted ? 1 : 0}}, w.stamp, w.base, true);
      return;
    }
    if (!m_table.field(w.field)) {
      throw Error("Received a change to an unknown field '" + m_table.name + "." + w.field +
                  "'; this device may need a newer version of Pupitre.");
    }
    applyValue(w.field, w.value, w.stamp, w.base, true);
    // Every edit also asserts that the row is alive at its stamp.
    applyLiveness(Value{std::int64_t{0}}, w.stamp, {}, false);
  }

  void write()
  {
    forgetErasedConflicts();
    if (m_newValues.empty()) {
      return;
    }
    std::uint32_t mask = 0;
    for (const auto& [field, value] : m_newValues) {
      mask |= std::uint32_t{1} << fieldIndex(field);
    }
    auto& upsert = m_statements.upsertRow(m_table, mask, m_newValues);
    upsert.bindNoCopy(1, m_rowId);
    int index = 2;
    for (const auto& [field, value] : m_newValues) {
      bindValueNoCopy(upsert, index++, value);
    }
    upsert.exec();

    // All the row's versions in one statement.
    auto& versions = m_statements.upsertVersions(m_newValues.size());
    versions.bindNoCopy(1, m_rowId);
    versions.bindNoCopy(2, m_table.name);
    index = 3;
    for (const auto& [field, value] : m_newValues) {
      const Version& v = m_versions.at(field);
      versions.bindNoCopy(index++, field);
      versions.bind(index++, static_cast<std::int64_t>(v.stamp.hlc));
      versions.bindNoCopy(index++, v.stamp.device);
    }
    versions.exec();
    m_result.changedTables.insert(m_table.name);
  }

private:
  // The retention sweep erases a deleted row's values by writing null at the deletion's
  // stamp (docs/sync-protocol.md, "Retention"). When such an erasure arrives, the row's
  // conflict-list entries go too, so that they do not keep the erased values.
  void forgetErasedConflicts()
  {
    const auto liveness = m_versions.find(std::string(store::kDeletedField));
    if (m_nullStamps.empty() || liveness == m_versions.end() ||
        store::toText(currentValue(std::string(store::kDeletedField))) != "1") {
      return;
    }
    if (std::find(m_nullStamps.begin(), m_nullStamps.end(), liveness->second.stamp) ==
        m_nullStamps.end()) {
      return;
    }
    auto& forget = m_db.statement("DELETE FROM conflict WHERE row_id = ?");
    forget.bind(1, m_rowId);
    forget.exec();
  }

  // The order of two values with identical stamps: on value fields an erasure (null) wins,
  // otherwise the greater value (store::compareValues). A total order, so every replica keeps
  // the same value whatever the order of arrival.
  static int tieOrder(const std::string& field, const Value& a, const Value& b)
  {
    if (field != store::kDeletedField && store::isNull(a) != store::isNull(b)) {
      return store::isNull(a) ? 1 : -1;
    }
    return store::compareValues(a, b);
  }

  // The bit of `field` in upsertRow's mask: its place in the table, or just after the fields
  // for "deleted".
  int fieldIndex(const std::string& field) const
  {
    for (std::size_t i = 0; i < m_table.fields.size(); ++i) {
      if (m_table.fields[i].name == field) {
        return static_cast<int>(i);
      }
    }
    return static_cast<int>(m_table.fields.size());
  }

  // A local pending write and an incoming one are concurrent when neither was made knowing
  // the other: the incoming one is newer than what the local edit was based on, and was not
  // itself based on the local edit (which may have reached the server already).
  bool concurrent(const Version& local, const Stamp& stamp, const Stamp& base) const
  {
    return local.pending && stamp.device != m_db.deviceId() && local.base < stamp &&
           base != local.stamp;
  }

  const Value& currentValue(const std::string& field)
  {
    if (const auto it = m_newValues.find(field); it != m_newValues.end()) {
      return it->second;
    }
    if (!m_current) {
      m_current = store::findRow(m_db, m_table, m_rowId);
      if (!m_current) {
        m_current = store::Row{};
      }
      m_current->values[std::string(store::kDeletedField)] =
          Value{std::int64_t{m_current->deleted ? 1 : 0}};
    }
    return (*m_current)[field];
  }

  void applyValue(const std::string& field, const Value& value, const Stamp& stamp,
                  const Stamp& base, bool counted)
  {
    const auto it = m_versions.find(field);
    if (it != m_versions.end() && it->second.stamp == stamp) {
      // Usually the same version again (a value's stamp identifies it). When another value
      // comes with an identical stamp, tieOrder decides, so that every replica keeps the same
      // one whatever the order of arrival: on the liveness field "deleted" (1) wins the tie
      // with the "alive" (0) an edit asserts; on a value field the retention's erasure (null
      // at the deletion's stamp) wins over a value written in the deleting transaction.
      if (tieOrder(field, value, currentValue(field)) <= 0) {
        m_result.ignored += counted ? 1 : 0;
        return;
      }
    }
    const bool incomingWins = it == m_versions.end() || !(stamp < it->second.stamp);
    if (it != m_versions.end() && concurrent(it->second, stamp, base)) {
      const Value& local = currentValue(field);
      if (!store::sameValue(local, value)) {
        Conflict conflict;
        conflict.table = m_table.name;
        conflict.rowId = m_rowId;
        conflict.field = field;
        conflict.lostValue = incomingWins ? local : value;
        conflict.lostStamp = incomingWins ? it->second.stamp : stamp;
        conflict.wonValue = incomingWins ? value : local;
        conflict.wonStamp = incomingWins ? stamp : it->second.stamp;
        // This device's pending edit lost before it was sent: the server cannot know of it,
        // so the next push reports the entry.
        if (recordConflict(m_txn, std::move(conflict), incomingWins)) {
          ++m_result.conflicts;
        }
      }
    }
    if (!incomingWins) {
      m_result.ignored += counted ? 1 : 0;
      return;
    }
    m_newValues[field] = value;
    m_versions[field] = Version{stamp, {}, false};
    m_result.applied += counted ? 1 : 0;
  }

  void applyLiveness(const Value& value, const Stamp& stamp, const Stamp& base, bool explicitWrite)
  {
    applyValue(std::string(store::kDeletedField), value, stamp, base, explicitWrite);
  }

  store::WriteTxn& m_txn;
  store::Database& m_db;
  MergeStatements& m_statements;
  const store::TableDef& m_table;
  std::string m_rowId;
  MergeResult& m_result;
  std::map<std::string, Version> m_versions;
  std::map<std::string, Value> m_newValues;
  std::optional<store::Row> m_current;
  std::vector<Stamp> m_nullStamps; // stamps of the incoming writes of null to value fields
};

} // namespace

MergeResult applyRemote(store::WriteTxn& txn, const std::vector<FieldWrite>& writes)
{
  std::vector<const FieldWrite*> order;
  order.reserve(writes.size());
  for (const auto& w : writes) {
    order.push_back(&w);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const FieldWrite* a, const FieldWrite* b) { return a->rowId < b->rowId; });

  MergeResult result;
  MergeStatements statements(txn.db());
  std::size_t i = 0;
  while (i < order.size()) {
    const FieldWrite& first = *order[i];
    const store::TableDef* table = store::findTable(first.table);
    if (!table) {
      throw Error("Received a change to an unknown kind of record '" + first.table +
                  "'; this device may need a newer version of Pupitre.");
    }
    RowMerge row(txn, statements, *table, first.rowId, result);
    for (; i < order.size() && order[i]->rowId == first.rowId; ++i) {
      if (order[i]->table != first.table) {
        throw Error("Received changes that file record " + first.rowId +
                    " under two different kinds of record.");
      }
      row.apply(*order[i]);
    }
    row.write();
  }
  return result;
}

MergeResult applyRemote(store::Database& db, const std::vector<FieldWrite>& writes)
{
  store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
  MergeResult result = applyRemote(txn, writes);
  txn.commit();
  return result;
}

} // namespace pupitre::sync
