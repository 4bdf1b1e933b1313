#pragma once
// File → Export my account's data…: the teacher's right of access from the app
// (docs/backups.md). The daemon fetches everything the server holds about the signed-in
// account with the device token and writes it to the file the teacher chose; the app only
// asks it through DaemonLink and waits with a busy dialog, never blocking on the IPC.
#include "sync/daemon_link.h"

#include <cstdint>
#include <string>

class wxDialog;
class wxWindow;

namespace pupitre::gui {

struct AccountExportOutcome
{
  std::int64_t bytes = 0;
  std::string error; // the sentence for the teacher; empty when the file was written
};

// Asks the daemon to write the account's export to `path` (absolute) and returns when it
// answered, showing a busy dialog meanwhile (the window stays alive: the request runs on the
// link's worker). The error says what failed and what to do.
AccountExportOutcome fetchAccountExport(wxWindow* parent, DaemonLink& link,
                                        const std::string& path);

// The result: where the file is, its size and what it holds. Created, not shown (the caller
// shows it modal, a test takes its screenshot); its text is the window "account_export_message".
wxDialog* createAccountExportResult(wxWindow* parent, const std::string& path, std::int64_t bytes);

// The file name offered: "Pupitre account data YYYY-MM-DD.json", translated.
wxString accountExportFileName();

} // namespace pupitre::gui
