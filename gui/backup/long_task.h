#pragma once
// A long job on the database (a backup, a restore, an export) run on its own thread with its
// own connection, while a progress dialog keeps the window alive (conventions.md, "Threads").
#include "pupitre/backup/backup_file.h"
#include "pupitre/store/database.h"

#include <wx/string.h>

#include <functional>
#include <string>

class wxWindow;

namespace pupitre::gui {

// Runs `job` and returns when it ended, showing `message` with its progress meanwhile.
// Rethrows the job's exception.
void runWithProgress(wxWindow* parent, const wxString& title, const wxString& message,
                     const std::string& databasePath,
                     std::function<void(store::Database&, const backup::Progress&)> job);

} // namespace pupitre::gui
