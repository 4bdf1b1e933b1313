#include "pupitre/version.h"

#include "pupitre/ipc/protocol.h"
#include "pupitre/sync/protocol.h"

namespace pupitre {

std::string_view version()
{
  return PUPITRE_VERSION; // set on this file only, so a new version rebuilds one object
}

std::string versionLine(std::string_view program)
{
  return std::string(program) + " " + std::string(version()) + " (sync protocol " +
         std::to_string(sync::kProtocolVersion) + ", IPC protocol " +
         std::to_string(ipc::kProtocolVersion) + ")";
}

} // namespace pupitre
