#pragma once
// pupitrectl's commands for students' pictures and resource files (docs/cli.md): they work
// offline on the database file and the blob folder beside it.
#include "arguments.h"

#include <vector>

namespace pupitre::ctl {

std::vector<Command> blobCommands();

} // namespace pupitre::ctl
