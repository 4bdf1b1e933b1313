#include "pupitre/store/database.h"

#include "pupitre/backup/backups.h"
#include "pupitre/error.h"
#include "pupitre/paths.h"
#include "pupitre/private_file.h"
#include "pupitre/store/capture.h"
#include "pupitre/store/migrations.h"
#include "pupitre/uuid.h"

#include <Poco/UTF8String.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

namespace pupitre::store {
namespace {

constexpr int kBusyTimeoutMs = 15000;
// The clock anchor of the boot rule (clock/boot_clock.h), in the `setting` table.
constexpr const char* kClockAnchorSetting = "clock.anchor";

int migrationNumber(const Migration& migration)
{
  return std::atoi(migration.name);
}

Database& owner(sqlite3_context* context)
{
  return *static_cast<Database*>(sqlite3_user_data(context));
}

} // namespace

Database::Database(const std::string& path)
    : Database(path, clock::systemWallClock(), clock::systemBootClock())
{
}

Database::Database(const std::string& path, clock::WallClock wallClock, clock::BootClock bootClock)
    : Database(path, std::move(wallClock), std::move(bootClock), true)
{
}

std::unique_ptr<Database> Database::openCopy(const std::string& path)
{
  return std::unique_ptr<Database>(new Database(path, clock::systemWallClock(), {}, false));
}

Database::Database(const std::string& path, clock::WallClock wallClock, clock::BootClock bootClock,
                   bool backupBeforeMigration)
    : m_path(path), m_wallClock(std::move(wallClock)), m_bootClock(std::move(bootClock)),
      m_backupBeforeMigration(backupBeforeMigration)
{
  try {
    // Marks and names are private: the file 0600 in a folder of ours, the per-user data
    // folder tightened to 0700, whatever the umask and whatever an earlier version left.
    const auto folder = std::filesystem::absolute(path).parent_path().lexically_normal();
    prepareDatabaseFile(path, folder == std::filesystem::path(paths::dataDir()).lexically_normal());
    m_db = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX,
        kBusyTimeoutMs);
    m_db->exec("PRAGMA journal_mode = WAL");
    m_db->exec("PRAGMA synchronous = NORMAL");
    registerFunctions();
    if (m_backupBeforeMigration) {
      backUpBeforeMigrating();
    }
    migrate();
  } catch (const pupitre::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError("Couldn't open the Pupitre database '" + path + "': " + e.what());
  }
}

Database::~Database() = default;

void Database::registerFunctions()
{
  sqlite3* handle = m_db->getHandle();
  auto capturing = [](sqlite3_context* context, int, sqlite3_value**) {
    sqlite3_result_int(context, owner(context).m_txnState != TxnState::RemoteApply);
  };
  auto stamp = [](sqlite3_context* context, int, sqlite3_value**) {
    Database& db = owner(context);
    if (db.m_txnState != TxnState::LocalEdit) {
      sqlite3_result_error(context,
                           "Pupitre: a change to synced data was made outside a stamped "
                           "transaction and was refused",
                           -1);
      return;
    }
    sqlite3_result_int64(context, static_cast<sqlite3_int64>(db.m_txnStamp));
  };
  auto device = [](sqlite3_context* context, int, sqlite3_value**) {
    const std::string& id = owner(context).m_deviceId;
    sqlite3_result_text(context, id.c_str(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  };
  // Unicode lower case ("Élections" -> "élections"), for searches that ignore case.
  auto fold = [](sqlite3_context* context, int, sqlite3_value** args) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
    const std::string folded = Poco::UTF8::toLower(std::string(text ? text : ""));
    sqlite3_result_text(context, folded.c_str(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
  };
  const int flags = SQLITE_UTF8;
  if (sqlite3_create_function_v2(handle, "pupitre_capturing", 0, flags, this, capturing, nullptr,
                                 nullptr, nullptr) != SQLITE_OK ||
      sqlite3_create_function_v2(handle, "pupitre_stamp", 0, flags, this, stamp, nullptr, nullptr,
                                 nullptr) != SQLITE_OK ||
      sqlite3_create_function_v2(handle, "pupitre_device", 0, flags, this, device, nullptr, nullptr,
                                 nullptr) != SQLITE_OK ||
      sqlite3_create_function_v2(handle, "pupitre_fold", 1, flags | SQLITE_DETERMINISTIC, this,
                                 fold, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw StoreError("Couldn't register Pupitre's SQL functions: " +
                     std::string(sqlite3_errmsg(handle)));
  }
}

void Database::migrate()
{
  SQLite::Transaction txn(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
  m_db->exec("CREATE TABLE IF NOT EXISTS schema_migration ("
             " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
             " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  int applied = 0;
  {
    SQLite::Statement query(*m_db, "SELECT coalesce(max(version), 0) FROM schema_migration");
    query.executeStep();
    applied = query.getColumn(0).getInt();
  }
  const auto& all = migrations();
  const int known = all.empty() ? 0 : migrationNumber(all.back());
  if (applied > known) {
    throw StoreError("The database '" + m_path + "' was written by a newer version of Pupitre " +
                     "(schema " + std::to_string(applied) + ", this one knows " +
                     std::to_string(known) + "). Update Pupitre to open it.");
  }
  bool changed = false;
  for (const auto& migration : all) {
    const int number = migrationNumber(migration);
    if (number <= applied) {
      continue;
    }
    m_db->exec(migration.sql);
    SQLite::Statement record(*m_db, "INSERT INTO schema_migration(version, name) VALUES (?, ?)");
    record.bind(1, number);
    record.bind(2, migration.name);
    record.exec();
    changed = true;
  }
  // A database made by an earlier version may hold older (equivalent) capture triggers.
  if (changed || !captureTriggersCurrent(*m_db)) {
    installCaptureTriggers(*m_db);
  }
  {
    SQLite::Statement query(*m_db, "SELECT device_id FROM replica");
    if (query.executeStep()) {
      m_deviceId = query.getColumn(0).getString();
    } else {
      m_deviceId = newUuid();
      SQLite::Statement insert(*m_db, "INSERT INTO replica(singleton, device_id) VALUES (1, ?)");
      insert.bind(1, m_deviceId);
      insert.exec();
    }
  }
  txn.commit();
}

void Database::backUpBeforeMigrating()
{
  int applied = 0;
  {
    SQLite::Statement exists(*m_db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                    " AND name = 'schema_migration'");
    exists.executeStep();
    if (exists.getColumn(0).getInt() == 0) {
      return; // a new database: nothing to keep
    }
    SQLite::Statement query(*m_db, "SELECT coalesce(max(version), 0) FROM schema_migration");
    query.executeStep();
    applied = query.getColumn(0).getInt();
  }
  const auto& all = migrations();
  const int known = all.empty() ? 0 : migrationNumber(all.back());
  if (applied == 0 || applied >= known) {
    return;
  }
  // A migration changes the file for good: the state before it is kept. The teacher's data
  // come first: a backup that cannot be written stops the opening (and the migration).
  backup::BackupRequest request;
  request.reason = backup::kReasonMigration;
  request.nowMs = m_wallClock();
  try {
    backup::createBackup(m_db->getHandle(), m_path, request);
  } catch (const std::exception& e) {
    throw StoreError("Couldn't back up the database '" + m_path +
                     "' before updating it to this version of Pupitre: " + e.what());
  }
}

int Database::schemaVersion()
{
  auto& query = statement("SELECT coalesce(max(version), 0) FROM schema_migration");
  query.executeStep();
  const int version = query.getColumn(0).getInt();
  // A statement left on its row keeps the connection's read snapshot open: it would not see
  // other processes' writes, and its next BEGIN IMMEDIATE would fail as "database is locked".
  query.reset();
  return version;
}

SQLite::Statement& Database::statement(const std::string& sql)
{
  auto& slot = m_statements[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(*m_db, sql);
  } else {
    slot->reset();
    slot->clearBindings();
  }
  return *slot;
}

std::int64_t Database::serverOffsetMs()
{
  auto& query = statement("SELECT server_offset_ms FROM replica");
  query.executeStep();
  const auto offset = query.getColumn(0).getInt64();
  query.reset();
  return offset;
}

std::int64_t Database::correctedWallMs()
{
  const std::int64_t offsetCorrected = m_wallClock() + serverOffsetMs();
  if (!m_bootClock) {
    return offsetCorrected;
  }
  return clock::correctedTimeMs(offsetCorrected, clockAnchor(), m_bootClock());
}

std::optional<clock::ClockAnchor> Database::clockAnchor()
{
  const auto text = setting(kClockAnchorSetting);
  return text ? clock::parseAnchor(*text) : std::nullopt;
}

void Database::observeServerTime(std::int64_t serverMs)
{
  const std::int64_t offset = serverMs - m_wallClock();
  const bool offsetMoved = std::llabs(offset - serverOffsetMs()) > kOffsetToleranceMs;
  std::optional<clock::ClockAnchor> anchor;
  if (m_bootClock) {
    const clock::BootTime boot = m_bootClock();
    const auto stored = clockAnchor();
    const auto predicted = stored ? clock::anchoredTimeMs(*stored, boot) : std::nullopt;
    if (!boot.bootId.empty() &&
        (!predicted || std::llabs(*predicted - serverMs) > kOffsetToleranceMs ||
         boot.sinceBootMs - stored->sinceBootMs > kAnchorRefreshMs)) {
      anchor = clock::ClockAnchor{boot.bootId, serverMs, boot.sinceBootMs};
    }
  }
  if (!offsetMoved && !anchor) {
    return; // each store is a write: only when something changed
  }
  WriteTxn txn(*this, WriteTxn::Kind::RemoteApply);
  if (offsetMoved) {
    auto& update = statement("UPDATE replica SET server_offset_ms = ?");
    update.bind(1, static_cast<std::int64_t>(offset));
    update.exec();
  }
  if (anchor) {
    setSetting(kClockAnchorSetting, clock::formatAnchor(*anchor));
  }
  txn.commit();
}

void Database::setServerOffsetMs(std::int64_t offsetMs)
{
  WriteTxn txn(*this, WriteTxn::Kind::RemoteApply);
  auto& update = statement("UPDATE replica SET server_offset_ms = ?");
  update.bind(1, static_cast<std::int64_t>(offsetMs));
  update.exec();
  txn.commit();
}

clock::Hlc Database::lastHlc()
{
  auto& query = statement("SELECT hlc FROM replica");
  query.executeStep();
  const auto hlc = static_cast<clock::Hlc>(query.getColumn(0).getInt64());
  query.reset();
  return hlc;
}

std::optional<std::string> Database::setting(const std::string& key)
{
  auto& query = statement("SELECT value FROM setting WHERE key = ?");
  query.bind(1, key);
  std::optional<std::string> value;
  if (query.executeStep()) {
    value = query.getColumn(0).getString();
  }
  query.reset();
  return value;
}

void Database::setSetting(const std::string& key, const std::string& value)
{
  const bool ownTxn = m_txnState == TxnState::None;
  std::optional<WriteTxn> txn;
  if (ownTxn) {
    txn.emplace(*this, WriteTxn::Kind::RemoteApply);
  }
  auto& upsert = statement("INSERT INTO setting(key, value) VALUES (?, ?)"
                           " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  upsert.bind(1, key);
  upsert.bind(2, value);
  upsert.exec();
  if (txn) {
    txn->commit();
  }
}

namespace {

// Capture triggers fire only when pupitre_capturing() holds, which is never the case while
// other devices' writes are applied; SQLite still builds their sub-programs for every row,
// about 15 % of an initial sync's CPU (bench/README.md). So a RemoteApply transaction runs
// with triggers off on its connection, and every other one with them on.
void enableTriggers(SQLite::Database& db, bool on)
{
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0, nullptr);
}

} // namespace

WriteTxn::WriteTxn(Database& db, Kind kind) : m_db(db)
{
  if (db.m_txnState != Database::TxnState::None) {
    throw StoreError("Internal error: a write transaction is already open on this connection.");
  }
  try {
    db.m_db->exec("BEGIN IMMEDIATE");
  } catch (const SQLite::Exception& e) {
    throw StoreError("The Pupitre database is busy in another program and did not free up in "
                     "time; try again (" +
                     std::string(e.what()) + ").");
  }
  try {
    m_clock = db.lastHlc();
    enableTriggers(*db.m_db, kind == Kind::LocalEdit);
    if (kind == Kind::LocalEdit) {
      m_stamp = clock::tick(m_clock, db.correctedWallMs());
      m_clock = m_stamp;
      db.m_txnStamp = m_stamp;
      db.m_txnState = Database::TxnState::LocalEdit;
    } else {
      db.m_txnState = Database::TxnState::RemoteApply;
    }
  } catch (...) {
    enableTriggers(*db.m_db, true);
    db.m_db->exec("ROLLBACK");
    throw;
  }
}

WriteTxn::~WriteTxn()
{
  if (!m_done) {
    try {
      m_db.m_db->exec("ROLLBACK");
    } catch (...) {
      // Nothing to do: SQLite rolls back by itself when a statement failed the transaction.
    }
  }
  enableTriggers(*m_db.m_db, true);
  m_db.m_txnState = Database::TxnState::None;
  m_db.m_txnStamp = 0;
}

void WriteTxn::commit()
{
  auto& update = m_db.statement("UPDATE replica SET hlc = ?1 WHERE hlc < ?1 OR ?2");
  update.bind(1, static_cast<std::int64_t>(m_clock));
  update.bind(2, m_rewind ? 1 : 0);
  update.exec();
  m_db.m_db->exec("COMMIT");
  enableTriggers(*m_db.m_db, true);
  m_done = true;
  m_db.m_txnState = Database::TxnState::None;
  m_db.m_txnStamp = 0;
}

} // namespace pupitre::store
