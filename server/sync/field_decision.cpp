#include "server/sync/field_decision.h"

namespace pupitre::server {

store::Value normaliseLiveness(const store::Value& value)
{
  return store::Value{std::int64_t{store::toText(value) == "1" ? 1 : 0}};
}

bool isDeleted(const store::Value& liveness)
{
  return store::toText(liveness) == "1";
}

FieldDecision decideField(const std::optional<CurrentVersion>& current,
                          const store::Value& incoming, const sync::Stamp& stamp,
                          const sync::Stamp& base, bool liveness)
{
  FieldDecision d;
  if (!current) {
    d.incomingWins = true;
    return d;
  }
  if (current->stamp == stamp) {
    // One stamp names one write: the same one again. Except that "deleted" wins a tie with
    // "alive" on the liveness field (an edit asserts alive at the stamp of its transaction,
    // and a deletion in that same transaction must win).
    d.incomingWins = liveness && isDeleted(incoming) && !isDeleted(current->value);
    d.repeat = !d.incomingWins;
    return d;
  }
  d.incomingWins = current->stamp < stamp;
  // Made on top of the current version (or by the device that wrote it): successive edits.
  // Otherwise neither write knew of the other.
  const bool concurrent = base != current->stamp && stamp.device != current->stamp.device;
  d.conflict = concurrent && !store::sameValue(current->value, incoming);
  return d;
}

} // namespace pupitre::server
