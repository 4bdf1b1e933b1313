#pragma once
// pupitrectl's commands for evaluation periods, averages per term and the final mark
// (docs/cli.md): offline, on the database file.
#include "arguments.h"

#include <string>
#include <vector>

namespace pupitre::ctl {

std::vector<Command> termCommands();

// Today's date on this computer, YYYY-MM-DD (a new class's default terms follow it).
std::string localToday();

} // namespace pupitre::ctl
