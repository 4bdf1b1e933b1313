#pragma once
// pupitrectl's report card comments (docs/cli.md, "Report card comments"): the teacher's
// comment on a student's report card for a term or the whole year, offline, on the database
// file. They sync like every record.
#include "arguments.h"

#include <vector>

namespace pupitre::ctl {

std::vector<Command> commentCommands();

} // namespace pupitre::ctl
