#pragma once
// Windows only: pupitred and the app are window-subsystem programs (no console window opens
// when they start at login); run from a console (cmd, PowerShell), they write to it.
#ifdef _WIN32

namespace pupitre::win {

// When standard output has nowhere to go, attaches to the console of the process that started
// this one, if it has one, and sends stdout and stderr there. Returns whether they go
// somewhere now (a console, a pipe or a file).
bool useParentConsole();

// The console (if any) reads and shows UTF-8, the encoding of everything the console programs
// (pupitrectl, pupitre-server) print and read: names with accents show as they are.
void useUtf8Console();

} // namespace pupitre::win
#endif
