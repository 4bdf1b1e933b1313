#include "pupitre/store/rows.h"

#include "pupitre/error.h"

namespace pupitre::store {
namespace {

const Value kNull{};

void checkFields(const TableDef& table, const Fields& fields)
{
  for (const auto& [name, value] : fields) {
    if (!table.field(name)) {
      throw Error("Internal error: '" + table.name + "' has no field '" + name + "'.");
    }
  }
}

std::string columnList(const TableDef& table)
{
  std::string list = "id, deleted";
  for (const auto& f : table.fields) {
    list += ", " + sqlName(f.name);
  }
  return list;
}

Row readRow(const TableDef& table, SQLite::Statement& query)
{
  Row row;
  row.id = query.getColumn(0).getString();
  row.deleted = query.getColumn(1).getInt() != 0;
  int index = 2;
  for (const auto& f : table.fields) {
    row.values.emplace(f.name, readValue(query.getColumn(index++)));
  }
  return row;
}

} // namespace

const Value& Row::operator[](const std::string& field) const
{
  const auto it = values.find(field);
  return it == values.end() ? kNull : it->second;
}

std::string Row::text(const std::string& field) const { return toText((*this)[field]); }

std::optional<double> Row::number(const std::string& field) const
{
  const Value& v = (*this)[field];
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    return static_cast<double>(*i);
  }
  if (const auto* d = std::get_if<double>(&v)) {
    return *d;
  }
  return std::nullopt;
}

void insertRow(WriteTxn& txn, const TableDef& table, const std::string& id, const Fields& fields)
{
  checkFields(table, fields);
  std::string columns = "id";
  std::string marks = "?";
  for (const auto& [name, value] : fields) {
    columns += ", " + sqlName(name);
    marks += ", ?";
  }
  auto& insert = txn.db().statement("INSERT INTO " + sqlName(table.name) + "(" + columns +
                                    ") VALUES (" + marks + ")");
  insert.bind(1, id);
  int index = 2;
  for (const auto& [name, value] : fields) {
    bindValue(insert, index++, value);
  }
  insert.exec();
}

void updateRow(WriteTxn& txn, const TableDef& table, const std::string& id, const Fields& fields)
{
  checkFields(table, fields);
  if (fields.empty()) {
    return;
  }
  std::string assignments;
  for (const auto& [name, value] : fields) {
    assignments += (assignments.empty() ? "" : ", ") + sqlName(name) + " = ?";
  }
  auto& update = txn.db().statement("UPDATE " + sqlName(table.name) + " SET " + assignments +
                                    " WHERE id = ? AND deleted = 0");
  int index = 1;
  for (const auto& [name, value] : fields) {
    bindValue(update, index++, value);
  }
  update.bind(index, id);
  if (update.exec() == 0) {
    throw NotFoundError("No " + table.name + " with id " + id + " (it may have been deleted).");
  }
}

void setDeleted(WriteTxn& txn, const TableDef& table, const std::string& id, bool deleted)
{
  auto& update =
      txn.db().statement("UPDATE " + sqlName(table.name) + " SET deleted = ? WHERE id = ?");
  update.bind(1, deleted ? 1 : 0);
  update.bind(2, id);
  if (update.exec() == 0) {
    throw NotFoundError("No " + table.name + " with id " + id + ".");
  }
}

std::optional<Row> findRow(Database& db, const TableDef& table, const std::string& id)
{
  auto& query = db.statement("SELECT " + columnList(table) + " FROM " + sqlName(table.name) +
                             " WHERE id = ?");
  query.bind(1, id);
  std::optional<Row> row;
  if (query.executeStep()) {
    row = readRow(table, query);
  }
  query.reset();
  return row;
}

const TableDef* tableOf(Database& db, const std::string& id)
{
  auto& query = db.statement("SELECT tbl FROM field_version WHERE row_id = ? LIMIT 1");
  query.bind(1, id);
  const TableDef* table = nullptr;
  if (query.executeStep()) {
    table = findTable(query.getColumn(0).getString());
  }
  query.reset();
  return table;
}

std::vector<Row> selectRows(Database& db, const TableDef& table, const std::string& condition,
                            const std::vector<std::string>& params, const std::string& orderBy,
                            bool includeDeleted)
{
  std::string where = includeDeleted ? "" : "deleted = 0";
  if (!condition.empty()) {
    where += (where.empty() ? "" : " AND ") + ("(" + condition + ")");
  }
  auto& query = db.statement("SELECT " + columnList(table) + " FROM " + sqlName(table.name) +
                             (where.empty() ? "" : " WHERE " + where) + " ORDER BY " + orderBy);
  int index = 1;
  for (const auto& p : params) {
    query.bind(index++, p);
  }
  std::vector<Row> rows;
  while (query.executeStep()) {
    rows.push_back(readRow(table, query));
  }
  query.reset();
  return rows;
}

} // namespace pupitre::store
