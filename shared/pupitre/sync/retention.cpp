#include "pupitre/sync/retention.h"

#include "pupitre/clock/hlc.h"
#include "pupitre/store/rows.h"
#include "pupitre/store/schema.h"
#include "pupitre/sync/merge.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <set>
#include <utility>

namespace pupitre::sync {
namespace {

// The fields that name a blob by its hash.
const std::vector<std::pair<std::string, std::string>> kBlobFields = {{"student", "picture"},
                                                                      {"resource", "blob_hash"}};

struct Tombstone
{
  std::string rowId;
  Stamp deletion;
};

// Rows of `table` deleted at a stamp before `before`.
std::vector<Tombstone> tombstonesBefore(store::Database& db, const store::TableDef& table,
                                        clock::Hlc before)
{
  SQLite::Statement query(db.sql(),
                          "SELECT v.row_id, v.hlc, v.device FROM field_version v"
                          " JOIN " +
                              store::sqlName(table.name) +
                              " t ON t.id = v.row_id"
                              " WHERE v.tbl = ? AND v.field = ? AND v.hlc < ? AND t.deleted = 1"
                              " ORDER BY v.row_id");
  query.bind(1, table.name);
  query.bind(2, std::string(store::kDeletedField));
  query.bind(3, static_cast<std::int64_t>(before));
  std::vector<Tombstone> found;
  while (query.executeStep()) {
    found.push_back(
        {query.getColumn(0).getString(),
         {static_cast<clock::Hlc>(query.getColumn(1).getInt64()), query.getColumn(2).getString()}});
  }
  return found;
}

bool blobNamed(store::Database& db, const std::string& hash)
{
  for (const auto& [table, field] : kBlobFields) {
    SQLite::Statement query(db.sql(), "SELECT 1 FROM " + store::sqlName(table) + " WHERE " +
                                          store::sqlName(field) + " = ? LIMIT 1");
    query.bind(1, hash);
    if (query.executeStep()) {
      return true;
    }
  }
  return false;
}

} // namespace

LocalPurge purgeDeletedValues(store::Database& db, std::int64_t deletedBeforeMs)
{
  LocalPurge result;
  if (deletedBeforeMs <= 0) {
    return result;
  }
  const clock::Hlc before = clock::makeHlc(static_cast<std::uint64_t>(deletedBeforeMs), 0);
  store::WriteTxn txn(db, store::WriteTxn::Kind::RemoteApply);
  std::vector<FieldWrite> erasure;
  std::set<std::string> erasedBlobs;
  for (const auto& table : store::syncedTables()) {
    for (const auto& tombstone : tombstonesBefore(db, table, before)) {
      const auto row = store::findRow(db, table, tombstone.rowId);
      SQLite::Statement versions(db.sql(), "SELECT field, hlc, device FROM field_version"
                                           " WHERE row_id = ? AND field <> ? ORDER BY field");
      versions.bind(1, tombstone.rowId);
      versions.bind(2, std::string(store::kDeletedField));
      std::int64_t fields = 0;
      while (versions.executeStep()) {
        const std::string field = versions.getColumn(0).getString();
        const Stamp stamp{static_cast<clock::Hlc>(versions.getColumn(1).getInt64()),
                          versions.getColumn(2).getString()};
        const store::Value value = row && table.field(field) ? (*row)[field] : store::Value{};
        // Erased already: null at the deletion's stamp (the server's erasure, or an earlier
        // pass here).
        if (stamp == tombstone.deletion && store::isNull(value)) {
          continue;
        }
        for (const auto& [blobTable, blobField] : kBlobFields) {
          if (table.name == blobTable && field == blobField && !store::isNull(value)) {
            erasedBlobs.insert(store::toText(value));
          }
        }
        erasure.push_back(
            {table.name, tombstone.rowId, field, store::Value{}, tombstone.deletion, {}});
        ++fields;
      }
      if (fields > 0) {
        ++result.rows;
        result.fields += fields;
      }
    }
  }
  if (erasure.empty()) {
    return result;
  }
  // The merge applies it as it applies the server's erasure when it is pulled: the null wins
  // over every older value, drops a pending older edit, and the row's conflicts go.
  applyRemote(txn, erasure);
  for (const auto& hash : erasedBlobs) {
    if (!blobNamed(db, hash)) {
      result.unreferencedBlobs.push_back(hash);
    }
  }
  txn.commit();
  return result;
}

} // namespace pupitre::sync
