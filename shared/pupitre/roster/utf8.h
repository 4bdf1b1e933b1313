#pragma once
// One code point written as UTF-8: the readers that convert other encodings (table.cpp) and
// the name folding (names.cpp) share it.
#include <string>

namespace pupitre::roster {

void appendUtf8(std::string& out, char32_t cp);

} // namespace pupitre::roster
