#pragma once
// What makes the server refuse a whole push batch before applying anything: writes to a
// table or field it does not know (400) and stamps too far in its future (409 clock_ahead).
#include "pupitre/sync/field_write.h"
#include "pupitre/sync/protocol.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace pupitre::server {

std::optional<sync::ApiError> checkPushWrites(const std::vector<sync::FieldWrite>& writes,
                                              std::int64_t nowMs, std::int64_t maxAheadMs);

} // namespace pupitre::server
