#pragma once
// The push size a device learned from refusals (docs/sync-protocol.md, "Batch size rule"): a
// reverse proxy in front of the server may take smaller bodies than the server announces, and
// says so only with a 413. The byte cap this device came down to is kept in its settings with
// the server address it applies to, so that the next sync starts from it instead of being
// refused again; after kProbeAfterSyncs syncs that pushed under it without a refusal it is
// doubled, and forgotten once it reaches the announced size, so a raised limit is used again.
#include "pupitre/store/database.h"

#include <cstddef>
#include <optional>
#include <string>

namespace pupitre::sync {

inline constexpr int kProbeAfterSyncs = 10;

struct LearnedPushBytes
{
  std::size_t bytes = 0;
  int syncsPassed = 0; // syncs that pushed under `bytes` without a refusal since learned
};

// What was learned for `server`; nullopt when nothing was, or for another server.
std::optional<LearnedPushBytes> learnedPushBytes(store::Database& db, const std::string& server);

// A batch of more than `bytes` was refused as too large by `server` (or a proxy before it).
void learnPushBytes(store::Database& db, const std::string& server, std::size_t bytes);

// A sync pushed to `server` under the learned cap and nothing was refused: counts it, and
// after kProbeAfterSyncs such syncs doubles the cap, or forgets it when it reaches
// `announcedBytes` (the size the device uses without one).
void pushPassedUnderLearned(store::Database& db, const std::string& server,
                            std::size_t announcedBytes);

} // namespace pupitre::sync
