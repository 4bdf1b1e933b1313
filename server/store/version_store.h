#pragma once
// What the push decision logic (sync/push_applier.h) needs from storage, inside one write
// transaction on one account: read the current version of a field, write a version, hand
// out the account's next sequence number, keep a conflict. Any backend implements it.
#include "server/store/records.h"

#include <optional>
#include <string>

namespace pupitre::server {

class VersionStore
{
public:
  virtual ~VersionStore() = default;

  virtual std::optional<StoredVersion> version(const std::string& rowId,
                                               const std::string& field) = 0;
  // The table the account files `rowId` under, if the row is known.
  virtual std::optional<std::string> rowTable(const std::string& rowId) = 0;
  // Inserts or replaces the version of (v.rowId, v.field) as given, seq included.
  virtual void putVersion(const StoredVersion& v) = 0;
  // The account's next sequence number (greater than every one handed out before).
  virtual std::int64_t nextSeq() = 0;
  // Keeps `conflict` (its id already set) with the next sequence number, unless the
  // account has a conflict with that id already; true if it was new.
  virtual bool addConflict(const sync::Conflict& conflict) = 0;
};

} // namespace pupitre::server
