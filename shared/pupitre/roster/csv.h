#pragma once
// CSV as RFC 4180 writes it and spreadsheets save it: quoted cells with separators, line
// breaks and doubled quotes inside, CRLF or LF (or CR) line ends, and the separator Excel
// uses in the teacher's locale (',' in English, ';' in Spanish, a tab for "Unicode text").
#include "pupitre/roster/table.h"

#include <string_view>

namespace pupitre::roster {

// The separator of `text` among tab, ';' and ',': the one that splits its first records into
// the same number (more than one) of cells, the most cells winning; ',' when none does.
char detectSeparator(std::string_view text);

// The records of UTF-8 `text` (textAsUtf8) split on `separator` (0: detectSeparator).
// Blank lines are left out; rows keep the line they start on. ImportError (with the line
// and column) for a quote never closed or text after a closing quote, and past the bounds
// of table.h.
Table parseCsv(std::string_view text, char separator = 0);

} // namespace pupitre::roster
