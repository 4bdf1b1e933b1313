#pragma once
// Row and device identifiers: UUID v7 (time-ordered, random) for new records, and
// name-based UUIDs for records that have a natural key (one mark per student and
// assessment), so that two devices creating "the same" record offline agree on its id.
#include <cstdint>
#include <string>
#include <string_view>

namespace pupitre {

// A new UUID v7 in canonical lower-case text form.
std::string newUuid();

// A UUID (version 8, SHA-256 based) determined by `name` alone: the same name always
// gives the same id.
std::string nameUuid(std::string_view name);

// True for the canonical 36-character text form (any version).
bool isUuid(std::string_view text);

} // namespace pupitre
