// The daemon reads the server's answers about blobs (missing, upload): anything but the
// expected object is refused with TransportError, never another exception or a crash.
#include "fuzz_target.h"

#include "pupitre/blobs/blob_answers.h"

using namespace pupitre;

PUPITRE_FUZZ_TARGET(blob_answers)
{
  try {
    const auto answer = blobs::decodeMissingAnswer(input);
    fuzz::fuzzCheck(answer.missing.size() <= input.size(), "more missing blobs than bytes");
  } catch (const sync::TransportError&) {
  }
  try {
    (void)blobs::decodeChunkAnswer(input);
  } catch (const sync::TransportError&) {
  }
}
