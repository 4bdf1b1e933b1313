#include "pupitre/sync/learned_push_bytes.h"

#include "pupitre/sync/engine.h"

#include <algorithm>
#include <sstream>

namespace pupitre::sync {
namespace {

struct Stored
{
  LearnedPushBytes learned;
  std::string server;
};

// "BYTES SYNCS SERVER" (the address last: it has no spaces, but may be empty).
std::optional<Stored> readStored(store::Database& db)
{
  const auto text = db.setting(settings::kPushBytesLearned);
  if (!text || text->empty()) {
    return std::nullopt;
  }
  std::istringstream in(*text);
  Stored stored;
  if (!(in >> stored.learned.bytes >> stored.learned.syncsPassed) || stored.learned.bytes == 0) {
    return std::nullopt; // malformed: as if nothing was learned
  }
  in >> std::ws;
  std::getline(in, stored.server);
  return stored;
}

void write(store::Database& db, const std::string& server, const LearnedPushBytes& learned)
{
  db.setSetting(settings::kPushBytesLearned, std::to_string(learned.bytes) + " " +
                                                 std::to_string(learned.syncsPassed) + " " +
                                                 server);
}

} // namespace

std::optional<LearnedPushBytes> learnedPushBytes(store::Database& db, const std::string& server)
{
  const auto stored = readStored(db);
  if (!stored || stored->server != server) {
    return std::nullopt;
  }
  return stored->learned;
}

void learnPushBytes(store::Database& db, const std::string& server, std::size_t bytes)
{
  write(db, server, {.bytes = std::max<std::size_t>(1, bytes), .syncsPassed = 0});
}

void pushPassedUnderLearned(store::Database& db, const std::string& server,
                            std::size_t announcedBytes)
{
  auto learned = learnedPushBytes(db, server);
  if (!learned) {
    return;
  }
  if (++learned->syncsPassed >= kProbeAfterSyncs) {
    learned->bytes *= 2;
    learned->syncsPassed = 0;
    if (learned->bytes >= announcedBytes) {
      db.setSetting(settings::kPushBytesLearned, ""); // back to the announced size
      return;
    }
  }
  write(db, server, *learned);
}

} // namespace pupitre::sync
