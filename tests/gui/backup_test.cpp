// File → Back up to…, Restore from… and Export all my data… driven on the real main window:
// the backup file is written, the restore preview shows what the backup holds and what
// restoring changes, the teacher confirms, and the gradebook's data are the backup's again.
// The two dialogs are looked at in English and in Spanish (screenshots).
#include "gui_fixture.h"
#include "spanish_session.h"

#include "backup/backup_dialog.h"
#include "backup/restore_dialog.h"
#include "main_frame.h"

#include "pupitre/backup/backups.h"
#include "pupitre/store/canonical_json.h"
#include "pupitre/store/rows.h"
#include "support/preconditions.h"

#include <wx/button.h>
#include <wx/statusbr.h>
#include <wx/timer.h>
#include <wx/uiaction.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace pupitre;

namespace {

gui::RestoreDialog* openRestoreDialog()
{
  for (wxWindow* window : wxTopLevelWindows) {
    if (auto* dialog = dynamic_cast<gui::RestoreDialog*>(window); dialog && dialog->IsModal()) {
      return dialog;
    }
  }
  return nullptr;
}

// Renames the first live class, as an edit made after the backup.
void renameFirstClass(store::Database& db, const std::string& name)
{
  const auto& table = *store::findTable("class");
  const auto rows = store::selectRows(db, table);
  store::WriteTxn txn(db);
  store::updateRow(txn, table, rows.front().id, {{"name", name}});
  txn.commit();
}

// Restores `file` through the main window, clicking Restore in the preview after a screenshot.
bool restoreClickingRestore(test::AppFixture& app, const std::string& file, const std::string& shot,
                            wxString& previewTitle)
{
  int step = 0;
  wxTimer driver;
  driver.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    auto* dialog = openRestoreDialog();
    if (!dialog) {
      return;
    }
    if (step++ == 1) {
      previewTitle = dialog->GetTitle();
      test::screenshot(dialog, shot);
      auto* restore = dynamic_cast<wxButton*>(dialog->FindWindow(wxID_OK));
      BOOST_REQUIRE(restore);
      wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
      click.SetEventObject(restore);
      restore->ProcessWindowEvent(click);
    }
  });
  driver.Start(300);
  const bool done = app.frame->restoreFrom(file);
  driver.Stop();
  return done;
}

// Both dialogs over the main window, after a rename made since the backup.
wxString showDialogs(test::AppFixture& app, const std::string& suffix)
{
  const std::string file = app.sandbox.path("preview.pupitre-backup");
  BOOST_REQUIRE(app.frame->backUpTo(file, false));
  renameFirstClass(*app.db, "Renamed after the backup");
  backup::RestoreRequest dry;
  dry.dryRun = true;
  const auto plan = backup::restoreBackup(*app.db, backup::readBackupInfo(file), dry).plan;
  auto* backupDialog =
      new gui::BackupDialog(app.frame, app.sandbox.path("Pupitre backup.pupitre-backup"));
  backupDialog->Show();
  test::pump(300);
  test::screenshot(backupDialog, "backup-dialog-" + suffix);
  backupDialog->Destroy();
  auto* restoreDialog = new gui::RestoreDialog(app.frame, plan);
  restoreDialog->Show();
  test::pump(300);
  test::screenshot(restoreDialog, "backup-restore-dialog-" + suffix);
  const wxString title = restoreDialog->GetTitle();
  restoreDialog->Destroy();
  return title;
}

} // namespace

BOOST_AUTO_TEST_SUITE(backup_gui)

BOOST_AUTO_TEST_CASE(a_backup_made_in_the_app_is_restored_after_a_preview_and_can_be_undone)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  const std::string file = app.sandbox.path("usb.pupitre-backup");
  const std::string monday = store::exportCanonicalJson(*app.db);
  BOOST_REQUIRE(app.frame->backUpTo(file, true));
  BOOST_TEST(std::filesystem::exists(file));
  BOOST_TEST(app.frame->GetStatusBar()->GetStatusText(0).Contains("usb.pupitre-backup"));

  renameFirstClass(*app.db, "Renamed after the backup");
  const std::string tuesday = store::exportCanonicalJson(*app.db);
  wxString title;
  BOOST_REQUIRE(restoreClickingRestore(app, file, "backup-restore-preview-en", title));
  BOOST_TEST(title == "Restore from a backup");
  BOOST_TEST(test::takeErrors().empty());
  BOOST_TEST(store::exportCanonicalJson(*app.db) == monday);
  const wxString status = app.frame->GetStatusBar()->GetStatusText(0);
  BOOST_TEST(status.Contains("To undo, restore"));

  // The undo: the backup the restore made first.
  const auto undo = backup::listBackups(backup::backupFolderFor(app.db->path()));
  BOOST_REQUIRE(!undo.empty());
  BOOST_TEST(undo.front().reason == backup::kReasonRestore);
  BOOST_REQUIRE(restoreClickingRestore(app, undo.front().path, "backup-restore-undo-en", title));
  BOOST_TEST(store::exportCanonicalJson(*app.db) == tuesday);
}

BOOST_AUTO_TEST_CASE(a_damaged_backup_is_refused_with_a_message_and_nothing_changes)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  const std::string file = app.sandbox.path("damaged.pupitre-backup");
  BOOST_REQUIRE(app.frame->backUpTo(file, false));
  std::string bytes = test::readFile(file);
  bytes[bytes.size() - 5] ^= 0x11;
  test::writeFile(file, bytes);
  const std::string before = store::exportCanonicalJson(*app.db);
  BOOST_TEST(!app.frame->restoreFrom(file));
  const auto errors = test::takeErrors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(errors[0].Contains("is damaged"));
  BOOST_TEST(store::exportCanonicalJson(*app.db) == before);
}

BOOST_AUTO_TEST_CASE(the_daily_backup_is_made_when_the_app_opens)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  const auto folder = backup::backupFolderFor(app.db->path());
  BOOST_REQUIRE(test::waitUntil([&] { return !backup::listBackups(folder).empty(); }));
  BOOST_TEST(backup::listBackups(folder).front().reason == backup::kReasonDaily);
}

BOOST_AUTO_TEST_CASE(the_backup_and_restore_dialogs_in_english)
{
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  BOOST_TEST(showDialogs(app, "en") == "Restore from a backup");
}

BOOST_AUTO_TEST_CASE(the_backup_and_restore_dialogs_in_spanish,
                     *boost::unit_test::precondition(test::spanishLocaleInstalled))
{
  test::SpanishSession spanish;
  test::AppFixture app;
  BOOST_REQUIRE(app.gradebookLoaded());
  BOOST_TEST(showDialogs(app, "es") == wxString::FromUTF8("Restaurar una copia de seguridad"));
}

BOOST_AUTO_TEST_SUITE_END()
