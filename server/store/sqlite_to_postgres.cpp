#include "server/store/sqlite_to_postgres.h"

#include "pupitre/error.h"
#include "server/service/account_admin.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <set>

namespace pupitre::server {
namespace {

struct TableCopy
{
  const char* table;
  const char* columns;        // the same names in both databases
  std::set<int> valueColumns; // synced values (store::Value: three columns in PostgreSQL)
  const char* targetColumns;  // PostgreSQL's, when they differ
};

const std::vector<TableCopy>& tableCopies()
{
  static const std::vector<TableCopy> copies = {
      {"account",
       "id, email, password_hash, licence, max_devices, storage_quota, storage_used, last_seq,"
       " created_at",
       {},
       nullptr},
      {"device",
       "account_id, id, name, linked_at, last_seen, unlinked_at, last_batch, last_result",
       {},
       nullptr},
      {"token", "hash, account_id, device_id, created_at, state", {}, nullptr},
      {"field_version",
       "account_id, row_id, field, tbl, value, hlc, device, base_hlc, base_device, seq, origin",
       {4},
       "account_id, row_id, field, tbl, value_int, value_real, value_text, hlc, device, base_hlc,"
       " base_device, seq, origin"},
      {"conflict",
       "account_id, id, tbl, row_id, field, lost_value, lost_hlc, lost_device, won_value, won_hlc,"
       " won_device, seq",
       {5, 8},
       "account_id, id, tbl, row_id, field, lost_int, lost_real, lost_text, lost_hlc, lost_device,"
       " won_int, won_real, won_text, won_hlc, won_device, seq"},
      {"blob", "account_id, hash, size, created_at, unreferenced_since", {}, nullptr},
      {"blob_upload", "account_id, hash, size, last_chunk_at", {}, nullptr},
      {"web_session",
       "account_id, id, secret_hash, csrf, user_agent, created_at, seen_at, expires_at",
       {},
       nullptr},
  };
  return copies;
}

void addColumn(PgParams& params, const SQLite::Column& column)
{
  switch (column.getType()) {
  case SQLITE_INTEGER:
    params.add(static_cast<std::int64_t>(column.getInt64()));
    break;
  case SQLITE_FLOAT:
    params.add(column.getDouble());
    break;
  case SQLITE_NULL:
    params.addNull();
    break;
  default:
    params.add(column.getString());
  }
}

std::int64_t copyTable(SQLite::Database& source, PgConnection& target, const TableCopy& copy)
{
  const std::string targetColumns = copy.targetColumns ? copy.targetColumns : copy.columns;
  int placeholders =
      1 + static_cast<int>(std::count(targetColumns.begin(), targetColumns.end(), ','));
  std::string values;
  for (int i = 1; i <= placeholders; ++i) {
    values += (i > 1 ? ", $" : "$") + std::to_string(i);
  }
  const std::string insert =
      std::string("INSERT INTO ") + copy.table + "(" + targetColumns + ") VALUES (" + values + ")";
  SQLite::Statement rows(source, std::string("SELECT ") + copy.columns + " FROM " + copy.table);
  std::int64_t count = 0;
  while (rows.executeStep()) {
    PgParams params;
    for (int i = 0; i < rows.getColumnCount(); ++i) {
      if (copy.valueColumns.count(i)) {
        addValue(params, store::readValue(rows.getColumn(i)));
      } else {
        addColumn(params, rows.getColumn(i));
      }
    }
    target.exec(insert, params);
    ++count;
  }
  return count;
}

} // namespace

std::string firstDifference(SqliteServerStore& from, ServerStore& to)
{
  std::vector<std::string> emails;
  {
    SQLite::Database source(from.path(), SQLite::OPEN_READONLY);
    SQLite::Statement q(source, "SELECT email FROM account ORDER BY id");
    while (q.executeStep()) {
      emails.push_back(q.getColumn(0).getString());
    }
  }
  AccountAdmin fromAdmin(from);
  AccountAdmin toAdmin(to);
  for (const auto& email : emails) {
    const auto a = from.findAccount(email);
    const auto b = to.findAccount(email);
    if (!a || !b) {
      return "the account " + email + " is missing";
    }
    if (a->id != b->id || a->passwordHash != b->passwordHash) {
      return "the account " + email + " has another id or password";
    }
    if (from.lastSeq(a->id) != to.lastSeq(b->id)) {
      return "the account " + email + " has another sequence number";
    }
    if (fromAdmin.exportJson(email) != toAdmin.exportJson(email)) {
      return "the export of " + email + " differs";
    }
  }
  return {};
}

CopyReport copySqliteToPostgres(SqliteServerStore& from, PostgresServerStore& to)
{
  SQLite::Database source(from.path(), SQLite::OPEN_READONLY);
  auto c = to.pool().borrow();
  CopyReport report;
  {
    PgTransaction txn(*c);
    if (c->exec("SELECT 1 FROM account LIMIT 1").rows() > 0) {
      throw StoreError("The PostgreSQL database '" + to.location() +
                       "' holds accounts already; migrate into a new, empty database (createdb).");
    }
    // Nothing else writes to the target meanwhile.
    c->exec("LOCK TABLE account IN EXCLUSIVE MODE");
    for (const auto& copy : tableCopies()) {
      report.rows[copy.table] = copyTable(source, *c, copy);
    }
    c->exec("INSERT INTO account_email(email, account_id) SELECT email, id FROM account");
    c->exec("INSERT INTO web_session_secret(secret_hash, account_id, id)"
            " SELECT secret_hash, account_id, id FROM web_session");
    // New accounts get ids after the copied ones.
    c->exec("SELECT setval(pg_get_serial_sequence('account', 'id'),"
            " greatest((SELECT max(id) FROM account), 1))");
    txn.commit();
  }
  report.accounts = report.rows["account"];
  if (const auto difference = firstDifference(from, to); !difference.empty()) {
    // Back to the empty database it was.
    std::string tables;
    for (const auto& copy : tableCopies()) {
      tables += std::string(tables.empty() ? "" : ", ") + copy.table;
    }
    c->exec("TRUNCATE " + tables + ", account_email, web_session_secret");
    throw StoreError("The copy in '" + to.location() + "' does not read back the same as '" +
                     from.path() + "' (" + difference +
                     "); nothing was kept in PostgreSQL. Report this as a bug; the SQLite server "
                     "is unchanged and can go on serving.");
  }
  return report;
}

} // namespace pupitre::server
