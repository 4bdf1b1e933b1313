#include "sync/floor.h"

#include "sync/figures.h"

#include "workloads/stopwatch.h"

#include "pupitre/store/schema.h"
#include "pupitre/store/value.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <vector>

namespace pupitre::bench {
namespace {

struct TableCopy
{
  std::vector<std::string> ddl; // CREATE TABLE, then its indexes
  std::string insert;
  int columns = 0;
  std::vector<store::Value> values; // row after row
};

TableCopy readTable(SQLite::Database& src, const std::string& name)
{
  TableCopy t;
  SQLite::Statement schema(src, "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS "
                                "NOT NULL AND type IN ('table', 'index') ORDER BY type = "
                                "'index', name");
  schema.bind(1, name);
  while (schema.executeStep()) {
    t.ddl.push_back(schema.getColumn(0).getString());
  }
  SQLite::Statement rows(src, "SELECT * FROM \"" + name + "\"");
  t.columns = rows.getColumnCount();
  while (rows.executeStep()) {
    for (int c = 0; c < t.columns; ++c) {
      t.values.push_back(store::readValue(rows.getColumn(c)));
    }
  }
  t.insert = "INSERT INTO \"" + name + "\" VALUES (";
  for (int c = 0; c < t.columns; ++c) {
    t.insert += c == 0 ? "?" : ", ?";
  }
  t.insert += ")";
  return t;
}

double insertAll(const std::filesystem::path& file, const std::vector<TableCopy>& tables)
{
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(file.string() + suffix);
  }
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = WAL"); // as store::Database opens a device's file
  db.exec("PRAGMA synchronous = NORMAL");
  for (const auto& t : tables) {
    for (const auto& sql : t.ddl) {
      db.exec(sql);
    }
  }
  const Stopwatch watch;
  db.exec("BEGIN");
  for (const auto& t : tables) {
    SQLite::Statement insert(db, t.insert);
    for (std::size_t at = 0; at < t.values.size(); at += static_cast<std::size_t>(t.columns)) {
      for (int c = 0; c < t.columns; ++c) {
        store::bindValue(insert, c + 1, t.values[at + static_cast<std::size_t>(c)]);
      }
      insert.exec();
      insert.reset();
    }
  }
  db.exec("COMMIT");
  return watch.elapsed().wallSeconds;
}

} // namespace

FloorFigures measureFloor(const std::string& source, const std::filesystem::path& folder,
                          int repeat)
{
  FloorFigures f;
  std::vector<TableCopy> tables;
  {
    SQLite::Database src(source, SQLite::OPEN_READONLY);
    for (const auto& def : store::syncedTables()) {
      tables.push_back(readTable(src, def.name));
      f.rows += static_cast<long long>(tables.back().values.size()) / tables.back().columns;
    }
    std::vector<double> rowsOnly;
    std::vector<double> withVersions;
    for (int r = 0; r < repeat; ++r) {
      rowsOnly.push_back(insertAll(folder / "floor-rows.db", tables));
    }
    tables.push_back(readTable(src, "field_version"));
    f.versions = static_cast<long long>(tables.back().values.size()) / tables.back().columns;
    for (int r = 0; r < repeat; ++r) {
      withVersions.push_back(insertAll(folder / "floor-versions.db", tables));
    }
    f.rowsSeconds = percentile(rowsOnly, 0.5);
    f.withVersionsSeconds = percentile(withVersions, 0.5);
  }
  for (const char* name : {"floor-rows.db", "floor-versions.db"}) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(folder / (std::string(name) + suffix));
    }
  }
  return f;
}

} // namespace pupitre::bench
