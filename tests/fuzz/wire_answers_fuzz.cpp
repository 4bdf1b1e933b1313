// The small messages of the sync API, read by the server (login request) and by the daemon
// (push result, login result, account, error body). Every input goes to every decoder: each
// refuses with ProtocolError only; decodeError never throws at all.
#include "fuzz_target.h"

#include "pupitre/sync/wire.h"

using namespace pupitre;

namespace {

template <class Decode> void refusesCleanly(Decode decode)
{
  try {
    decode();
  } catch (const sync::ProtocolError&) {
  }
}

} // namespace

PUPITRE_FUZZ_TARGET(wire_answers)
{
  refusesCleanly([&] {
    const auto result = sync::decodePushResult(input);
    const auto again = sync::decodePushResult(sync::encodePushResult(result));
    fuzz::fuzzCheck(again.batch == result.batch && again.applied == result.applied &&
                        again.ignored == result.ignored && again.conflicts == result.conflicts,
                    "a push result changes in a round trip");
  });
  refusesCleanly([&] {
    const auto request = sync::decodeLoginRequest(input);
    const auto again = sync::decodeLoginRequest(sync::encodeLoginRequest(request));
    fuzz::fuzzCheck(again.email == request.email && again.password == request.password &&
                        again.deviceId == request.deviceId &&
                        again.deviceName == request.deviceName,
                    "a login request changes in a round trip");
  });
  refusesCleanly([&] {
    const auto result = sync::decodeLoginResult(input);
    fuzz::fuzzCheck(sync::encodeLoginResult(sync::decodeLoginResult(
                        sync::encodeLoginResult(result))) == sync::encodeLoginResult(result),
                    "a login result changes in a round trip");
  });
  refusesCleanly([&] {
    const auto account = sync::decodeAccount(input);
    fuzz::fuzzCheck(sync::encodeAccount(sync::decodeAccount(sync::encodeAccount(account))) ==
                        sync::encodeAccount(account),
                    "an account changes in a round trip");
  });
  fuzz::fuzzCheck(sync::decodeError(413, input).status == 413, "an error loses its status");
}
