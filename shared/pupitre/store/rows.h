#pragma once
// Generic access to the rows of synced tables. The repositories in pupitre/model build on
// it; the merge, the outbox and the export use it directly.
#include "pupitre/store/database.h"
#include "pupitre/store/schema.h"
#include "pupitre/store/value.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pupitre::store {

// Field name -> value, in the order given.
using Fields = std::vector<std::pair<std::string, Value>>;

struct Row
{
  std::string id;
  bool deleted = false;
  std::map<std::string, Value> values; // every field of the table

  const Value& operator[](const std::string& field) const;
  std::string text(const std::string& field) const;           // "" for null
  std::optional<double> number(const std::string& field) const; // null/text -> nullopt
};

// Inside a LocalEdit transaction (capture records every field). Field names are checked
// against schema.h.
void insertRow(WriteTxn& txn, const TableDef& table, const std::string& id, const Fields& fields);
void updateRow(WriteTxn& txn, const TableDef& table, const std::string& id, const Fields& fields);
void setDeleted(WriteTxn& txn, const TableDef& table, const std::string& id, bool deleted);

// Any row, deleted ones included.
std::optional<Row> findRow(Database& db, const TableDef& table, const std::string& id);
// The table that holds `id`, searching every synced table.
const TableDef* tableOf(Database& db, const std::string& id);

// Rows of `table` matching an optional SQL condition on its columns, with text parameters.
// Deleted rows are left out unless includeDeleted.
std::vector<Row> selectRows(Database& db, const TableDef& table, const std::string& condition = {},
                            const std::vector<std::string>& params = {},
                            const std::string& orderBy = "id", bool includeDeleted = false);

} // namespace pupitre::store
