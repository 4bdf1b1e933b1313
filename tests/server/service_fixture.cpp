#include "service_fixture.h"

#include "server/blobs/sqlite_blob_index.h"
#include "server/store/sqlite_server_store.h"
#if PUPITRE_HAS_POSTGRESQL
#include "server/blobs/postgres_blob_index.h"
#include "server/store/postgres_server_store.h"
#endif
#include "support/postgres_instance.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>

namespace pupitre::test {

bool testsOnPostgres()
{
  return testsUsePostgres();
}

std::string selectText(const std::string& dir, const std::string& select)
{
  if (testsUsePostgres()) {
    const std::string url = testDatabaseFor(dir);
    return PostgresInstance::shared().sql(url.substr(url.rfind('/') + 1), select);
  }
  SQLite::Database db((std::filesystem::path(dir) / "server.db").string());
  SQLite::Statement q(db, select);
  std::string all;
  while (q.executeStep()) {
    for (int i = 0; i < q.getColumnCount(); ++i) {
      all += q.getColumn(i).getString() + "|";
    }
  }
  return all;
}

std::string storedBytes(const std::string& dir)
{
  if (testsUsePostgres()) {
    // pg_dump shows texts kept as bytes (synced values) in hex: they are added as text.
    const std::string url = testDatabaseFor(dir);
    return PostgresInstance::shared().dump(url) +
           PostgresInstance::shared().sql(
               url.substr(url.rfind('/') + 1),
               "SELECT convert_from(value_text, 'UTF8') FROM field_version WHERE value_text IS "
               "NOT NULL UNION ALL SELECT convert_from(lost_text, 'UTF8') FROM conflict WHERE "
               "lost_text IS NOT NULL UNION ALL SELECT convert_from(won_text, 'UTF8') FROM "
               "conflict WHERE won_text IS NOT NULL");
  }
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    const auto path = (std::filesystem::path(dir) / "server.db").string() + suffix;
    if (std::filesystem::exists(path)) {
      bytes += readFile(path);
    }
  }
  return bytes;
}

std::unique_ptr<server::ServerStore> openTestStore(const std::string& dir)
{
#if PUPITRE_HAS_POSTGRESQL
  if (testsUsePostgres()) {
    return std::make_unique<server::PostgresServerStore>(testDatabaseFor(dir));
  }
#endif
  return std::make_unique<server::SqliteServerStore>(
      (std::filesystem::path(dir) / "server.db").string());
}

std::unique_ptr<server::blobs::BlobIndex> openTestBlobIndex(server::ServerStore& store,
                                                            const std::string& dir)
{
#if PUPITRE_HAS_POSTGRESQL
  if (auto* postgres = dynamic_cast<server::PostgresServerStore*>(&store)) {
    return std::make_unique<server::blobs::PostgresBlobIndex>(postgres->pool());
  }
#else
  static_cast<void>(store);
#endif
  return std::make_unique<server::blobs::SqliteBlobIndex>(
      (std::filesystem::path(dir) / "server.db").string());
}

void ServiceFixture::addAccount(const std::string& email, const std::string& licence,
                                std::int64_t devices)
{
  admin.addUser(email, kPassword, licence,
                licence == "multi" ? std::optional<std::int64_t>(devices) : std::nullopt);
}

std::string ServiceFixture::login(const std::string& email, const std::string& deviceId)
{
  const auto result = service.login({email, kPassword, deviceId, "Device " + deviceId});
  BOOST_REQUIRE_MESSAGE(result.ok(),
                        "login refused: " << (result.ok() ? "" : result.error().message));
  return result.value().token;
}

sync::PushResult ServiceFixture::push(const std::string& token, std::int64_t batch,
                                      const std::vector<sync::FieldWrite>& writes)
{
  const auto result = service.push(token, {batch, writes});
  BOOST_REQUIRE_MESSAGE(result.ok(),
                        "push refused: " << (result.ok() ? "" : result.error().message));
  return result.value();
}

sync::PullPage ServiceFixture::pullAll(const std::string& token, std::int64_t after,
                                       std::size_t limit)
{
  sync::PullPage all;
  all.cursor = after;
  for (;;) {
    const auto page = service.pull(token, all.cursor, limit);
    BOOST_REQUIRE_MESSAGE(page.ok(), "pull refused: " << (page.ok() ? "" : page.error().message));
    const auto& p = page.value();
    all.changes.insert(all.changes.end(), p.changes.begin(), p.changes.end());
    all.conflicts.insert(all.conflicts.end(), p.conflicts.begin(), p.conflicts.end());
    all.cursor = p.cursor;
    if (!p.more) {
      return all;
    }
  }
}

sync::Stamp stampAt(std::int64_t ms, const std::string& device, std::uint64_t counter)
{
  return {clock::makeHlc(static_cast<std::uint64_t>(ms), counter), device};
}

sync::FieldWrite fieldWrite(const std::string& table, const std::string& row,
                            const std::string& field, store::Value value, const sync::Stamp& stamp,
                            const sync::Stamp& base)
{
  return sync::FieldWrite{table, row, field, std::move(value), stamp, base};
}

std::optional<store::Value> valueIn(const std::vector<sync::FieldWrite>& writes,
                                    const std::string& row, const std::string& field)
{
  std::optional<store::Value> found;
  for (const auto& w : writes) {
    if (w.rowId == row && w.field == field) {
      found = w.value;
    }
  }
  return found;
}

} // namespace pupitre::test
