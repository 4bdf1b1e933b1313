#pragma once
// Where a replica's canonical export first differs from the expected one, as a few lines a
// person can read in a failure message.
#include <string>

namespace pupitre::sim {

// "" when equal; otherwise the first differing line (numbered) of both, with a line of
// context before it, and which side has more lines.
std::string firstDifference(const std::string& name, const std::string& actual,
                            const std::string& expected);

} // namespace pupitre::sim
