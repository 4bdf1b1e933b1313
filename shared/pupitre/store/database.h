#pragma once
// The local Pupitre database: one SQLite file in WAL mode shared by the app, the daemon and
// pupitrectl. Opening it migrates the schema and installs change capture. Every write goes
// through a WriteTxn (BEGIN IMMEDIATE), which gives the transaction its HLC stamp.
#include "pupitre/clock/boot_clock.h"
#include "pupitre/clock/hlc.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace pupitre::store {

class Database
{
public:
  // Opens (creating if needed) and migrates the file. Throws StoreError with a readable
  // reason when the file is not a Pupitre database or comes from a newer version. On the
  // system's wall and boot clocks.
  explicit Database(const std::string& path);
  // The same on the given clocks. Without a boot clock the corrected time is the wall clock
  // plus the server offset only (a test that moves its wall clock by hand wants that).
  Database(const std::string& path, clock::WallClock wallClock, clock::BootClock bootClock = {});
  // A copy extracted from a backup (backup/restore.h): migrated like any database, but never
  // backed up before its migration.
  static std::unique_ptr<Database> openCopy(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  SQLite::Database& sql() { return *m_db; }
  const std::string& path() const { return m_path; }
  // This device's UUID, created with the database.
  const std::string& deviceId() const { return m_deviceId; }
  // Number of the last migration applied.
  int schemaVersion();

  // A prepared statement for `sql`, kept for reuse; returned reset with no bindings.
  SQLite::Statement& statement(const std::string& sql);

  // This device's own wall clock (ms), uncorrected.
  std::int64_t wallMs() const { return m_wallClock(); }
  // The physical part of new stamps, in ms: the wall clock corrected by the server offset,
  // unless the boot clock, since the clock anchor of this boot, says it jumped (boot_clock.h).
  std::int64_t correctedWallMs();
  std::int64_t serverOffsetMs();
  void setServerOffsetMs(std::int64_t offsetMs);
  // The server's clock read now (a sync answer): stores the offset to this device's wall clock
  // when it moved by more than kOffsetToleranceMs, and the clock anchor of this boot when it is
  // missing, from another boot, off by as much, or older than kAnchorRefreshMs.
  void observeServerTime(std::int64_t serverMs);
  // The server time and boot clock stored by the last observeServerTime, if any.
  std::optional<clock::ClockAnchor> clockAnchor();
  static constexpr std::int64_t kOffsetToleranceMs = 250;
  static constexpr std::int64_t kAnchorRefreshMs = 60'000;
  // The last stamp this device issued or observed.
  clock::Hlc lastHlc();

  // Local settings and sync state (not synced).
  std::optional<std::string> setting(const std::string& key);
  void setSetting(const std::string& key, const std::string& value);

private:
  friend class WriteTxn;
  enum class TxnState { None, LocalEdit, RemoteApply };

  Database(const std::string& path, clock::WallClock wallClock, clock::BootClock bootClock,
           bool backupBeforeMigration);
  void registerFunctions();
  void migrate();
  // Before migrating a database of an earlier schema: an automatic backup (docs/backups.md).
  void backUpBeforeMigrating();

  std::string m_path;
  clock::WallClock m_wallClock;
  clock::BootClock m_bootClock;
  std::unique_ptr<SQLite::Database> m_db;
  std::string m_deviceId;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_statements;
  TxnState m_txnState = TxnState::None;
  bool m_backupBeforeMigration = true;
  clock::Hlc m_txnStamp = 0;
};

// A write transaction (BEGIN IMMEDIATE: waits for the other process's write lock instead of
// failing). Rolled back unless commit() is called.
//  - LocalEdit: the teacher's edits. Gets one new HLC stamp; the capture triggers record
//    every changed field with it in the same transaction.
//  - RemoteApply: applying other devices' writes (merge) or the server's acknowledgements.
//    Capture is off (nothing echoes into the outbox); observe() moves the clock past the
//    stamps received.
class WriteTxn
{
public:
  enum class Kind { LocalEdit, RemoteApply };

  explicit WriteTxn(Database& db, Kind kind = Kind::LocalEdit);
  ~WriteTxn();
  WriteTxn(const WriteTxn&) = delete;
  WriteTxn& operator=(const WriteTxn&) = delete;

  Database& db() { return m_db; }
  // The stamp of this LocalEdit transaction.
  clock::Hlc stamp() const { return m_stamp; }
  void observe(clock::Hlc received) { m_clock = clock::observe(m_clock, received); }
  // Sets the device's clock back to `hlc` at commit: only for re-stamping changes that the
  // server refused as too far in its future (sync::restampPending).
  void rewindClock(clock::Hlc hlc)
  {
    m_clock = hlc;
    m_rewind = true;
  }
  void commit();

private:
  Database& m_db;
  clock::Hlc m_stamp = 0;
  clock::Hlc m_clock = 0;
  bool m_done = false;
  bool m_rewind = false;
};

} // namespace pupitre::store
