#pragma once
// Applies a device's push batch to the server's versions (sync.md, docs/sync-protocol.md):
// per-field last-writer-wins on (hlc, device); liveness ("deleted") as a field where deleted
// wins a tie; every field write also asserts that its row is alive at its stamp; concurrent
// writes with different values put the loser into the conflict list; every change that
// devices must pull gets the account's next sequence number. Works through VersionStore,
// so any storage backend reuses it; the caller owns the transaction.
#include "server/outcome.h"
#include "server/store/version_store.h"

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace pupitre::server {

class PushApplier
{
public:
  explicit PushApplier(VersionStore& store) : m_store(store) {}

  using Order = std::vector<const sync::FieldWrite*>;

  // `writes` passed checkPushWrites. A refusal (a record filed under two kinds of record)
  // means the caller must roll back.
  Outcome<sync::PushResult> apply(const std::vector<sync::FieldWrite>& writes);

  // The order writes are applied in: record by record, a record's liveness first.
  static Order applyingOrder(const std::vector<sync::FieldWrite>& writes);
  // `order` cut into parts of about `changesPerPart` changes, never splitting a record, so
  // that each part can be applied in a transaction of its own. At least one part.
  static std::vector<std::span<const sync::FieldWrite* const>> inParts(const Order& order,
                                                                       std::size_t changesPerPart);
  // The refusal if a record of `order` is filed under two kinds of record (in the push or
  // against the stored data).
  std::optional<sync::ApiError> checkRecords(const Order& order);
  // Applies a part of an applying order, adding up its outcome in `result`.
  std::optional<sync::ApiError> applyPart(std::span<const sync::FieldWrite* const> part,
                                          sync::PushResult& result);

  // Keeps the reported losses (passed checkConflictReports) whose winner the account holds or
  // has superseded, on a record it files under that table and has not erased; the others are
  // ignored (a loss of an erased record must not bring its values back). Each entry once,
  // under the id every device computes.
  void applyReports(const std::vector<sync::Conflict>& reports, sync::PushResult& result);

private:
  void applyWrite(const sync::FieldWrite& w, sync::PushResult& result);
  void assertAlive(const sync::FieldWrite& w, sync::PushResult& result);
  void recordConflict(const sync::FieldWrite& w, const std::string& field,
                      const store::Value& lostValue, const sync::Stamp& lostStamp,
                      const store::Value& wonValue, const sync::Stamp& wonStamp,
                      sync::PushResult& result);
  bool tableMatches(const sync::FieldWrite& w);
  // The row's liveness version, read once per row and transaction and kept up to date by put:
  // every field write asserts it, so it would otherwise be read again for each field.
  std::optional<StoredVersion> liveness(const std::string& rowId);
  std::optional<StoredVersion> current(const std::string& rowId, const std::string& field);
  void put(const StoredVersion& v);
  // `v` is a value the retention sweep erased: null at the stamp of its row's deletion.
  bool isErased(const StoredVersion& v);

  VersionStore& m_store;
  std::unordered_map<std::string, std::string> m_rowTables;
  std::unordered_map<std::string, std::optional<StoredVersion>> m_liveness; // by row id
};

} // namespace pupitre::server
