#pragma once
// The product's version. Its single source is `project(Pupitre VERSION …)` in the top
// CMakeLists.txt; packages, `--version` and the About box all read it from here.
#include <string>
#include <string_view>

namespace pupitre {

// "0.1.0".
std::string_view version();

// What every executable prints for `--version`:
// "pupitrectl 0.1.0 (sync protocol 1, IPC protocol 1)".
std::string versionLine(std::string_view program);

} // namespace pupitre
