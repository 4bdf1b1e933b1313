#pragma once
// pupitrectl's offline data commands on a database file (docs/cli.md).
#include "arguments.h"

#include <vector>

namespace pupitre::ctl {

std::vector<Command> dataCommands();

} // namespace pupitre::ctl
