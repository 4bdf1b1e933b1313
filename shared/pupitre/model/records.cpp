#include "pupitre/model/records.h"

#include "pupitre/error.h"
#include "pupitre/model/validation.h"
#include "pupitre/store/rows.h"

namespace pupitre::model {

std::string deleteRecord(store::Database& db, const std::string& id)
{
  store::WriteTxn txn(db);
  const store::TableDef* table = store::tableOf(db, id);
  if (!table) {
    throw NotFoundError(Sentence{PUPITRE_TR("There is no record with id %1."), {id}});
  }
  requireLive(db, table->name, id, table->name == "journal_entry" ? "journal entry" : table->name);
  store::setDeleted(txn, *table, id, true);
  txn.commit();
  return table->name;
}

namespace {

// The table of a record of any kind; NotFoundError for an unknown id.
const store::TableDef& tableOfRecord(store::Database& db, const std::string& id)
{
  const store::TableDef* table = store::tableOf(db, id);
  if (!table) {
    throw NotFoundError(Sentence{PUPITRE_TR("There is no record with id %1."), {id}});
  }
  return *table;
}

// Marks every record of `ids` deleted (or live again) in one transaction; records already so
// are left as they are.
void setRecordsDeleted(store::Database& db, const std::vector<std::string>& ids, bool deleted)
{
  store::WriteTxn txn(db);
  for (const auto& id : ids) {
    const auto& table = tableOfRecord(db, id);
    if (const auto row = store::findRow(db, table, id); row && row->deleted != deleted) {
      store::setDeleted(txn, table, id, deleted);
    }
  }
  txn.commit();
}

} // namespace

std::string restoreRecord(store::Database& db, const std::string& id)
{
  const std::string table = tableOfRecord(db, id).name;
  setRecordsDeleted(db, {id}, false);
  return table;
}

void deleteRecords(store::Database& db, const std::vector<std::string>& ids)
{
  setRecordsDeleted(db, ids, true);
}

void restoreRecords(store::Database& db, const std::vector<std::string>& ids)
{
  setRecordsDeleted(db, ids, false);
}

} // namespace pupitre::model
