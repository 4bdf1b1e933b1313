#pragma once
// pupitrectl's reports (docs/reports.md): the gradebook, report cards, the attendance summary
// and the journal written as XLSX, CSV or PDF files, offline, from the database file.
#include "arguments.h"

#include <vector>

namespace pupitre::ctl {

std::vector<Command> reportCommands();

} // namespace pupitre::ctl
