#include "pupitre/sync/merge.h"

#include "pupitre/error.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/conflicts.h"

#include <algorithm>
#include <map>
#include <optional>

namespace pupitre::sync {
namespace {

using store::Value;

struct Version
{
  Stamp stamp;
  Stamp base;
  bool pending = false;
};

// Merges the writes of one row: decides in memory, then writes the row and its versions once.
class RowMerge
{
public:
  RowMerge(store::WriteTxn& txn, const store::TableDef& table, std::string rowId,
           MergeResult& result)
      : m_txn(txn), m_db(txn.db()), m_table(table), m_rowId(std::move(rowId)), m_result(result)
  {
    auto& query = m_db.statement("SELECT field, hlc, device, base_hlc, base_device, pending"
                                 " FROM field_version WHERE row_id = ?");
    query.bind(1, m_rowId);
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
    if (m_newValues.empty()) {
      return;
    }
    std::string columns = "id";
    std::string marks = "?";
    std::string updates;
    for (const auto& [field, value] : m_newValues) {
      columns += ", " + store::sqlName(field);
      marks += ", ?";
      updates += (updates.empty() ? "" : ", ") + store::sqlName(field) + " = excluded." +
                 store::sqlName(field);
    }
    auto& upsert = m_db.statement("INSERT INTO " + store::sqlName(m_table.name) + "(" + columns +
                                  ") VALUES (" + marks + ") ON CONFLICT(id) DO UPDATE SET " +
                                  updates);
    upsert.bind(1, m_rowId);
    int index = 2;
    for (const auto& [field, value] : m_newValues) {
      store::bindValue(upsert, index++, value);
    }
    upsert.exec();

    auto& version = m_db.statement(
        "INSERT INTO field_version(row_id, field, tbl, hlc, device, base_hlc, base_device, pending)"
        " VALUES (?, ?, ?, ?, ?, 0, '', 0) ON CONFLICT(row_id, field) DO UPDATE SET"
        " hlc = excluded.hlc, device = excluded.device, base_hlc = 0, base_device = '',"
        " pending = 0");
    for (const auto& [field, value] : m_newValues) {
      const Version& v = m_versions.at(field);
      version.reset();
      version.bind(1, m_rowId);
      version.bind(2, field);
      version.bind(3, m_table.name);
      version.bind(4, static_cast<std::int64_t>(v.stamp.hlc));
      version.bind(5, v.stamp.device);
      version.exec();
    }
    m_result.changedTables.insert(m_table.name);
  }

private:
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
      // The same version again (a value's stamp identifies it), except that on the
      // liveness field "deleted" wins a tie with "alive" asserted by an edit.
      const bool deletedWinsTie = field == store::kDeletedField && store::toText(value) == "1" &&
                                  store::toText(currentValue(field)) != "1";
      if (!deletedWinsTie) {
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
        if (recordConflict(m_txn, std::move(conflict))) {
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
  const store::TableDef& m_table;
  std::string m_rowId;
  MergeResult& m_result;
  std::map<std::string, Version> m_versions;
  std::map<std::string, Value> m_newValues;
  std::optional<store::Row> m_current;
};

} // namespace

MergeResult applyRemote(store::WriteTxn& txn, const std::vector<FieldWrite>& writes)
{
  std::vector<const FieldWrite*> order;
  order.reserve(writes.size());
  for (const auto& w : writes) {
    order.push_back(&w);
  }
  std::stable_sort(order.begin(), order.end(), [](const FieldWrite* a, const FieldWrite* b) {
    return a->rowId < b->rowId;
  });

  MergeResult result;
  std::size_t i = 0;
  while (i < order.size()) {
    const FieldWrite& first = *order[i];
    const store::TableDef* table = store::findTable(first.table);
    if (!table) {
      throw Error("Received a change to an unknown kind of record '" + first.table +
                  "'; this device may need a newer version of Pupitre.");
    }
    RowMerge row(txn, *table, first.rowId, result);
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
