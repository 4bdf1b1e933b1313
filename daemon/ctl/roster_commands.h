#pragma once
// pupitrectl's commands that fill a class quickly (docs/cli.md): import a class list from a
// CSV or XLSX file, and a new class with another's structure.
#include "arguments.h"

#include <vector>

namespace pupitre::ctl {

std::vector<Command> rosterCommands();

} // namespace pupitre::ctl
