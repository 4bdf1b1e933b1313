#pragma once
// The IPC's one dispatch table (docs/ipc-protocol.md): each method of ipc/protocol.h with the
// daemon call it makes, and the translation of the core's errors into IPC error codes.
#include "pupitre/ipc/server.h"

namespace pupitre::daemon {

class Daemon;

ipc::MethodTable daemonMethods(Daemon& daemon);

} // namespace pupitre::daemon
