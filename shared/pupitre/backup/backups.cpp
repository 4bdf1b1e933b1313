#include "pupitre/backup/backups.h"

#include "pupitre/blobs/blob_store.h"
#include "pupitre/blobs/sha256.h"
#include "pupitre/clock/calendar.h"
#include "pupitre/private_file.h"
#include "pupitre/store/database.h"
#include "pupitre/version.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>

#ifndef _WIN32
#include <unistd.h>
#endif

namespace pupitre::backup {
namespace fs = std::filesystem;
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kWeekMs = 7 * kDayMs;

long processId()
{
#ifdef _WIN32
  return 0;
#else
  return static_cast<long>(::getpid());
#endif
}

std::string stampForName(std::int64_t ms)
{
  const std::tm tm = clock::utcCalendar(static_cast<std::time_t>(ms / 1000));
  char text[40];
  std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &tm);
  char millis[8];
  std::snprintf(millis, sizeof millis, "%03d", static_cast<int>(ms % 1000));
  return std::string(text) + millis;
}

bool isAutomatic(const std::string& reason)
{
  return reason == kReasonDaily || reason == kReasonSync || reason == kReasonMigration;
}

// A file copy of the live database, made with the online backup API: one step copies every
// page under one read transaction, so the copy is one committed state while the app and the
// daemon go on writing (WAL: readers and writers do not wait for each other).
void snapshotInto(sqlite3* source, const std::string& target)
{
  makePrivateFile(target);
  sqlite3* dest = nullptr;
  if (sqlite3_open_v2(target.c_str(), &dest, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string why = dest ? sqlite3_errmsg(dest) : "out of memory";
    sqlite3_close(dest);
    throw BackupError("Couldn't create the database copy '" + target + "': " + why + ".");
  }
  sqlite3_backup* copy = sqlite3_backup_init(dest, "main", source, "main");
  int rc = copy ? SQLITE_OK : sqlite3_errcode(dest);
  if (copy) {
    do {
      rc = sqlite3_backup_step(copy, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        sqlite3_sleep(50);
      }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(copy);
    rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  if (rc == SQLITE_OK) {
    // A file on its own (the live database is in WAL mode, the copy need not be).
    rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  }
  const std::string why = sqlite3_errmsg(dest);
  sqlite3_close(dest);
  if (rc == SQLITE_FULL) {
    throw DiskFull(target, "The disk is full: couldn't copy the database for the backup. Free "
                           "some space and try again.");
  }
  if (rc != SQLITE_OK) {
    throw BackupError("Couldn't copy the database for the backup: " + why + ".");
  }
}

std::int64_t count(SQLite::Database& db, const std::string& table)
{
  SQLite::Statement query(db, "SELECT count(*) FROM " + table + " WHERE deleted = 0");
  query.executeStep();
  return query.getColumn(0).getInt64();
}

// What the header tells about the copy, and the blobs its live records name.
void describe(const std::string& copy, BackupInfo& info, std::set<std::string>& hashes)
{
  SQLite::Database db(copy, SQLite::OPEN_READONLY);
  {
    SQLite::Statement query(db, "SELECT coalesce(max(version), 0) FROM schema_migration");
    query.executeStep();
    info.schemaVersion = query.getColumn(0).getInt();
  }
  {
    SQLite::Statement query(db, "SELECT device_id FROM replica");
    if (query.executeStep()) {
      info.deviceId = query.getColumn(0).getString();
    }
  }
  info.classes = count(db, "\"class\"");
  info.students = count(db, "student");
  info.marks = count(db, "mark");
  SQLite::Statement names(db, "SELECT coalesce(name, '') FROM \"class\" WHERE deleted = 0"
                              " ORDER BY name COLLATE NOCASE");
  while (names.executeStep()) {
    info.classNames.push_back(names.getColumn(0).getString());
  }
  SQLite::Statement blobs(db, "SELECT picture FROM student WHERE deleted = 0 AND picture <> ''"
                              " UNION SELECT blob_hash FROM resource WHERE deleted = 0"
                              " AND blob_hash <> ''");
  while (blobs.executeStep()) {
    hashes.insert(blobs.getColumn(0).getString());
  }
}

std::string uniqueName(const std::string& folder, std::int64_t ms, const std::string& reason)
{
  const std::string base = stampForName(ms) + "-" + reason;
  std::string name = base;
  for (int n = 2; fs::exists(fs::path(folder) / (name + kExtension)); ++n) {
    name = base + "-" + std::to_string(n);
  }
  return (fs::path(folder) / (name + kExtension)).string();
}

void removeStaleTemps(const std::string& folder, std::int64_t nowMs)
{
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] != '.' || entry.path().extension() != ".tmp") {
      continue;
    }
    const auto written = fs::last_write_time(entry.path(), error);
    if (error) {
      continue;
    }
    const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(
                         fs::file_time_type::clock::now() - written)
                         .count();
    (void)nowMs;
    if (age > kStaleTempMs) {
      fs::remove_all(entry.path(), error);
    }
  }
}

} // namespace

std::string backupFolderFor(const std::string& databasePath)
{
  return (fs::absolute(databasePath).parent_path() / "backups").lexically_normal().string();
}

BackupInfo createBackup(sqlite3* source, const std::string& databasePath,
                        const BackupRequest& request)
{
  const std::string folder = backupFolderFor(databasePath);
  makePrivateFolder(folder, true);
  removeStaleTemps(folder, request.nowMs);
  const std::string target =
      request.output.empty() ? uniqueName(folder, request.nowMs, request.reason) : request.output;
  // The copy waits in the backups folder (private) under a temporary name.
  const std::string copy = (fs::path(folder) / (".snapshot-" + std::to_string(processId()) + "-" +
                                                stampForName(request.nowMs) + ".tmp"))
                               .string();
  struct RemoveCopy
  {
    std::string path;
    ~RemoveCopy()
    {
      std::error_code ignored;
      fs::remove(path, ignored);
      fs::remove(path + "-journal", ignored);
    }
  } removeCopy{copy};
  snapshotInto(source, copy);

  BackupInfo info;
  info.createdMs = request.nowMs;
  info.reason = request.reason;
  info.appVersion = std::string(version());
  std::set<std::string> hashes;
  describe(copy, info, hashes);

  BackupWriter writer(target, request.progress);
  std::vector<std::pair<std::string, std::string>> blobFiles;
  std::int64_t total = static_cast<std::int64_t>(fs::file_size(copy));
  if (request.withBlobs) {
    const blobs::BlobStore store(blobs::blobFolderFor(databasePath));
    for (const auto& hash : hashes) {
      if (blobs::isBlobHash(hash) && store.has(hash)) {
        blobFiles.emplace_back(hash, store.pathOf(hash).string());
        total += store.size(hash).value_or(0);
      }
    }
  }
  writer.expectBytes(total);
  writer.addFile(kDatabaseEntry, copy);
  for (const auto& [hash, path] : blobFiles) {
    writer.addFile("blobs/" + hash, path);
  }
  info.blobs = static_cast<std::int64_t>(blobFiles.size());
  info = writer.finish(info);
  spdlog::info("Backup '{}' written ({} bytes, reason {})", info.path,
               kHeaderBytes + static_cast<std::size_t>(info.payloadBytes), info.reason);
  if (request.output.empty() && request.reason != kReasonManual) {
    try {
      rotateBackups(folder, request.nowMs);
    } catch (const std::exception& e) {
      spdlog::warn("Couldn't rotate the backups in '{}': {}", folder, e.what());
    }
  }
  return info;
}

BackupInfo createBackup(store::Database& db, const BackupRequest& request)
{
  return createBackup(db.sql().getHandle(), db.path(), request);
}

std::vector<BackupInfo> listBackups(const std::string& folder)
{
  std::vector<BackupInfo> all;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || entry.path().extension() != kExtension) {
      continue;
    }
    try {
      all.push_back(readBackupInfo(entry.path().string()));
    } catch (const std::exception& e) {
      spdlog::warn("Left out of the list of backups: {}", e.what());
    }
  }
  std::sort(all.begin(), all.end(), [](const BackupInfo& a, const BackupInfo& b) {
    return a.createdMs != b.createdMs ? a.createdMs > b.createdMs : a.id > b.id;
  });
  return all;
}

BackupInfo findBackup(const std::string& folder, const std::string& idOrPath)
{
  const fs::path inFolder = fs::path(folder) / (idOrPath + kExtension);
  if (idOrPath.find('/') == std::string::npos && idOrPath.find('\\') == std::string::npos &&
      fs::exists(inFolder)) {
    return readBackupInfo(inFolder.string());
  }
  if (fs::exists(idOrPath)) {
    return readBackupInfo(idOrPath);
  }
  throw BackupError("There is no backup '" + idOrPath + "' (neither a file nor an id of " +
                    "`pupitrectl backup list`).");
}

std::vector<std::string> rotateBackups(const std::string& folder, std::int64_t nowMs)
{
  const auto all = listBackups(folder); // newest first
  std::set<std::string> keep;
  std::size_t automatic = 0;
  std::size_t restores = 0;
  std::set<std::int64_t> weeksKept;
  for (const auto& info : all) {
    if (info.reason == kReasonRestore) {
      if (restores++ < kKeepRestores) {
        keep.insert(info.id);
      }
      continue;
    }
    if (!isAutomatic(info.reason)) {
      keep.insert(info.id); // manual backups are the teacher's to remove
      continue;
    }
    if (automatic++ < kKeepLast) {
      keep.insert(info.id);
    }
    // Weeks are fixed spans (since the Unix epoch), not counted back from now: the newest of a
    // past week stays the newest of it, so what is kept for a week is never replaced.
    const std::int64_t week = info.createdMs / kWeekMs;
    if (week > nowMs / kWeekMs - kKeepWeeks && weeksKept.insert(week).second) {
      keep.insert(info.id); // the newest of that week
    }
  }
  std::vector<std::string> removed;
  for (const auto& info : all) {
    if (keep.count(info.id) == 0) {
      std::error_code error;
      if (fs::remove(info.path, error)) {
        removed.push_back(info.id);
      } else if (error) {
        spdlog::warn("Couldn't remove the old backup '{}': {}", info.path, error.message());
      }
    }
  }
  return removed;
}

bool dailyBackupDue(const std::string& folder, std::int64_t nowMs)
{
  for (const auto& info : listBackups(folder)) {
    if (nowMs - info.createdMs < kDayMs && info.createdMs <= nowMs) {
      return false;
    }
  }
  return true;
}

std::string formatCreated(std::int64_t ms)
{
  const std::tm tm = clock::utcCalendar(static_cast<std::time_t>(ms / 1000));
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

} // namespace pupitre::backup
