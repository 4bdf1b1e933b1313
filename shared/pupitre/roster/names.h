#pragma once
// A student's name written in one piece, split into given and family names, and the key that
// tells two spellings of the same name apart from two names (duplicates on import).
#include <string>
#include <string_view>

namespace pupitre::roster {

struct PersonName
{
  std::string given;
  std::string family;
};

// How many family names end a name written "Given Family" (no comma): Spanish and
// Portuguese names have two ("Ana María García López"), most others one ("Mary Ann Smith").
enum class FamilyNames { One = 1, Two = 2 };

// Splits `full`, by these rules in order (docs/cli.md, "student import"):
//  1. "Family, Given": the part before the first comma is the family name.
//  2. Words in capitals next to words that are not ("GARCÍA LÓPEZ Ana", as school systems
//     export lists) are the family name.
//  3. Otherwise the last word, or the last two words with FamilyNames::Two when there are
//     three or more, are the family name and the rest the given name. A particle ("de",
//     "del", "de la", "van", "von", "da", "dos", …) stays with the word after it:
//     "María de la Fuente" -> "María" / "de la Fuente".
// A single word is a given name. Spaces are trimmed and runs of spaces made one.
PersonName splitFullName(std::string_view full, FamilyNames familyNames);

// Given and family name folded for comparison: case and accents ignored, spaces collapsed
// ("García  López, ANA" and "garcia lopez, Ana" have the same key).
std::string nameKey(std::string_view given, std::string_view family);

// `text` trimmed, inner runs of white space made one space.
std::string collapseSpaces(std::string_view text);

} // namespace pupitre::roster
