#pragma once
// The numbered schema migrations, embedded from shared/pupitre/store/migrations/*.sql at
// build time (cmake/EmbedFiles.cmake), in order.
#include <string>
#include <vector>

namespace pupitre::store {

struct Migration
{
  const char* name; // "0001-initial.sql": the number is the schema version it brings
  const char* sql;
};

const std::vector<Migration>& migrations();

} // namespace pupitre::store
