#pragma once
// pupitrectl's backup commands and the export of all the teacher's data (docs/cli.md,
// docs/backups.md): they work offline on the database file and the folders beside it.
#include "arguments.h"

#include <vector>

namespace pupitre::ctl {

std::vector<Command> backupCommands();

} // namespace pupitre::ctl
