#pragma once
// What makes the server refuse a whole push batch before applying anything: too many
// changes or a value too large (413), writes to a table or field it does not know or
// stamped by another device than the pushing one (400), and stamps too far in its future
// (409 clock_ahead). The limits are here, in one place (docs/server.md, "Security").
#include "pupitre/store/schema.h"
#include "pupitre/sync/field_write.h"
#include "pupitre/sync/protocol.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pupitre::server {

// Changes in one push; devices send at most 5000 (sync::SyncOptions::pushBatchSize), and
// at most half of what the server announces (sync::ServerLimits).
inline constexpr std::size_t kMaxPushChanges = sync::ServerLimits{}.maxPushChanges;
// Bytes of one text value, per field type: a Text field (names, notes, a journal's body, which
// the app takes up to 1 000 000 bytes long) ...
inline constexpr std::size_t kMaxTextValueBytes = sync::ServerLimits{}.maxTextBytes;
// ... a mark's value (a number or a symbol such as "A+") ...
inline constexpr std::size_t kMaxAnyValueBytes = sync::ServerLimits{}.maxAnyBytes;
// ... and an Integer or Real field (a number; text there is refused past this).
inline constexpr std::size_t kMaxNumberValueBytes = sync::ServerLimits{}.maxNumberBytes;
// A push is applied in transactions of about this many changes (whole records together),
// so that one big push does not hold the server's write lock for long. 2000 was measured too
// (bench/README.md, 2026-12-07): a school year's first push took a quarter of the commits,
// with no difference in the server's CPU or the push's time on this machine.
inline constexpr std::size_t kPushChangesPerTransaction = 500;

// The largest text value a field of `type` accepts, in bytes, when a Text field takes
// `maxTextBytes`.
std::size_t maxValueBytes(store::FieldType type, std::size_t maxTextBytes = kMaxTextValueBytes);

// The refusal of the conflict-list entries a push of device `deviceId` reports, if any: too
// many, an unknown table or field, a value too large, a lost write that is not this device's
// own or not older than its winner. Whether the server knows the winner is PushApplier's.
std::optional<sync::ApiError> checkConflictReports(const std::vector<sync::Conflict>& reports,
                                                   const std::string& deviceId,
                                                   std::size_t maxTextBytes = kMaxTextValueBytes);

// The refusal of a push of `writes` by device `deviceId` at server time `nowMs`, if any.
std::optional<sync::ApiError> checkPushWrites(const std::vector<sync::FieldWrite>& writes,
                                              const std::string& deviceId, std::int64_t nowMs,
                                              std::int64_t maxAheadMs,
                                              std::size_t maxTextBytes = kMaxTextValueBytes);

} // namespace pupitre::server
