#pragma once
// The gradebooks in "Export all my data" (docs/backups.md): every live class's gradebook of
// the whole year as XLSX, added to the ZIP as gradebooks/CLASS NAME.xlsx through the backup
// module's ZipExtras seam.
#include "pupitre/backup/data_export.h"
#include "pupitre/reports/language.h"

namespace pupitre::reports {

backup::ZipExtras gradebooksForZip(Language language);

} // namespace pupitre::reports
