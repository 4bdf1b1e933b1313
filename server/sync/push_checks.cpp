#include "server/sync/push_checks.h"

#include "server/api_errors.h"

#include <variant>

namespace pupitre::server {
namespace {

constexpr std::size_t kMaxRowIdLength = 200;

std::size_t valueBytes(const store::Value& value)
{
  if (const auto* text = std::get_if<std::string>(&value)) {
    return text->size();
  }
  return 0; // numbers and null have a fixed size
}

} // namespace

std::size_t maxValueBytes(store::FieldType type, std::size_t maxTextBytes)
{
  switch (type) {
  case store::FieldType::Text:
    return maxTextBytes;
  case store::FieldType::Any:
    return kMaxAnyValueBytes;
  case store::FieldType::Integer:
  case store::FieldType::Real:
    break;
  }
  return kMaxNumberValueBytes;
}

std::optional<sync::ApiError> checkConflictReports(const std::vector<sync::Conflict>& reports,
                                                   const std::string& deviceId,
                                                   std::size_t maxTextBytes)
{
  if (reports.size() > sync::kMaxPushConflicts) {
    return api::badRequest("it reports " + std::to_string(reports.size()) +
                           " conflicts; a push reports " + std::to_string(sync::kMaxPushConflicts) +
                           " at most.");
  }
  for (const auto& c : reports) {
    const store::TableDef* table = store::findTable(c.table);
    if (!table) {
      return api::badRequest("it reports a conflict on an unknown kind of record '" + c.table +
                             "'.");
    }
    const store::FieldDef* field = table->field(c.field);
    if (c.field != store::kDeletedField && !field) {
      return api::badRequest("it reports a conflict on an unknown field '" + c.table + "." +
                             c.field + "'.");
    }
    if (c.rowId.empty() || c.rowId.size() > kMaxRowIdLength) {
      return api::badRequest("a reported conflict's record id is empty or too long.");
    }
    const std::size_t limit =
        maxValueBytes(field ? field->type : store::FieldType::Integer, maxTextBytes);
    for (const auto* value : {&c.lostValue, &c.wonValue}) {
      if (const std::size_t size = valueBytes(*value); size > limit) {
        return api::fieldTooLarge(c.table, c.field, c.rowId, size, limit);
      }
    }
    if (c.lostStamp.device != deviceId) {
      return api::badRequest("a reported conflict of record " + c.rowId +
                             " lost a write of another device; a device reports only the "
                             "losses of its own edits.");
    }
    if (!(c.lostStamp < c.wonStamp) || c.wonStamp.device.empty()) {
      return api::badRequest("a reported conflict of record " + c.rowId +
                             " has a winner that is not newer than the lost write.");
    }
  }
  return std::nullopt;
}

std::optional<sync::ApiError> checkPushWrites(const std::vector<sync::FieldWrite>& writes,
                                              const std::string& deviceId, std::int64_t nowMs,
                                              std::int64_t maxAheadMs, std::size_t maxTextBytes)
{
  if (writes.size() > kMaxPushChanges) {
    return api::tooManyChanges(writes.size(), kMaxPushChanges);
  }
  const std::uint64_t latestAccepted =
      nowMs + maxAheadMs > 0 ? static_cast<std::uint64_t>(nowMs + maxAheadMs) : 0;
  for (const auto& w : writes) {
    const store::TableDef* table = store::findTable(w.table);
    if (!table) {
      return api::badRequest("it changes an unknown kind of record '" + w.table + "'.");
    }
    const store::FieldDef* field = table->field(w.field);
    if (w.field != store::kDeletedField && !field) {
      return api::badRequest("it changes an unknown field '" + w.table + "." + w.field + "'.");
    }
    if (w.rowId.empty() || w.rowId.size() > kMaxRowIdLength) {
      return api::badRequest("a record id is empty or too long.");
    }
    const std::size_t limit =
        maxValueBytes(field ? field->type : store::FieldType::Integer, maxTextBytes);
    if (const std::size_t size = valueBytes(w.value); size > limit) {
      return api::fieldTooLarge(w.table, w.field, w.rowId, size, limit);
    }
    if (w.stamp.device.empty()) {
      return api::badRequest("a change names no device.");
    }
    if (w.stamp.device != deviceId) {
      return api::badRequest("a change of record " + w.rowId + " is stamped by device '" +
                             w.stamp.device.substr(0, kMaxRowIdLength) +
                             "', not by this device; a device sends only its own changes.");
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
