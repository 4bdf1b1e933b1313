#include "pupitre/store/capture.h"

#include "pupitre/store/schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>

namespace pupitre::store {
namespace {

// Upsert of one field's version when a row is created: a field already pending keeps the
// base it had (several offline edits push as one change); otherwise its current stamp, the
// last one synchronised, becomes the base.
std::string recordCreatedField(const std::string& table, const std::string& field,
                               const std::string& condition)
{
  return "  INSERT INTO field_version(row_id, field, tbl, hlc, device, pending)\n"
         "    SELECT new.id, '" +
         field + "', '" + table + "', pupitre_stamp(), pupitre_device(), 1 WHERE " + condition +
         "\n"
         "    ON CONFLICT(row_id, field) DO UPDATE SET\n"
         "      base_hlc = CASE WHEN pending THEN base_hlc ELSE hlc END,\n"
         "      base_device = CASE WHEN pending THEN base_device ELSE device END,\n"
         "      hlc = excluded.hlc, device = excluded.device, pending = 1;\n";
}

// The same for an edit, in two statements: a field already pending (the usual case: edited
// on this device since the last sync) only takes the new stamp and keeps its base; any other
// (synchronised, or never recorded) becomes pending with its current stamp as the base. The
// result is the upsert's above, but an edit of a pending field no longer sets `pending`, so
// SQLite does not rewrite its entry in the field_version_pending index (bench_capture: a
// fifth less time per captured edit).
std::string recordEditedField(const std::string& table, const std::string& field,
                              const std::string& condition)
{
  return "  UPDATE field_version SET hlc = pupitre_stamp(), device = pupitre_device()\n"
         "    WHERE row_id = new.id AND field = '" +
         field + "' AND pending" + (condition == "1" ? "" : " AND (" + condition + ")") +
         ";\n"
         "  INSERT INTO field_version(row_id, field, tbl, hlc, device, pending)\n"
         "    SELECT new.id, '" +
         field + "', '" + table + "', pupitre_stamp(), pupitre_device(), 1 WHERE " + condition +
         "\n"
         "    ON CONFLICT(row_id, field) DO UPDATE SET base_hlc = hlc, base_device = device,\n"
         "      hlc = excluded.hlc, device = excluded.device, pending = 1 WHERE NOT pending;\n";
}

void addTableTriggers(const TableDef& table, std::vector<CaptureTrigger>& triggers)
{
  const std::string& t = table.name;
  const std::string q = sqlName(t);

  std::string insert = "CREATE TRIGGER capture_insert_" + t + " AFTER INSERT ON " + q +
                       " WHEN pupitre_capturing() BEGIN\n";
  for (const auto& f : table.fields) {
    insert += recordCreatedField(t, f.name, "new." + sqlName(f.name) + " IS NOT NULL");
  }
  // Creation asserts the row's existence explicitly.
  insert += recordCreatedField(t, std::string(kDeletedField), "1");
  insert += "END";
  triggers.push_back({"capture_insert_" + t, insert});

  // One trigger per field, which SQLite leaves out of every UPDATE that does not set that
  // field: editing one mark runs the code for one field, not for all of them.
  for (const auto& f : table.fields) {
    const std::string name = "capture_update_" + t + "_" + f.name;
    const std::string column = sqlName(f.name);
    triggers.push_back({name, "CREATE TRIGGER " + name + " AFTER UPDATE OF " + column + " ON " + q +
                                  " WHEN pupitre_capturing() AND old." + column + " IS NOT new." +
                                  column + " BEGIN\n" + recordEditedField(t, f.name, "1") + "END"});
  }

  // And one for every update: deleted rows stay as they are, liveness is a field, and every
  // edit asserts "alive" at its stamp.
  std::string anyFieldChanged;
  for (const auto& f : table.fields) {
    if (!anyFieldChanged.empty()) {
      anyFieldChanged += " OR ";
    }
    anyFieldChanged += "old." + sqlName(f.name) + " IS NOT new." + sqlName(f.name);
  }
  std::string update = "CREATE TRIGGER capture_update_" + t + " AFTER UPDATE ON " + q +
                       " WHEN pupitre_capturing() BEGIN\n";
  update += "  SELECT RAISE(ABORT, 'Pupitre: this record was deleted and cannot be edited')"
            " WHERE old.deleted = 1 AND new.deleted = 1;\n";
  update += recordEditedField(t, std::string(kDeletedField), "old.deleted IS NOT new.deleted");
  // Every edit also asserts "alive" at its stamp (sync.md: existence is a field too); the
  // other replicas infer the same from the field writes, so this is not pushed itself.
  update += "  INSERT INTO field_version(row_id, field, tbl, hlc, device, pending)\n"
            "    SELECT new.id, 'deleted', '" +
            t +
            "', pupitre_stamp(), pupitre_device(), 0\n"
            "    WHERE old.deleted IS new.deleted AND (" +
            anyFieldChanged +
            ")\n"
            "    ON CONFLICT(row_id, field) DO UPDATE SET hlc = excluded.hlc, device = "
            "excluded.device;\n";
  update += "END";
  triggers.push_back({"capture_update_" + t, update});

  triggers.push_back(
      {"capture_delete_" + t,
       "CREATE TRIGGER capture_delete_" + t + " BEFORE DELETE ON " + q +
           " WHEN pupitre_capturing() BEGIN\n"
           "  SELECT RAISE(ABORT, 'Pupitre: synced records are never removed, only marked "
           "deleted');\nEND"});
}

std::map<std::string, std::string> installedTriggers(SQLite::Database& db)
{
  std::map<std::string, std::string> installed;
  SQLite::Statement query(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                              " AND name LIKE 'capture\\_%' ESCAPE '\\'");
  while (query.executeStep()) {
    installed.emplace(query.getColumn(0).getString(), query.getColumn(1).getString());
  }
  return installed;
}

} // namespace

std::vector<CaptureTrigger> captureTriggers()
{
  std::vector<CaptureTrigger> triggers;
  for (const auto& table : syncedTables()) {
    addTableTriggers(table, triggers);
  }
  return triggers;
}

std::string captureTriggersSql()
{
  std::string sql;
  for (const auto& trigger : captureTriggers()) {
    sql += "DROP TRIGGER IF EXISTS " + trigger.name + ";\n" + trigger.sql + ";\n";
  }
  return sql;
}

bool captureTriggersCurrent(SQLite::Database& db)
{
  const auto installed = installedTriggers(db);
  const auto expected = captureTriggers();
  if (installed.size() != expected.size()) {
    return false;
  }
  for (const auto& trigger : expected) {
    const auto it = installed.find(trigger.name);
    if (it == installed.end() || it->second != trigger.sql) {
      return false;
    }
  }
  return true;
}

void installCaptureTriggers(SQLite::Database& db)
{
  for (const auto& [name, sql] : installedTriggers(db)) {
    db.exec("DROP TRIGGER " + sqlName(name));
  }
  for (const auto& trigger : captureTriggers()) {
    db.exec(trigger.sql);
  }
}

} // namespace pupitre::store
