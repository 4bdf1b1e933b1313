#include "pupitre/store/capture.h"

#include "pupitre/store/schema.h"

namespace pupitre::store {
namespace {

// Upsert of one field's version for a local write: a field already pending keeps the base
// it had (several offline edits push as one change); otherwise its current stamp, the last
// one synchronised, becomes the base.
std::string recordField(const std::string& table, const std::string& field,
                        const std::string& condition, int pending)
{
  return "  INSERT INTO field_version(row_id, field, tbl, hlc, device, pending)\n"
         "    SELECT new.id, '" +
         field + "', '" + table + "', pupitre_stamp(), pupitre_device(), " +
         std::to_string(pending) + " WHERE " + condition +
         "\n"
         "    ON CONFLICT(row_id, field) DO UPDATE SET\n"
         "      base_hlc = CASE WHEN pending THEN base_hlc ELSE hlc END,\n"
         "      base_device = CASE WHEN pending THEN base_device ELSE device END,\n"
         "      hlc = excluded.hlc, device = excluded.device, pending = 1;\n";
}

std::string tableTriggers(const TableDef& table)
{
  const std::string& t = table.name;
  const std::string q = sqlName(t);
  std::string sql;
  sql += "DROP TRIGGER IF EXISTS capture_insert_" + t + ";\n";
  sql += "CREATE TRIGGER capture_insert_" + t + " AFTER INSERT ON " + q +
         " WHEN pupitre_capturing() BEGIN\n";
  for (const auto& f : table.fields) {
    sql += recordField(t, f.name, "new." + sqlName(f.name) + " IS NOT NULL", 1);
  }
  // Creation asserts the row's existence explicitly.
  sql += recordField(t, std::string(kDeletedField), "1", 1);
  sql += "END;\n";

  std::string anyFieldChanged;
  for (const auto& f : table.fields) {
    if (!anyFieldChanged.empty()) {
      anyFieldChanged += " OR ";
    }
    anyFieldChanged += "old." + sqlName(f.name) + " IS NOT new." + sqlName(f.name);
  }

  sql += "DROP TRIGGER IF EXISTS capture_update_" + t + ";\n";
  sql += "CREATE TRIGGER capture_update_" + t + " AFTER UPDATE ON " + q +
         " WHEN pupitre_capturing() BEGIN\n";
  sql += "  SELECT RAISE(ABORT, 'Pupitre: this record was deleted and cannot be edited')"
         " WHERE old.deleted = 1 AND new.deleted = 1;\n";
  for (const auto& f : table.fields) {
    sql += recordField(t, f.name, "old." + sqlName(f.name) + " IS NOT new." + sqlName(f.name), 1);
  }
  sql += recordField(t, std::string(kDeletedField), "old.deleted IS NOT new.deleted", 1);
  // Every edit also asserts "alive" at its stamp (sync.md: existence is a field too); the
  // other replicas infer the same from the field writes, so this is not pushed itself.
  sql += "  INSERT INTO field_version(row_id, field, tbl, hlc, device, pending)\n"
         "    SELECT new.id, 'deleted', '" +
         t +
         "', pupitre_stamp(), pupitre_device(), 0\n"
         "    WHERE old.deleted IS new.deleted AND (" +
         anyFieldChanged +
         ")\n"
         "    ON CONFLICT(row_id, field) DO UPDATE SET hlc = excluded.hlc, device = "
         "excluded.device;\n";
  sql += "END;\n";

  sql += "DROP TRIGGER IF EXISTS capture_delete_" + t + ";\n";
  sql += "CREATE TRIGGER capture_delete_" + t + " BEFORE DELETE ON " + q +
         " WHEN pupitre_capturing() BEGIN\n"
         "  SELECT RAISE(ABORT, 'Pupitre: synced records are never removed, only marked "
         "deleted');\nEND;\n";
  return sql;
}

} // namespace

std::string captureTriggersSql()
{
  std::string sql;
  for (const auto& table : syncedTables()) {
    sql += tableTriggers(table);
  }
  return sql;
}

} // namespace pupitre::store
