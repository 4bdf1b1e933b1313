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
    throw NotFoundError("There is no record with id " + id + ".");
  }
  requireLive(db, table->name, id, table->name == "journal_entry" ? "journal entry" : table->name);
  store::setDeleted(txn, *table, id, true);
  txn.commit();
  return table->name;
}

std::string restoreRecord(store::Database& db, const std::string& id)
{
  store::WriteTxn txn(db);
  const store::TableDef* table = store::tableOf(db, id);
  if (!table) {
    throw NotFoundError("There is no record with id " + id + ".");
  }
  if (const auto row = store::findRow(db, *table, id); row && row->deleted) {
    store::setDeleted(txn, *table, id, false);
    txn.commit();
  }
  return table->name;
}

void deleteRecords(store::Database& db, const std::vector<std::string>& ids)
{
  store::WriteTxn txn(db);
  for (const auto& id : ids) {
    const store::TableDef* table = store::tableOf(db, id);
    if (!table) {
      throw NotFoundError("There is no record with id " + id + ".");
    }
    if (const auto row = store::findRow(db, *table, id); row && !row->deleted) {
      store::setDeleted(txn, *table, id, true);
    }
  }
  txn.commit();
}

void restoreRecords(store::Database& db, const std::vector<std::string>& ids)
{
  store::WriteTxn txn(db);
  for (const auto& id : ids) {
    const store::TableDef* table = store::tableOf(db, id);
    if (!table) {
      throw NotFoundError("There is no record with id " + id + ".");
    }
    if (const auto row = store::findRow(db, *table, id); row && row->deleted) {
      store::setDeleted(txn, *table, id, false);
    }
  }
  txn.commit();
}

} // namespace pupitre::model
