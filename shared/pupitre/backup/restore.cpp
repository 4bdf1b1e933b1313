#include "pupitre/backup/restore.h"

#include "pupitre/backup/backups.h"
#include "pupitre/blobs/blob_store.h"
#include "pupitre/blobs/sha256.h"
#include "pupitre/private_file.h"
#include "pupitre/store/database.h"
#include "pupitre/store/rows.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <unordered_map>

#ifndef _WIN32
#include <unistd.h>
#endif

namespace pupitre::backup {
namespace fs = std::filesystem;
namespace {

using RowsById = std::unordered_map<std::string, store::Row>;

RowsById allRows(store::Database& db, const store::TableDef& table)
{
  RowsById rows;
  for (auto& row : store::selectRows(db, table, {}, {}, "id", true)) {
    auto id = row.id;
    rows.emplace(std::move(id), std::move(row));
  }
  return rows;
}

store::Fields changedFields(const store::TableDef& table, const store::Row& wanted,
                            const store::Row* current)
{
  store::Fields fields;
  for (const auto& field : table.fields) {
    const auto& value = wanted[field.name];
    if (current ? !store::sameValue(value, (*current)[field.name]) : !store::isNull(value)) {
      fields.emplace_back(field.name, value);
    }
  }
  return fields;
}

// Walks every record of the backup and of this device; `apply` (null in a dry run) makes the
// writes inside the caller's LocalEdit transaction.
void compare(store::Database& copy, store::Database& db, RestorePlan& plan, store::WriteTxn* apply)
{
  for (const auto& table : store::syncedTables()) {
    const RowsById wanted = allRows(copy, table);
    const RowsById current = allRows(db, table);
    for (const auto& [id, row] : wanted) {
      const auto found = current.find(id);
      const store::Row* now = found == current.end() ? nullptr : &found->second;
      if (row.deleted) {
        // Deleted in the backup: a tombstone's values are not brought back (they may have
        // been erased since, by the retention); a record live here is deleted again.
        if (now && !now->deleted) {
          if (plan.keepNewer) {
            ++plan.recordsNewer; // brought back since the backup: kept
            continue;
          }
          ++plan.recordsDeleted;
          if (apply) {
            store::setDeleted(*apply, table, id, true);
          }
        } else {
          ++plan.recordsUnchanged;
        }
        continue;
      }
      if (!now) {
        ++plan.recordsAdded;
        if (apply) {
          store::insertRow(*apply, table, id, changedFields(table, row, nullptr));
        }
        continue;
      }
      const auto fields = changedFields(table, row, now);
      if (now->deleted) {
        ++plan.recordsRevived;
      } else if (fields.empty()) {
        ++plan.recordsUnchanged;
      }
      plan.fieldsChanged += now->deleted ? 0 : static_cast<std::int64_t>(fields.size());
      if (apply) {
        if (now->deleted) {
          store::setDeleted(*apply, table, id, false);
        }
        store::updateRow(*apply, table, id, fields);
      }
    }
    for (const auto& [id, row] : current) {
      if (row.deleted || wanted.count(id)) {
        continue;
      }
      ++plan.recordsNewer; // created after the backup was made
      if (apply && !plan.keepNewer) {
        store::setDeleted(*apply, table, id, true);
      }
    }
  }
}

struct TempFolder
{
  std::string path;
  ~TempFolder()
  {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

long processId()
{
#ifdef _WIN32
  return 0;
#else
  return static_cast<long>(::getpid());
#endif
}

} // namespace

RestoreResult restoreBackup(store::Database& db, const BackupInfo& backup,
                            const RestoreRequest& request)
{
  RestoreResult result;
  result.plan.backup = backup;
  result.plan.keepNewer = request.keepNewer;
  // The backup is unpacked in the backups folder (private), under a temporary name.
  const std::string folder = backupFolderFor(db.path());
  makePrivateFolder(folder, true);
  TempFolder temp{(fs::path(folder) / (".restore-" + std::to_string(processId()) + "-" +
                                       std::to_string(request.nowMs) + ".tmp"))
                      .string()};
  makePrivateFolder(temp.path, true);
  extractBackup(backup, temp.path, request.progress);
  const std::string copyPath = (fs::path(temp.path) / kDatabaseEntry).string();
  tightenFileMode(copyPath);
  // Opening the copy migrates it when it comes from an earlier version and refuses one from a
  // newer version ("Update Pupitre to open it").
  auto copy = store::Database::openCopy(copyPath);

  compare(*copy, db, result.plan, nullptr);
  const fs::path blobDir = fs::path(temp.path) / "blobs";
  std::vector<fs::path> blobFiles;
  if (fs::exists(blobDir)) {
    const blobs::BlobStore store(blobs::blobFolderFor(db.path()));
    for (const auto& entry : fs::directory_iterator(blobDir)) {
      if (!store.has(entry.path().filename().string())) {
        blobFiles.push_back(entry.path());
      }
    }
  }
  result.plan.blobsRestored = static_cast<std::int64_t>(blobFiles.size());
  if (request.dryRun) {
    return result;
  }

  // The state being replaced, kept first: restoring it is the undo.
  BackupRequest undo;
  undo.reason = kReasonRestore;
  undo.nowMs = request.nowMs;
  result.undo = createBackup(db, undo);

  if (!blobFiles.empty()) {
    blobs::BlobStore store(blobs::blobFolderFor(db.path()));
    for (const auto& file : blobFiles) {
      const std::string hash = store.addFile(file.string());
      if (hash != file.filename().string()) {
        store.remove(hash);
        throw BackupError("The backup '" + backup.path + "' holds a damaged picture or file; " +
                          "nothing was restored from it. Use another backup.");
      }
    }
  }
  // One transaction, one stamp: the restore wins or loses as a whole against edits made
  // elsewhere at the same time, and a crash leaves nothing half restored.
  RestorePlan applied;
  applied.backup = backup;
  applied.keepNewer = request.keepNewer;
  applied.blobsRestored = result.plan.blobsRestored;
  store::WriteTxn txn(db);
  compare(*copy, db, applied, &txn);
  txn.commit();
  spdlog::info("Backup '{}' restored: {} fields, {} revived, {} added, {} deleted, {} newer",
               backup.id, applied.fieldsChanged, applied.recordsRevived, applied.recordsAdded,
               applied.recordsDeleted, applied.recordsNewer);
  result.plan = applied;
  return result;
}

} // namespace pupitre::backup
