#pragma once
// Starting the per-user pupitred when the app finds none: the program next to the app's
// executable, else on PATH, launched with --daemon so it detaches and outlives the app (on
// Windows: started detached, in a process group of its own, and not waited for).
#include <string>

namespace pupitre::gui {

// `given` when not empty; else `pupitred` beside `appExecutable`; else the first on PATH;
// empty when there is none.
std::string findDaemonProgram(const std::string& given, const std::string& appExecutable);

// Runs `program --daemon [--db DATABASE] [--socket SOCKET]` and waits only for its first
// process, which exits once the daemon has detached; on Windows runs `program [--db DATABASE]
// [--socket SOCKET]` detached and does not wait at all. Returns an empty string on success,
// otherwise what went wrong (for the log and the status).
std::string launchDaemon(const std::string& program, const std::string& database,
                         const std::string& socket);

} // namespace pupitre::gui
