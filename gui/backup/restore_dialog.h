#pragma once
// File → Restore from…: what the backup holds and what restoring it changes on this computer,
// before the teacher confirms.
#include "pupitre/backup/restore.h"

#include <wx/dialog.h>

class wxCheckBox;

namespace pupitre::gui {

class RestoreDialog : public wxDialog
{
public:
  // `plan`: the dry run of the restore (backup::restoreBackup with dryRun).
  RestoreDialog(wxWindow* parent, const backup::RestorePlan& plan);

  // Records created since the backup are kept instead of deleted.
  bool keepNewer() const;

private:
  wxCheckBox* m_keepNewer = nullptr;
};

// "made by you", "automatic, before a synchronisation"… for a backup's reason.
wxString reasonText(const std::string& reason);
// The backup's time in the user's locale.
wxString createdText(std::int64_t ms);

} // namespace pupitre::gui
