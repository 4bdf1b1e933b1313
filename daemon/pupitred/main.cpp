// pupitred: Pupitre's per-user sync daemon (docs/ipc-protocol.md). Everything but the entry
// point is in the pupitre_daemon library.
#include "application.h"

int main(int argc, char** argv)
{
  pupitre::daemon::PupitredApplication application;
  return application.run(argc, argv);
}
