// Pictures come from outside twice: a photo the teacher picks, and a picture synced from
// another device (thumbnails are made of it). preparePicture refuses what it cannot read
// with ValidationError only; what it accepts is a JPEG within the promised sides, whose
// thumbnail can be made.
#include "fuzz_target.h"

#include "pupitre/blobs/picture.h"
#include "pupitre/error.h"

#include <algorithm>

using namespace pupitre;

namespace {

// Small sides keep each run fast; the decoder's paths are the same as with the real ones.
constexpr int kSide = 64;
constexpr int kThumbnail = 16;

} // namespace

PUPITRE_FUZZ_TARGET(picture)
{
  blobs::PreparedPicture prepared;
  try {
    prepared = blobs::preparePicture(input, "fuzz input", kSide, kThumbnail);
  } catch (const ValidationError&) {
    return;
  }
  fuzz::fuzzCheck(std::max(prepared.picture.width, prepared.picture.height) <= kSide,
                  "a picture larger than its side");
  fuzz::fuzzCheck(std::max(prepared.thumbnail.width, prepared.thumbnail.height) <= kThumbnail,
                  "a thumbnail larger than its side");
  fuzz::fuzzCheck(blobs::jpegSize(prepared.picture.jpeg) ==
                      std::make_pair(prepared.picture.width, prepared.picture.height),
                  "the stored JPEG's size is not the one reported");
  const auto thumbnail = blobs::thumbnailOf(prepared.picture.jpeg, kThumbnail);
  fuzz::fuzzCheck(std::max(thumbnail.width, thumbnail.height) <= kThumbnail,
                  "a thumbnail of a stored picture larger than its side");
}
