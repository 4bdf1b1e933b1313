#include "backup_commands.h"

#include "context.h"
#include "pupitre/backup/backups.h"
#include "pupitre/backup/data_export.h"
#include "pupitre/backup/restore.h"
#include "pupitre/printable.h"
#include "pupitre/reports/zip_gradebooks.h"
#include "pupitre/store/canonical_json.h"

namespace pupitre::ctl {
namespace {

std::string folder(Context& ctx)
{
  return backup::backupFolderFor(ctx.db().path());
}

void describe(std::ostream& out, const backup::BackupInfo& info)
{
  out << "Backup " << printable(info.id) << ": made " << backup::formatCreated(info.createdMs)
      << " (" << info.reason << "), schema " << info.schemaVersion << ", " << info.classes
      << " classes, " << info.students << " students, " << info.marks << " marks";
  if (info.blobs > 0) {
    out << ", " << info.blobs << " pictures and files";
  }
  out << "\n";
  for (const auto& name : info.classNames) {
    out << "  " << printable(name) << "\n";
  }
}

int create(Context& ctx, const Invocation& in)
{
  backup::BackupRequest request;
  request.reason = backup::kReasonManual;
  request.output = in.option("--output").value_or("");
  request.withBlobs = in.flag("--with-files");
  request.nowMs = ctx.db().wallMs();
  const auto info = backup::createBackup(ctx.db(), request);
  ctx.out << printablePath(info.path) << "\n";
  describe(ctx.out, info);
  return 0;
}

int list(Context& ctx, const Invocation& in)
{
  const auto all = backup::listBackups(folder(ctx));
  if (in.flag("--json")) {
    ctx.out << "[";
    bool first = true;
    for (const auto& b : all) {
      ctx.out << (first ? "" : ",\n ") << "{\"id\": " << store::jsonString(b.id)
              << ", \"path\": " << store::jsonString(b.path) << ", \"created_ms\": " << b.createdMs
              << ", \"reason\": " << store::jsonString(b.reason)
              << ", \"schema_version\": " << b.schemaVersion << ", \"classes\": " << b.classes
              << ", \"students\": " << b.students << ", \"marks\": " << b.marks
              << ", \"blobs\": " << b.blobs << ", \"bytes\": "
              << (static_cast<std::int64_t>(backup::kHeaderBytes) + b.payloadBytes) << "}";
      first = false;
    }
    ctx.out << "]\n";
    return 0;
  }
  ctx.out << "id\tcreated\treason\tclasses\tstudents\tmarks\tbytes\n";
  for (const auto& b : all) {
    ctx.out << printable(b.id) << "\t" << backup::formatCreated(b.createdMs) << "\t" << b.reason
            << "\t" << b.classes << "\t" << b.students << "\t" << b.marks << "\t"
            << (static_cast<std::int64_t>(backup::kHeaderBytes) + b.payloadBytes) << "\n";
  }
  return 0;
}

int restore(Context& ctx, const Invocation& in)
{
  const auto info = backup::findBackup(folder(ctx), in.positional[0]);
  backup::RestoreRequest request;
  request.dryRun = in.flag("--dry-run");
  request.keepNewer = in.flag("--keep-newer");
  request.nowMs = ctx.db().wallMs();
  const auto result = backup::restoreBackup(ctx.db(), info, request);
  const auto& plan = result.plan;
  describe(ctx.out, info);
  ctx.out << (request.dryRun ? "Would change" : "Changed") << ": " << plan.fieldsChanged
          << " fields set back, " << plan.recordsRevived << " records brought back, "
          << plan.recordsAdded << " records re-created, " << plan.recordsDeleted
          << " records deleted again, " << plan.recordsNewer << " records created since the backup "
          << (plan.keepNewer ? "kept" : "deleted") << ", " << plan.blobsRestored
          << " pictures and files copied in.\n";
  if (!request.dryRun) {
    ctx.out << "The restored values sync to your other devices at the next sync. To undo: "
            << "pupitrectl backup restore " << printable(result.undo.id) << "\n";
  }
  return 0;
}

int exportAll(Context& ctx, const Invocation& in)
{
  const auto output = in.option("--output");
  if (!output) {
    throw UsageError("export-all needs -o FILE.zip");
  }
  const auto result =
      backup::exportAllData(ctx.db(), *output,
                            reports::gradebooksForZip(reports::Language(
                                reports::environmentLanguage(), reports::catalogFolders())));
  ctx.out << printablePath(result.path) << "\n"
          << result.pictures << " pictures, " << result.resources << " resource files";
  if (result.missing > 0) {
    ctx.out << " (" << result.missing
            << " not on this device: synchronise pictures and resources first to include them)";
  }
  ctx.out << "\n";
  return 0;
}

} // namespace

std::vector<Command> backupCommands()
{
  return {
      {{"backup", "create"},
       "[-o FILE] [--with-files]",
       "Backs up the database (a consistent copy, even while the app and the daemon work) into "
       "the backups folder beside it, or into FILE; --with-files adds the pictures and resource "
       "files present on this device. Prints the file's path and what it holds.",
       {"--output"},
       {"--with-files"},
       0,
       0,
       create},
      {{"backup", "list"},
       "[--json]",
       "Lists the backups in the backups folder beside the database, newest first.",
       {},
       {"--json"},
       0,
       0,
       list},
      {{"backup", "restore"},
       "ID|FILE [--dry-run] [--keep-newer]",
       "Restores a backup as new edits on top of the current data (they sync to the other "
       "devices); records created since the backup are deleted unless --keep-newer. The current "
       "state is backed up first (undo: restore that backup). --dry-run only says what would "
       "change.",
       {},
       {"--dry-run", "--keep-newer"},
       1,
       1,
       restore},
      {{"export-all"},
       "-o FILE.zip",
       "Writes all your data on this device into one ZIP: the JSON of `export`, the students' "
       "pictures and the resource files present here.",
       {"--output"},
       {},
       0,
       0,
       exportAll},
  };
}

} // namespace pupitre::ctl
