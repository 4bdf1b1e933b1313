// The server reads a push (POST /api/v1/push) from any device: decodePush must refuse what
// is malformed with ProtocolError only, and what it accepts must encode back to a push that
// decodes to the same thing.
#include "fuzz_target.h"

#include "pupitre/sync/wire.h"

using namespace pupitre;

PUPITRE_FUZZ_TARGET(wire_push)
{
  sync::PushRequest push;
  try {
    push = sync::decodePush(input);
  } catch (const sync::ProtocolError&) {
    return;
  }
  const std::string encoded = sync::encodePush(push);
  sync::PushRequest again;
  try {
    again = sync::decodePush(encoded);
  } catch (const sync::ProtocolError& e) {
    fuzz::fuzzCheck(false, std::string("an accepted push encodes to one that is refused: ") +
                               e.what() + "\n" + encoded);
  }
  fuzz::fuzzCheck(again.batch == push.batch && again.changes.size() == push.changes.size(),
                  "a push changes in a round trip");
  fuzz::fuzzCheck(sync::encodePush(again) == encoded, "a push encodes differently once decoded");
}
