#include "server/sync/account_export.h"

#include "pupitre/store/schema.h"
#include "server/sync/field_decision.h"
#include "server/time_text.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <map>
#include <memory>
#include <sstream>

namespace pupitre::server {
namespace {

// The declared type of the column on a device (shared/pupitre/store/migrations), which
// decides how SQLite converts a value written to it.
const char* declaredType(store::FieldType type)
{
  switch (type) {
  case store::FieldType::Text:
    return "TEXT";
  case store::FieldType::Integer:
    return "INTEGER";
  case store::FieldType::Real:
    return "REAL";
  case store::FieldType::Any:
    break;
  }
  return "ANY";
}

// Live rows collected in an in-memory SQLite database shaped like a device's tables.
class LiveTables
{
public:
  LiveTables() : m_db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)
  {
    for (const auto& table : store::syncedTables()) {
      std::string columns = "id TEXT PRIMARY KEY";
      std::string marks = "?";
      for (const auto& f : table.fields) {
        columns += ", " + store::sqlName(f.name) + " " + declaredType(f.type);
        marks += ", ?";
      }
      m_db.exec("CREATE TABLE " + store::sqlName(table.name) + "(" + columns + ")");
      m_inserts[table.name] = std::make_unique<SQLite::Statement>(
          m_db, "INSERT INTO " + store::sqlName(table.name) + " VALUES (" + marks + ")");
    }
  }

  SQLite::Database& db() { return m_db; }

  void add(const store::TableDef& table, const std::string& id,
           const std::map<std::string, store::Value>& values)
  {
    auto& insert = *m_inserts.at(table.name);
    insert.reset();
    insert.clearBindings();
    insert.bind(1, id);
    int index = 2;
    for (const auto& f : table.fields) {
      const auto it = values.find(f.name);
      store::bindValue(insert, index++, it == values.end() ? store::Value{} : it->second);
    }
    insert.exec();
  }

  std::vector<store::Row> rows(const store::TableDef& table)
  {
    std::string columns = "id";
    for (const auto& f : table.fields) {
      columns += ", " + store::sqlName(f.name);
    }
    SQLite::Statement query(m_db, "SELECT " + columns + " FROM " + store::sqlName(table.name) +
                                      " ORDER BY id");
    std::vector<store::Row> rows;
    while (query.executeStep()) {
      store::Row row;
      row.id = query.getColumn(0).getString();
      int index = 1;
      for (const auto& f : table.fields) {
        row.values.emplace(f.name, store::readValue(query.getColumn(index++)));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

private:
  SQLite::Database m_db;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> m_inserts;
};

// The versions of one row, as they stream by in row order.
struct PendingRow
{
  std::string id;
  std::string table;
  bool deleted = false;
  std::map<std::string, store::Value> values;
};

using store::jsonString;
using store::jsonValue;

const char* tokenStateName(TokenState state)
{
  switch (state) {
  case TokenState::Active:
    return "active";
  case TokenState::Unlinked:
    return "unlinked";
  case TokenState::Revoked:
    break;
  }
  return "revoked";
}

std::string timeJson(std::int64_t ms)
{
  return ms == 0 ? "null" : jsonString(isoUtc(ms));
}

std::string stampJson(const sync::Stamp& stamp)
{
  return "{\"device\": " + jsonString(stamp.device) + ", \"hlc\": " + std::to_string(stamp.hlc) +
         "}";
}

// Writes `items` as a JSON array, one element a line, each produced by `item`.
template <typename T, typename F>
void writeArray(std::ostream& out, const char* name, const std::vector<T>& items, F item,
                bool last = false)
{
  out << "  " << jsonString(name) << ": [";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out << (i == 0 ? "\n    " : ",\n    ") << item(items[i]);
  }
  out << (items.empty() ? "]" : "\n  ]") << (last ? "\n" : ",\n");
}

} // namespace

std::string accountFullJson(ServerStore& serverStore, const AccountRecord& a)
{
  std::ostringstream out;
  out << "{\n  \"account\": {\"created_at\": " << timeJson(a.createdAtMs)
      << ", \"email\": " << jsonString(a.email) << ", \"licence\": " << jsonString(a.licence)
      << ", \"max_devices\": " << a.maxDevices << ", \"storage_quota\": " << a.storageQuota
      << ", \"storage_used\": " << a.storageUsed << "},\n";
  writeArray(out, "blobs", serverStore.heldBlobs(a.id), [](const HeldBlob& b) {
    return "{\"created_at\": " + timeJson(b.createdAtMs) + ", \"hash\": " + jsonString(b.hash) +
           ", \"size\": " + std::to_string(b.size) + "}";
  });
  writeArray(out, "conflicts", serverStore.conflicts(a.id), [](const StoredConflict& s) {
    const auto& c = s.conflict;
    return "{\"field\": " + jsonString(c.field) + ", \"id\": " + jsonString(c.id) +
           ", \"lost_stamp\": " + stampJson(c.lostStamp) +
           ", \"lost_value\": " + jsonValue(c.lostValue) + ", \"row\": " + jsonString(c.rowId) +
           ", \"seq\": " + std::to_string(s.seq) + ", \"table\": " + jsonString(c.table) +
           ", \"won_stamp\": " + stampJson(c.wonStamp) +
           ", \"won_value\": " + jsonValue(c.wonValue) + "}";
  });
  std::string data = accountCanonicalJson(serverStore, a.id);
  while (!data.empty() && data.back() == '\n') {
    data.pop_back();
  }
  out << "  \"data\": " << data << ",\n";
  writeArray(out, "devices", serverStore.allDevices(a.id), [](const DeviceRecord& d) {
    return "{\"id\": " + jsonString(d.id) + ", \"last_seen\": " + timeJson(d.lastSeenMs) +
           ", \"linked_at\": " + timeJson(d.linkedAtMs) + ", \"name\": " + jsonString(d.name) +
           ", \"unlinked_at\": " + timeJson(d.unlinkedAtMs) + "}";
  });
  std::vector<StoredVersion> versions;
  serverStore.forEachVersion(a.id, [&](const StoredVersion& v) { versions.push_back(v); });
  writeArray(out, "field_versions", versions, [](const StoredVersion& v) {
    return "{\"field\": " + jsonString(v.field) + ", \"row\": " + jsonString(v.rowId) +
           ", \"seq\": " + std::to_string(v.seq) + ", \"stamp\": " + stampJson(v.stamp) +
           ", \"table\": " + jsonString(v.table) + ", \"value\": " + jsonValue(v.value) + "}";
  });
  writeArray(out, "tokens", serverStore.tokens(a.id), [](const TokenInfo& t) {
    return "{\"created_at\": " + timeJson(t.createdAtMs) +
           ", \"device_id\": " + jsonString(t.deviceId) +
           ", \"state\": " + jsonString(tokenStateName(t.state)) + "}";
  });
  // Signed-in browsers (docs/web.md), without their secret or CSRF token.
  writeArray(
      out, "web_sessions", serverStore.webSessions(a.id),
      [](const WebSessionRecord& s) {
        return "{\"created_at\": " + timeJson(s.createdAtMs) +
               ", \"expires_at\": " + timeJson(s.expiresAtMs) + ", \"id\": " + jsonString(s.id) +
               ", \"last_seen\": " + timeJson(s.seenAtMs) +
               ", \"user_agent\": " + jsonString(s.userAgent) + "}";
      },
      true);
  out << "}\n";
  return out.str();
}

store::LiveData accountLiveData(ServerStore& serverStore, std::int64_t accountId)
{
  LiveTables live;
  SQLite::Transaction txn(live.db());
  PendingRow row;
  auto flush = [&] {
    const store::TableDef* table = store::findTable(row.table);
    if (!row.id.empty() && table && !row.deleted) {
      live.add(*table, row.id, row.values);
    }
    row = PendingRow{};
  };
  serverStore.forEachVersion(accountId, [&](const StoredVersion& v) {
    if (v.rowId != row.id) {
      flush();
      row.id = v.rowId;
      row.table = v.table;
    }
    if (v.field == store::kDeletedField) {
      row.deleted = isDeleted(v.value);
    } else {
      row.values[v.field] = v.value;
    }
  });
  flush();
  txn.commit();

  store::LiveData data;
  for (const auto& table : store::syncedTables()) {
    data[table.exportName] = live.rows(table);
  }
  return data;
}

} // namespace pupitre::server
