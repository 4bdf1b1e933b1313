#include "server/sync/push_checks.h"

#include "pupitre/store/schema.h"
#include "server/api_errors.h"

namespace pupitre::server {
namespace {

constexpr std::size_t kMaxRowIdLength = 200;

} // namespace

std::optional<sync::ApiError> checkPushWrites(const std::vector<sync::FieldWrite>& writes,
                                              std::int64_t nowMs, std::int64_t maxAheadMs)
{
  const std::uint64_t latestAccepted =
      nowMs + maxAheadMs > 0 ? static_cast<std::uint64_t>(nowMs + maxAheadMs) : 0;
  for (const auto& w : writes) {
    const store::TableDef* table = store::findTable(w.table);
    if (!table) {
      return api::badRequest("it changes an unknown kind of record '" + w.table + "'.");
    }
    if (w.field != store::kDeletedField && !table->field(w.field)) {
      return api::badRequest("it changes an unknown field '" + w.table + "." + w.field + "'.");
    }
    if (w.rowId.empty() || w.rowId.size() > kMaxRowIdLength) {
      return api::badRequest("a record id is empty or too long.");
    }
    if (w.stamp.device.empty()) {
      return api::badRequest("a change names no device.");
    }
  }
  for (const auto& w : writes) {
    if (clock::physicalMs(w.stamp.hlc) > latestAccepted) {
      return api::clockAhead(nowMs, maxAheadMs);
    }
  }
  return std::nullopt;
}

} // namespace pupitre::server
