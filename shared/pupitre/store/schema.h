#pragma once
// The synced tables and their fields: one description that the capture triggers, the
// merge, the outbox and the export are all built from. A test checks it against the
// migrated database, so the two cannot drift apart.
#include <string>
#include <string_view>
#include <vector>

namespace pupitre::store {

enum class FieldType { Text, Integer, Real, Any };

struct FieldDef
{
  std::string name;
  FieldType type;
};

struct TableDef
{
  std::string name;       // SQL table: "journal_entry"
  std::string exportName; // key in the canonical export: "journal"
  std::vector<FieldDef> fields; // synced fields, without `id` and `deleted`

  const FieldDef* field(std::string_view fieldName) const;
};

// The liveness field every synced table has (0 alive, 1 deleted).
inline constexpr std::string_view kDeletedField = "deleted";

const std::vector<TableDef>& syncedTables();
// nullptr when there is no such synced table.
const TableDef* findTable(std::string_view name);

// `name` quoted as an SQL identifier ("class" is a word SQL knows).
std::string sqlName(std::string_view name);

} // namespace pupitre::store
