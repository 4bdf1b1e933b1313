#pragma once
// Small files only the current OS user may read: the daemon's device token (when no keyring
// is reachable) and the IPC endpoint file on Windows.
#include <optional>
#include <string>

namespace pupitre {

// Writes `text` to `path` through a temporary file and a rename, so a reader sees the old or
// the new contents. POSIX: mode 0600 from creation; Windows: a protected DACL granting the
// owner and SYSTEM only. Throws Error.
void writePrivateFile(const std::string& path, const std::string& text);

// The file's contents, or nullopt when it does not exist or cannot be read.
std::optional<std::string> readWholeFile(const std::string& path);

} // namespace pupitre
