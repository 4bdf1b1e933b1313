// The main window's File menu commands for backups and the teacher's own data (docs/backups.md):
// Back up to…, Restore from…, Export all my data…, Export my account's data… and the daily
// automatic backup.
#include "backup/backup_dialog.h"
#include "backup/long_task.h"
#include "backup/restore_dialog.h"
#include "class_list_panel.h"
#include "error_report.h"
#include "main_frame.h"
#include "panels/journal_panel.h"
#include "panels/students_panel.h"
#include "reports/export_dialog.h"
#include "sync/account_export.h"
#include "sync/daemon_link.h"

#include "pupitre/backup/backups.h"
#include "pupitre/backup/data_export.h"
#include "pupitre/backup/restore.h"
#include "pupitre/reports/zip_gradebooks.h"

#include <wx/datetime.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/stdpaths.h>

#include <chrono>

namespace pupitre::gui {
namespace {

std::int64_t nowMs()
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

wxString documentsFile(const wxString& name)
{
  return wxFileName(wxStandardPaths::Get().GetDocumentsDir(), name).GetFullPath();
}

} // namespace

void MainFrame::backUpFromMenu()
{
  const wxString name = wxString::Format(_("Pupitre backup %s"), wxDateTime::Now().FormatISODate());
  BackupDialog dialog(this, documentsFile(name + ".pupitre-backup"));
  if (dialog.ShowModal() == wxID_OK) {
    backUpTo(dialog.path(), dialog.withFiles());
  }
}

bool MainFrame::backUpTo(const std::string& path, bool withFiles)
{
  backup::BackupInfo written;
  const bool ok = reportErrors(this, [&] {
    runWithProgress(this, _("Back up"), _("Backing up your data…"), m_db.path(),
                    [&](store::Database& db, const backup::Progress& progress) {
                      backup::BackupRequest request;
                      request.output = path;
                      request.withBlobs = withFiles;
                      request.nowMs = nowMs();
                      request.progress = progress;
                      written = backup::createBackup(db, request);
                    });
  });
  if (ok) {
    SetStatusText(wxString::Format(_("Backed up to %s"), wxString::FromUTF8(written.path)), 0);
  }
  return ok;
}

void MainFrame::restoreFromMenu()
{
  wxFileDialog dialog(
      this, _("Restore from"), wxString::FromUTF8(backup::backupFolderFor(m_db.path())), {},
      _("Pupitre backups (*.pupitre-backup)|*.pupitre-backup"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dialog.ShowModal() == wxID_OK) {
    restoreFrom(dialog.GetPath().utf8_string());
  }
}

bool MainFrame::restoreFrom(const std::string& path)
{
  // What the backup holds and what restoring it would change, read off the GUI thread.
  backup::RestorePlan plan;
  if (!reportErrors(this, [&] {
        runWithProgress(this, _("Restore from a backup"), _("Reading the backup…"), m_db.path(),
                        [&](store::Database& db, const backup::Progress& progress) {
                          backup::RestoreRequest request;
                          request.dryRun = true;
                          request.nowMs = nowMs();
                          request.progress = progress;
                          plan =
                              backup::restoreBackup(db, backup::readBackupInfo(path), request).plan;
                        });
      })) {
    return false;
  }
  RestoreDialog preview(this, plan);
  if (preview.ShowModal() != wxID_OK) {
    return false;
  }
  // What is being typed is saved first: it becomes part of the state backed up for the undo.
  m_students->saveNow();
  m_journal->saveNow();
  backup::RestoreResult result;
  const bool ok = reportErrors(this, [&] {
    runWithProgress(this, _("Restore from a backup"), _("Restoring…"), m_db.path(),
                    [&](store::Database& db, const backup::Progress& progress) {
                      backup::RestoreRequest request;
                      request.keepNewer = preview.keepNewer();
                      request.nowMs = nowMs();
                      request.progress = progress;
                      result = backup::restoreBackup(db, backup::readBackupInfo(path), request);
                    });
  });
  if (ok) {
    // Edit → Undo cannot reach across a restore; restoring the undo backup can.
    m_commands.ClearCommands();
    m_classes->reload();
    reloadVisible();
    SetStatusText(wxString::Format(_("Restored the backup of %s. To undo, restore %s."),
                                   createdText(plan.backup.createdMs),
                                   wxString::FromUTF8(result.undo.path)),
                  0);
  }
  return ok;
}

void MainFrame::exportAllFromMenu()
{
  wxFileDialog dialog(this, _("Export all my data"), wxStandardPaths::Get().GetDocumentsDir(),
                      _("My Pupitre data.zip"), _("ZIP files (*.zip)|*.zip"),
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() == wxID_OK) {
    exportAllTo(dialog.GetPath().utf8_string());
  }
}

bool MainFrame::exportAllTo(const std::string& path)
{
  const bool ok = reportErrors(this, [&] {
    runWithProgress(this, _("Export all my data"), _("Exporting your data…"), m_db.path(),
                    [&](store::Database& db, const backup::Progress& progress) {
                      backup::exportAllData(
                          db, path, reports::gradebooksForZip(appReportLanguage()), progress);
                    });
  });
  if (ok) {
    SetStatusText(wxString::Format(_("Exported all your data to %s"), wxString::FromUTF8(path)), 0);
  }
  return ok;
}

void MainFrame::exportAccountFromMenu()
{
  // The daemon fetches it with this device's sign-in: without one there is nothing to ask.
  const std::string why = m_link.status().whyCannotExportAccount();
  if (!why.empty()) {
    showError(this, wxString::FromUTF8(why));
    return;
  }
  wxFileDialog dialog(this, _("Export my account's data"), wxStandardPaths::Get().GetDocumentsDir(),
                      accountExportFileName(), _("JSON files (*.json)|*.json"),
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() == wxID_OK) {
    exportAccountTo(dialog.GetPath().utf8_string());
  }
}

bool MainFrame::exportAccountTo(const std::string& path)
{
  const std::string absolute = wxFileName(wxString::FromUTF8(path)).GetAbsolutePath().utf8_string();
  const auto outcome = fetchAccountExport(this, m_link, absolute);
  if (!outcome.error.empty()) {
    showError(this, wxString::FromUTF8(outcome.error));
    return false;
  }
  SetStatusText(
      wxString::Format(_("Exported your account's data to %s"), wxString::FromUTF8(absolute)), 0);
  wxDialog* result = createAccountExportResult(this, absolute, outcome.bytes);
  result->ShowModal();
  result->Destroy();
  return true;
}

void MainFrame::dailyBackup()
{
  // Once a day when the app is used, on the worker (never holding up the window). A failure
  // is logged and said in the status bar; the app goes on.
  m_worker.run<std::string>(
      [](store::Database& db) -> std::string {
        const std::string folder = backup::backupFolderFor(db.path());
        if (!backup::dailyBackupDue(folder, nowMs())) {
          return {};
        }
        try {
          backup::BackupRequest request;
          request.reason = backup::kReasonDaily;
          request.nowMs = nowMs();
          backup::createBackup(db, request);
          return {};
        } catch (const std::exception& e) {
          return describe(e).utf8_string();
        }
      },
      [this](std::string& failure) {
        if (!failure.empty()) {
          SetStatusText(
              wxString::Format(_("The daily backup failed: %s"), wxString::FromUTF8(failure)), 0);
        }
      });
}

} // namespace pupitre::gui
