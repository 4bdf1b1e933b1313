#include "server/store/server_store.h"

namespace pupitre::server {

PurgeResult ServerStore::purgeTombstones(clock::Hlc deletedBeforeHlc)
{
  PurgeResult total;
  for (const std::int64_t id : accountIds()) {
    const auto purged = purgeAccountTombstones(id, deletedBeforeHlc);
    if (!purged) {
      continue; // erased meanwhile
    }
    total.rows += purged->rows;
    total.fields += purged->fields;
    total.conflicts += purged->conflicts;
    total.accounts += purged->rows > 0 ? 1 : 0;
  }
  return total;
}

} // namespace pupitre::server
