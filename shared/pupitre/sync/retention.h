#pragma once
// Retention on a device that does not sync (docs/sync-protocol.md, "Retention"). On the server
// a sweep erases the values of records deleted longer than the retention ago, and syncing
// devices receive that erasure like any change. A device that does not sync — not signed in,
// or signed in with a single-device licence — never would: it erases them itself, by the same
// rule and with the same result, so it keeps no more of a deleted pupil than the server does.
#include "pupitre/store/database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pupitre::sync {

struct LocalPurge
{
  std::int64_t rows = 0;   // deleted records whose values were erased
  std::int64_t fields = 0; // values erased
  // Blobs (pictures, resource files) the erased values named and no record names any more:
  // their files can go.
  std::vector<std::string> unreferencedBlobs;
};

// Erases the values of every record deleted at a stamp whose time is before
// `deletedBeforeMs`: each other field becomes null at the stamp of the deletion, as the
// server's sweep writes it (not pending: the server makes the same erasure itself), pending
// older edits of those fields are dropped, and the record's conflict-list entries are deleted.
// One transaction. Records already erased are left alone.
LocalPurge purgeDeletedValues(store::Database& db, std::int64_t deletedBeforeMs);

} // namespace pupitre::sync
