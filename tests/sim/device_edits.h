#pragma once
// What a teacher's edit changed on a device, read from the records themselves: a snapshot of
// every synced record (deleted ones included) before the edit, another after, and the fields
// that differ — the field writes the reference model is told about. The device's change
// capture (field_version) gives only each write's stamp; which fields changed and their values
// never come from it, so a capture that misses a field, or an outbox that loses one, shows.
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"
#include "pupitre/sync/field_write.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pupitre::sim {

class RecordSnapshot
{
public:
  // Every record of every synced table, deleted ones included.
  explicit RecordSnapshot(store::Database& db);

  // The field writes that turned `before` into this snapshot: every field of a new record that
  // is not null and its liveness, every changed field of an existing one (liveness included),
  // each with the stamp `db` recorded for it. Throws std::runtime_error when a record vanished
  // or a changed field has no recorded version.
  std::vector<sync::FieldWrite> writesSince(const RecordSnapshot& before,
                                            store::Database& db) const;
  bool operator==(const RecordSnapshot& other) const;

private:
  struct Record
  {
    const store::TableDef* table = nullptr;
    store::Row row;
  };
  std::map<std::string, Record> m_records; // by id
};

// The stamps `db` recorded for these fields (row id, field); a field without a version is left
// out.
std::map<std::pair<std::string, std::string>, sync::Stamp>
recordedStamps(store::Database& db, const std::vector<std::pair<std::string, std::string>>& keys);

} // namespace pupitre::sim
