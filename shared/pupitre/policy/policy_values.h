#pragma once
// The rules every policy source shares: what each key's value may be, and the checks over
// the whole policy once read (a lock without the value it locks, a preset under the minimum).
#include "policy.h"

#include <string>
#include <vector>

namespace pupitre::policy {

// Sets `key` from its text. `place` names where it was read ("FILE, line N"); a bad key or
// value adds a warning naming place and key and leaves the policy as it was.
void applyValue(Policy& policy, const std::string& key, const std::string& value,
                const std::string& place, std::vector<std::string>& warnings);

// The checks over the whole policy, after every value was applied.
void finishPolicy(Policy& policy, const std::string& origin, std::vector<std::string>& warnings);

} // namespace pupitre::policy
