#pragma once
// The teacher's right of access from the device (docs/backups.md, "The account's data on the
// server"): everything the server holds about the signed-in account, fetched with the device
// token (GET /api/v1/account/export, the JSON of `pupitre-server user export`) and written to
// a file of the teacher's choice.
#include "account.h"

#include "pupitre/error.h"

#include <cstdint>
#include <string>

namespace pupitre::daemon {

// The export could not be written where the teacher asked (the folder, the disk).
class ExportWriteError : public Error
{
public:
  using Error::Error;
};

struct AccountExportWritten
{
  std::string path;
  std::int64_t bytes = 0;
};

// Writes the account's export to `path`, an absolute path: into PATH.part (0600), flushed to
// the disk, then renamed to PATH, so PATH is the whole export or left as it was. The path is
// checked (ValidationError) and PATH.part created (ExportWriteError) before the server is
// asked; any failure removes PATH.part. Throws NotSignedIn, sync::TransportError (offline),
// sync::ApiRefusal (the server said no) as Account does.
AccountExportWritten writeAccountExport(Account& account, const std::string& path);

} // namespace pupitre::daemon
