#pragma once
// The last-writer-wins rule of sync.md for one incoming write against the server's current
// version of the same field, as a pure function (no storage): which one wins, and whether
// the two were concurrent (so the loser goes into the conflict list when values differ).
#include "pupitre/store/value.h"
#include "pupitre/sync/field_write.h"

#include <optional>

namespace pupitre::server {

struct CurrentVersion
{
  store::Value value;
  sync::Stamp stamp;
};

struct FieldDecision
{
  bool repeat = false; // the same version again: nothing to do
  bool incomingWins = false;
  bool conflict = false; // concurrent writes with different values: record the loser
};

// `liveness`: the field is "deleted" (values normalised to 0/1), where deleted wins a tie
// of equal stamps. `base`: the stamp the incoming write was made on top of (zero if none).
FieldDecision decideField(const std::optional<CurrentVersion>& current,
                          const store::Value& incoming, const sync::Stamp& stamp,
                          const sync::Stamp& base, bool liveness);

// A liveness value as devices read it: 1 (deleted) when it reads "1", else 0 (alive).
store::Value normaliseLiveness(const store::Value& value);
bool isDeleted(const store::Value& liveness);

} // namespace pupitre::server
