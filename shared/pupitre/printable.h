#pragma once
// Names that came from elsewhere (device names, file names, pupils' names) shown in text and
// tabular output: control characters would forge lines or shift columns in a terminal, so they
// are shown escaped, and device names refuse them.
#include <string>
#include <string_view>

namespace pupitre {

// `text` with every control character escaped, so it stays on one line and in its column:
// C0 controls and DEL as \t, \n, \r or \xNN; C1 controls, the line and paragraph separators
// and the bidirectional overrides and isolates as \uNNNN; a backslash as \\ (so an escape
// cannot be faked). Bytes that are not UTF-8 are shown as \xNN. Everything else is unchanged.
std::string printable(std::string_view text);

// A file path shown the same way, except that on Windows its backslashes, the folder
// separators, stay single ("C:\Users\ana\export.json", not "C:\\Users\\…"); on other
// systems it is printable(path).
std::string printablePath(std::string_view path);

// True when `text` holds a character printable() would escape other than a backslash, or is
// not valid UTF-8: such a name is refused where it is given.
bool hasControlCharacters(std::string_view text) noexcept;

} // namespace pupitre
