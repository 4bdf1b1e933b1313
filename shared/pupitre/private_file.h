#pragma once
// Files and folders only the current OS user may read: the daemon's device token (when no
// keyring is reachable), the IPC endpoint file on Windows, the databases, blobs and logs.
// POSIX: folders are 0700 and files 0600 whatever the umask. Windows (private_file_windows.cpp):
// a protected DACL granting the current user and SYSTEM only; a folder's entries are inherited
// by what is created in it. Below, "0700"/"0600" mean that DACL on Windows, and "symbolic link"
// any reparse point (junctions too).
#include <optional>
#include <string>

namespace pupitre {

// Writes `text` to `path` through a temporary file and a rename, so a reader sees the old or
// the new contents. POSIX: mode 0600 from creation; Windows: a protected DACL granting the
// current user and SYSTEM only. Throws Error.
void writePrivateFile(const std::string& path, const std::string& text);

// Creates `dir` and its missing parents, each new folder 0700. When `tighten`, an existing
// `dir` is set to 0700 too (folders Pupitre alone uses). Refuses (throws Error) a `dir` that is
// a symbolic link, not a folder, or, when `tighten`, another user's. Returns true when `dir`
// was created or tightened, so that files from an earlier, looser run can be fixed.
bool makePrivateFolder(const std::string& dir, bool tighten);

// Creates `path` empty with mode 0600 when missing, or sets an existing one to 0600. Refuses
// (throws Error) a symbolic link or anything but a regular file.
void makePrivateFile(const std::string& path);

// Sets `path` to 0600 when it exists (a symbolic link is left alone). Never throws.
void tightenFileMode(const std::string& path) noexcept;

// Before SQLite opens `database`: its folder exists (0700 when created; tightened when
// `tightenFolder`), the file exists with mode 0600 (SQLite gives its -wal, -shm and -journal
// the database's mode) and such files left from an earlier run are set to 0600. Skips
// ":memory:" and URI names. Throws Error.
void prepareDatabaseFile(const std::string& database, bool tightenFolder);

// The file's contents, or nullopt when it does not exist or cannot be read.
std::optional<std::string> readWholeFile(const std::string& path);

} // namespace pupitre
