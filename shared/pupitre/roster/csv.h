#pragma once
// CSV as RFC 4180 writes it and spreadsheets save it: quoted cells with separators, line
// breaks and doubled quotes inside, CRLF or LF (or CR) line ends, and the separator Excel
// uses in the teacher's locale (',' in English, ';' in Spanish, a tab for "Unicode text").
#include "pupitre/roster/table.h"

#include <optional>
#include <string_view>

namespace pupitre::roster {

// The separator of `text` among tab, ';' and ',': the one that splits its first records into
// the same number (more than one) of cells, the most cells winning; ',' when none does.
char detectSeparator(std::string_view text);
// The same without the fallback: 0 when no separator splits the first records alike (a list
// of names, one per line, some with a comma).
char consistentSeparator(std::string_view text);

// A separator that splits nothing: one cell per line.
inline constexpr char kOneColumn = '\0';

// The records of UTF-8 `text` (textAsUtf8) split on `separator` (none: detectSeparator).
// Blank lines are left out; rows keep the line they start on. ImportError (with the line
// and column) for a quote never closed or text after a closing quote, and past the bounds
// of table.h.
Table parseCsv(std::string_view text, std::optional<char> separator = std::nullopt);

} // namespace pupitre::roster
