#pragma once
// Where Pupitre keeps its files for the current OS user (architecture.md, "Local storage").
#include <string>

namespace pupitre::paths {

// $XDG_DATA_HOME/pupitre (~/.local/share/pupitre), %LOCALAPPDATA%\Pupitre,
// ~/Library/Application Support/Pupitre.
std::string dataDir();
// dataDir()/pupitre.db
std::string defaultDatabase();

} // namespace pupitre::paths
