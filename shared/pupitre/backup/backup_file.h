#pragma once
// The backup file (docs/backups.md, "The file"): a fixed 8 KiB header — a magic line and one
// line of JSON saying when, where and what was backed up (BackupInfo) — then a zstd stream of
// entries (the SQLite snapshot, optionally the blobs). The header can be read without touching
// the rest, so listing backups and previewing a restore stay quick; the SHA-256 of the
// compressed bytes and their length are in the header, so a damaged or truncated file is
// refused before anything is restored from it.
#include "pupitre/error.h"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace pupitre::backup {

// A file that is not a backup, or a damaged or incomplete one. what() says which and what to do.
class BackupError : public Error
{
public:
  using Error::Error;
};

// The first bytes of every backup file.
inline constexpr const char* kMagic = "PUPITRE-BACKUP";
inline constexpr int kFormatVersion = 1;
// The header's fixed size: the magic line, the JSON line, spaces, a final newline.
inline constexpr std::size_t kHeaderBytes = 8192;
// The file name ending of backup files; temporary ones (".NAME.tmp") are never listed.
inline constexpr const char* kExtension = ".pupitre-backup";
// The entry holding the SQLite snapshot; blobs are "blobs/HASH".
inline constexpr const char* kDatabaseEntry = "database.sqlite";

// What the header says.
struct BackupInfo
{
  std::string path; // where it was read from (not in the header)
  std::string id;   // the file name without its extension (not in the header)
  int formatVersion = kFormatVersion;
  std::int64_t createdMs = 0; // wall clock of the device that made it
  std::string reason;         // manual, daily, sync, migration, restore (see backups.h)
  std::string deviceId;
  std::string appVersion;
  int schemaVersion = 0;
  std::int64_t classes = 0; // live records at the time of the snapshot
  std::int64_t students = 0;
  std::int64_t marks = 0;
  std::int64_t blobs = 0;              // pictures and resource files inside
  std::vector<std::string> classNames; // live classes, sorted (cut to fit the header)
  std::int64_t contentBytes = 0;       // bytes before compression
  std::int64_t payloadBytes = 0;       // bytes after the header
  std::string payloadSha256;           // of those bytes
};

// Progress of a long step: bytes done of bytes in all (0 when unknown).
using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

// Writes a backup file: entries go compressed into TEMP (a hidden name beside `finalPath`,
// mode 0600 from creation); finish() writes the header, flushes to disk and renames TEMP to
// `finalPath`. Until then nothing with the backup extension exists, so a killed process
// never leaves a file that `list` would show. Destroyed unfinished: TEMP is removed.
class BackupWriter
{
public:
  // Throws DiskFull / BackupError when TEMP cannot be created.
  BackupWriter(std::string finalPath, Progress progress = {});
  ~BackupWriter();
  BackupWriter(const BackupWriter&) = delete;
  BackupWriter& operator=(const BackupWriter&) = delete;

  // Total bytes the entries will hold (for the progress), when known.
  void expectBytes(std::int64_t total) { m_expected = total; }
  // Adds the file at `path` under `name` (kDatabaseEntry or "blobs/HASH").
  void addFile(const std::string& name, const std::string& path);
  // Completes the file with `info` as its header (the payload fields are filled in).
  BackupInfo finish(BackupInfo info);

  const std::string& tempPath() const { return m_tempPath; }

private:
  void compress(const char* data, std::size_t size, bool last);
  void writeOut(const char* data, std::size_t size);

  std::string m_finalPath;
  std::string m_tempPath;
  Progress m_progress;
  std::FILE* m_file = nullptr;
  void* m_cctx = nullptr;
  struct Hash;
  Hash* m_hash = nullptr;
  std::int64_t m_expected = 0;
  std::int64_t m_content = 0;
  std::int64_t m_payload = 0;
  bool m_finished = false;
};

// The header of the backup at `path`, checking that its length matches (a truncated file is
// refused). Throws BackupError with a sentence for the teacher.
BackupInfo readBackupInfo(const std::string& path);

// Reads the whole payload and checks its SHA-256 against the header. Throws BackupError.
void verifyBackup(const BackupInfo& info, const Progress& progress = {});

// Checks the backup (verifyBackup), then writes each entry as a file under `folder`
// (`folder`/database.sqlite, `folder`/blobs/HASH). Throws BackupError.
void extractBackup(const BackupInfo& info, const std::string& folder,
                   const Progress& progress = {});

// Where the tests' "kill in the middle" can catch a writer: PUPITRE_TEST_BACKUP_STALL_MS makes
// it sleep that long after each chunk it compresses (0 when unset).
int testStallMs();

} // namespace pupitre::backup
