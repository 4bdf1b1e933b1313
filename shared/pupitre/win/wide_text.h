#pragma once
// Windows only: Pupitre's strings (paths included) are UTF-8; the Windows API's are UTF-16.
#ifdef _WIN32
#include <string>

namespace pupitre::win {

// UTF-8 to UTF-16, for the *W functions of the Windows API.
std::wstring wide(const std::string& utf8);
// UTF-16 from the Windows API to UTF-8.
std::string narrow(const std::wstring& utf16);
// What the Windows error `code` (GetLastError) means, in the system's words, and its number.
std::string errorText(unsigned long code);

} // namespace pupitre::win
#endif
