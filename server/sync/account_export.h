#pragma once
// An account's live data in the canonical export format (store/canonical_json.h), built from
// the server's field versions: byte for byte what `pupitrectl export` prints on a device
// holding the same writes.
#include "pupitre/store/canonical_json.h"
#include "server/store/server_store.h"

#include <cstdint>
#include <string>

namespace pupitre::server {

// Every schema field present (null when never written), only rows whose liveness is alive
// (no liveness = alive), rows sorted by id. Values are read back through SQLite columns of the
// device's declared types, so they take the same form as on a device (an integer written to
// a text field reads as text there, and here).
store::LiveData accountLiveData(ServerStore& store, std::int64_t accountId);

inline std::string accountCanonicalJson(ServerStore& store, std::int64_t accountId)
{
  return store::canonicalJson(accountLiveData(store, accountId));
}

// Everything the server holds about the account, for the teacher's access request (`user
// export`): the account row (without the password hash), every device ever linked, token
// metadata (never a token or its hash), the live data, every field version with its stamp
// and sequence number (deleted rows' tombstones included), the conflict list, the blobs
// held and the failed logins recorded for its e-mail. JSON, times in UTC (docs/server.md).
std::string accountFullJson(ServerStore& store, const AccountRecord& account);

} // namespace pupitre::server
