#include "reference_model.h"

#include "pupitre/store/schema.h"

namespace pupitre::sim {
namespace {

bool isDeletion(const store::Value& value)
{
  return store::toText(value) == "1";
}

} // namespace

void ReferenceModel::record(std::size_t device, const std::vector<sync::FieldWrite>& pending)
{
  auto& entries = m_devices.at(device);
  for (const auto& w : pending) {
    entries[{w.rowId, w.field}] = Entry{w.table, w.value, w.stamp};
  }
}

std::size_t ReferenceModel::size() const
{
  std::size_t total = 0;
  for (const auto& entries : m_devices) {
    total += entries.size();
  }
  return total;
}

store::LiveData ReferenceModel::expected() const
{
  struct RowState
  {
    std::string table;
    std::map<std::string, const Entry*> fields; // the winning write of each field
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
  std::map<std::string, RowState> rows;
  for (const auto& entries : m_devices) {
    for (const auto& [key, entry] : entries) {
      const auto& [rowId, field] = key;
      RowState& row = rows[rowId];
      row.table = entry.table;
      if (field == store::kDeletedField) {
        row.assertLiveness(entry.stamp, isDeletion(entry.value));
        continue;
      }
      const Entry*& winner = row.fields[field];
      if (!winner || winner->stamp < entry.stamp) {
        winner = &entry;
      }
      row.assertLiveness(entry.stamp, false); // every edit asserts "alive" at its stamp
    }
  }

  store::LiveData data;
  for (const auto& table : store::syncedTables()) {
    data[table.exportName]; // every table, even without rows
  }
  for (const auto& [rowId, row] : rows) {
    const store::TableDef* table = store::findTable(row.table);
    if (!table || row.deleted) {
      continue;
    }
    store::Row live;
    live.id = rowId;
    for (const auto& f : table->fields) {
      const auto it = row.fields.find(f.name);
      live.values[f.name] = it == row.fields.end() ? store::Value{} : it->second->value;
    }
    data[table->exportName].push_back(std::move(live)); // `rows` is in id order
  }
  return data;
}

} // namespace pupitre::sim
