// pupitred: Pupitre's per-user sync daemon (docs/ipc-protocol.md). Everything but the entry
// point is in the pupitre_daemon library.
#include "application.h"

#ifdef _WIN32
#include "pupitre/win/console.h"
#endif

int main(int argc, char** argv)
{
#ifdef _WIN32
  pupitre::win::useParentConsole(); // a window-subsystem program: see daemon/CMakeLists.txt
#endif
  pupitre::daemon::PupitredApplication application;
  return application.run(argc, argv);
}
