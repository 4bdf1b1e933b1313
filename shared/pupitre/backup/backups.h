#pragma once
// Backups of the device database (docs/backups.md): consistent snapshots made with SQLite's
// online backup API while the app and the daemon keep working, kept in the folder `backups`
// beside the database (0700, files 0600) or written where the teacher chooses, and the
// rotation of the automatic ones.
#include "pupitre/backup/backup_file.h"

#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;

namespace pupitre::store {
class Database;
}

namespace pupitre::backup {

// Why a backup was made (the header's "reason").
inline constexpr const char* kReasonManual = "manual";       // File → Back up, backup create
inline constexpr const char* kReasonDaily = "daily";         // once a day when the app is used
inline constexpr const char* kReasonSync = "sync";           // before a sync applies remote changes
inline constexpr const char* kReasonMigration = "migration"; // before the schema is migrated
inline constexpr const char* kReasonRestore = "restore";     // the state a restore replaced (undo)

// Rotation of the automatic backups (daily, sync, migration): the newest kKeepLast, plus the
// newest of each of the last kKeepWeeks weeks (weeks: fixed 7-day spans since the Unix epoch,
// the current one included). Restore backups: the newest kKeepRestores.
// Manual backups in the folder are never removed by the rotation.
inline constexpr std::size_t kKeepLast = 10;
inline constexpr int kKeepWeeks = 8;
inline constexpr std::size_t kKeepRestores = 5;
// A temporary file older than this was left by a killed process and is removed.
inline constexpr std::int64_t kStaleTempMs = 60 * 60 * 1000;

// `backups` beside the database file.
std::string backupFolderFor(const std::string& databasePath);

struct BackupRequest
{
  std::string reason = kReasonManual;
  // Where to write; empty: a new file in backupFolderFor(database), named by time and reason.
  std::string output;
  bool withBlobs = false; // pictures and resource files present on the device
  std::int64_t nowMs = 0; // the creation time written in the header
  Progress progress;
};

// Snapshots the database open on `db` (a consistent state even while other processes write)
// and writes the backup file; automatic ones are followed by the rotation. Throws DiskFull or
// BackupError / StoreError with a sentence for the teacher.
BackupInfo createBackup(store::Database& db, const BackupRequest& request);
// The same from a raw connection (before a migration, when no store::Database exists yet).
BackupInfo createBackup(sqlite3* source, const std::string& databasePath,
                        const BackupRequest& request);

// The backups in `folder`, newest first. Files that cannot be read are left out (and logged).
std::vector<BackupInfo> listBackups(const std::string& folder);
// A backup by its id (in `folder`) or by a file path. Throws BackupError when there is none.
BackupInfo findBackup(const std::string& folder, const std::string& idOrPath);
// Applies the rotation above at `nowMs`; returns the ids removed.
std::vector<std::string> rotateBackups(const std::string& folder, std::int64_t nowMs);
// True when no backup in `folder` is younger than a day at `nowMs`.
bool dailyBackupDue(const std::string& folder, std::int64_t nowMs);

// "2026-12-06 17:15 UTC" for lists and previews.
std::string formatCreated(std::int64_t ms);

} // namespace pupitre::backup
