#pragma once
// W4: the server alone under many devices. Accounts and linked devices are written into a new
// server database (the store's own calls, so no login spends Argon2 time), then a real
// `pupitre-server serve` runs and one thread per simulated device syncs in a closed loop as
// pupitred does: a connection per sync (or one per device with `persistent`), a push of a few
// changed marks in the real wire format (shared/pupitre/sync/wire.h), then pull pages until
// none is left.
#include "sync/figures.h"
#include "sync/sync_world.h"

namespace pupitre::bench {

struct ServerLoadOptions
{
  int accounts = 50;
  int devicesPerAccount = 2;
  int seconds = 10;
  int fieldsPerPush = 3;
  int rowsPerAccount = 200; // marks the devices of an account change
  bool persistent = false;  // keep each device's connection across syncs
  // A PostgreSQL database (empty: server.db) and how many `serve` nodes share it and the data
  // folder; the devices are spread over the nodes in turn.
  std::string database;
  int nodes = 1;
};

FigureTable runServerLoad(const Programs& programs, const std::filesystem::path& folder,
                          const ServerLoadOptions& options);

} // namespace pupitre::bench
