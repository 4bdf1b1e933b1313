#pragma once
// Reading a ZIP file a program wrote (export-all, XLSX) from a test: on Linux with the unzip
// program, a reader independent of the code under test; on Windows, where the suites cannot
// start Linux's programs, with Poco::Zip.
#include <string>

namespace pupitre::test {

// The bytes of `entry` in the ZIP file `zip`. Throws std::runtime_error when the file is not
// a readable ZIP or has no such entry.
std::string unzipEntry(const std::string& zip, const std::string& entry);

// The names of the entries of `zip`, one a line. Throws std::runtime_error.
std::string zipEntryNames(const std::string& zip);

} // namespace pupitre::test
