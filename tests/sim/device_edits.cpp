#include "device_edits.h"

#include <optional>
#include <stdexcept>

namespace pupitre::sim {
namespace {

const std::string kLiveness{store::kDeletedField};

store::Value liveness(const store::Row& row)
{
  return store::Value{std::int64_t{row.deleted ? 1 : 0}};
}

std::optional<sync::Stamp> findStamp(store::Database& db, const std::string& rowId,
                                     const std::string& field)
{
  auto& query =
      db.statement("SELECT hlc, device FROM field_version WHERE row_id = ? AND field = ?");
  query.bind(1, rowId);
  query.bind(2, field);
  std::optional<sync::Stamp> stamp;
  if (query.executeStep()) {
    stamp = sync::Stamp{static_cast<clock::Hlc>(query.getColumn(0).getInt64()),
                        query.getColumn(1).getString()};
  }
  query.reset();
  return stamp;
}

// The version the device recorded for the field: its stamp.
sync::Stamp recordedStamp(store::Database& db, const sync::FieldWrite& w)
{
  const auto stamp = findStamp(db, w.rowId, w.field);
  if (!stamp) {
    throw std::runtime_error("The edit changed " + w.table + " " + w.rowId + "." + w.field +
                             " to " + store::toText(w.value) +
                             ", but the device recorded no version of that field: its change "
                             "capture missed the edit.");
  }
  return *stamp;
}

} // namespace

RecordSnapshot::RecordSnapshot(store::Database& db)
{
  for (const auto& table : store::syncedTables()) {
    for (auto& row : store::selectRows(db, table, {}, {}, "id", true)) {
      std::string id = row.id;
      m_records.emplace(std::move(id), Record{&table, std::move(row)});
    }
  }
}

bool RecordSnapshot::operator==(const RecordSnapshot& other) const
{
  if (m_records.size() != other.m_records.size()) {
    return false;
  }
  for (const auto& [id, record] : m_records) {
    const auto it = other.m_records.find(id);
    if (it == other.m_records.end() || it->second.table != record.table ||
        it->second.row.deleted != record.row.deleted) {
      return false;
    }
    for (const auto& [field, value] : record.row.values) {
      if (!store::sameValue(value, it->second.row[field])) {
        return false;
      }
    }
  }
  return true;
}

std::vector<sync::FieldWrite> RecordSnapshot::writesSince(const RecordSnapshot& before,
                                                          store::Database& db) const
{
  for (const auto& [id, record] : before.m_records) {
    if (!m_records.count(id)) {
      throw std::runtime_error("The edit removed " + record.table->name + " " + id +
                               ": synced records are only ever marked deleted.");
    }
  }
  std::vector<sync::FieldWrite> writes;
  for (const auto& [id, record] : m_records) {
    const std::string& table = record.table->name;
    const auto old = before.m_records.find(id);
    if (old == before.m_records.end()) {
      for (const auto& [field, value] : record.row.values) {
        if (!store::isNull(value)) {
          writes.push_back({table, id, field, value, {}, {}});
        }
      }
      writes.push_back({table, id, kLiveness, liveness(record.row), {}, {}});
      continue;
    }
    for (const auto& [field, value] : record.row.values) {
      if (!store::sameValue(value, old->second.row[field])) {
        writes.push_back({table, id, field, value, {}, {}});
      }
    }
    if (record.row.deleted != old->second.row.deleted) {
      writes.push_back({table, id, kLiveness, liveness(record.row), {}, {}});
    }
  }
  for (auto& w : writes) {
    w.stamp = recordedStamp(db, w);
  }
  return writes;
}

std::map<std::pair<std::string, std::string>, sync::Stamp>
recordedStamps(store::Database& db, const std::vector<std::pair<std::string, std::string>>& keys)
{
  std::map<std::pair<std::string, std::string>, sync::Stamp> stamps;
  for (const auto& key : keys) {
    if (auto stamp = findStamp(db, key.first, key.second)) {
      stamps.emplace(key, std::move(*stamp));
    }
  }
  return stamps;
}

} // namespace pupitre::sim
