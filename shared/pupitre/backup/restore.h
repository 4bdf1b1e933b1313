#pragma once
// Restoring a backup (docs/backups.md, "Restoring"): the backup's records become ordinary
// local edits on top of this device's current state, stamped now and captured like the
// teacher's own, so they sync out and win over what they replace on every device. The sync
// metadata (field versions, outbox, cursor, conflict list) is never replaced. Before anything
// is changed, the current state is itself backed up (reason "restore"): restoring that backup
// undoes the restore.
#include "pupitre/backup/backup_file.h"

#include <cstdint>
#include <map>
#include <string>

namespace pupitre::store {
class Database;
}

namespace pupitre::backup {

// What a restore changes (or, in a dry run, would change).
struct RestorePlan
{
  BackupInfo backup;
  std::int64_t fieldsChanged = 0;  // fields of live records set back to the backup's value
  std::int64_t recordsRevived = 0; // deleted since the backup: brought back
  std::int64_t recordsAdded = 0;   // in the backup, unknown here: created again
  std::int64_t recordsDeleted = 0; // live here, deleted in the backup
  std::int64_t recordsNewer = 0;   // created since the backup: deleted, or kept (keepNewer)
  std::int64_t recordsUnchanged = 0;
  std::int64_t blobsRestored = 0; // pictures and files copied in that were missing here
  bool keepNewer = false;

  bool changesNothing() const
  {
    return fieldsChanged + recordsRevived + recordsAdded + recordsDeleted +
               (keepNewer ? 0 : recordsNewer) ==
           0;
  }
};

struct RestoreRequest
{
  // Records created after the backup (and live now) are kept instead of deleted.
  bool keepNewer = false;
  bool dryRun = false;    // only compute the plan
  std::int64_t nowMs = 0; // for the undo backup's header
  Progress progress;
};

struct RestoreResult
{
  RestorePlan plan;
  // The automatic backup of the state before the restore: restoring it undoes the restore.
  // Empty in a dry run.
  BackupInfo undo;
};

// Checks the backup (checksum, schema not newer than this version), then applies it as
// described above, in one transaction. Throws BackupError / StoreError / DiskFull.
RestoreResult restoreBackup(store::Database& db, const BackupInfo& backup,
                            const RestoreRequest& request);

} // namespace pupitre::backup
