#pragma once
// A report file written whole or not at all: the writer fills a temporary file beside the
// destination, commit() renames it over the destination; a failure (or no commit) removes the
// temporary file, so nothing partial is ever left under the destination's name.
#include <string>

namespace pupitre::reports {

class OutputFile
{
public:
  // Checks that the destination's folder exists and can be written (Error otherwise, saying
  // what to do) and picks the temporary name.
  explicit OutputFile(const std::string& destination);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Where the writer writes.
  const std::string& temporaryPath() const noexcept { return m_temporary; }
  // Moves the finished file into place (Error when that fails).
  void commit();

private:
  std::string m_destination;
  std::string m_temporary;
  bool m_committed = false;
};

// The error for a file that could not be written: what failed, and what to do.
[[noreturn]] void throwWriteError(const std::string& path, const std::string& why);

} // namespace pupitre::reports
