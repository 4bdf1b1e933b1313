#pragma once
// pupitrectl's commands that talk to pupitred over the local IPC (docs/cli.md): sign-in,
// sync, status, schedule, devices.
#include "arguments.h"

#include <vector>

namespace pupitre::ctl {

std::vector<Command> daemonCommands();

} // namespace pupitre::ctl
