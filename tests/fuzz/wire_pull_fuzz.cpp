// The daemon reads a pull page (GET /api/v1/pull) from the server, which may be hostile or
// broken: decodePullPage refuses with ProtocolError only, and what it accepts survives a
// round trip.
#include "fuzz_target.h"

#include "pupitre/sync/wire.h"

using namespace pupitre;

PUPITRE_FUZZ_TARGET(wire_pull)
{
  sync::PullPage page;
  try {
    page = sync::decodePullPage(input);
  } catch (const sync::ProtocolError&) {
    return;
  }
  const std::string encoded = sync::encodePullPage(page);
  sync::PullPage again;
  try {
    again = sync::decodePullPage(encoded);
  } catch (const sync::ProtocolError& e) {
    fuzz::fuzzCheck(false, std::string("an accepted page encodes to one that is refused: ") +
                               e.what() + "\n" + encoded);
  }
  fuzz::fuzzCheck(again.cursor == page.cursor && again.more == page.more &&
                      again.changes.size() == page.changes.size() &&
                      again.conflicts.size() == page.conflicts.size(),
                  "a pull page changes in a round trip");
  fuzz::fuzzCheck(sync::encodePullPage(again) == encoded,
                  "a pull page encodes differently once decoded");
}
