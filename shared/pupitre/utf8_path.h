#pragma once
// Paths given as Pupitre's strings (UTF-8) to std::filesystem and back. On Windows the
// mingw-w64 std::filesystem::path reads a std::string byte by byte, whatever the code page
// ("Évaluation.pdf" became "Ã‰valuation.pdf", a file that does not exist), and writes one back
// the same way; these convert through UTF-16 instead. Elsewhere they change nothing.
#include <filesystem>
#include <string>

namespace pupitre {

// The path named by the UTF-8 text `utf8`.
std::filesystem::path utf8Path(const std::string& utf8);

// `path` as UTF-8 text.
std::string utf8String(const std::filesystem::path& path);

} // namespace pupitre
