#pragma once
// Windows only: files and folders only the current user (and SYSTEM) may open, by a protected
// DACL (nothing inherited from the folder above), the Windows side of private_file.h.
#ifdef _WIN32
#include <string>

namespace pupitre::win {

// The current user's SID as text ("S-1-5-21-…"). Throws Error.
std::string currentUserSid();

// The security descriptor (SDDL) of a private file, or of a private folder (whose files and
// folders inherit it): full access for the current user and SYSTEM, nothing else.
std::string privateDescriptor(bool folder);

// Gives the existing `path` (UTF-8) the private descriptor; a folder's files and folders that
// inherit their entries get them too. Throws Error.
void protect(const std::string& path, bool folder);

// Whether `path`'s DACL is protected and grants access to no one but the current user and
// SYSTEM. False when it cannot be read.
bool isPrivate(const std::string& path);

} // namespace pupitre::win
#endif
