#pragma once
// The floor of an initial sync on this machine: the rows a fresh device ends with, inserted
// with prepared statements in one transaction into a fresh SQLite file (same schema, same
// pragmas as the daemon's database, no capture triggers), measured in the same run as the
// sync itself so that the two compare under the same load.
#include <filesystem>
#include <string>

namespace pupitre::bench {

struct FloorFigures
{
  double rowsSeconds = 0;         // the synced tables' rows only
  double withVersionsSeconds = 0; // the same rows and one field_version row per field
  long long rows = 0;
  long long versions = 0;
};

// Copies `source`'s synced rows (read into memory first) into new files in `folder`; times
// only the inserting transaction and its commit. Median of `repeat` runs each.
FloorFigures measureFloor(const std::string& source, const std::filesystem::path& folder,
                          int repeat);

} // namespace pupitre::bench
