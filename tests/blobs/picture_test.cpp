// Pictures from outside (a picked photo, a synced blob) whose EXIF data lies: the offsets
// point past the segment. The orientation is ignored, the picture is still taken, and
// nothing is read outside the file (issue 11, item 14).
#include "pupitre/blobs/picture.h"
#include "support/sandbox.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

using namespace pupitre;
namespace fs = std::filesystem;

namespace {

// Crafted files kept with the picture fuzz target's crash reproducers.
const fs::path kRegressions = fs::path(PUPITRE_FUZZ_REGRESSIONS) / "picture";

} // namespace

BOOST_AUTO_TEST_SUITE(picture)

BOOST_AUTO_TEST_CASE(an_exif_ifd_offset_of_0xffffffff_is_ignored_instead_of_read_out_of_bounds)
{
  // The first IFD offset is 0xFFFFFFFF (0xFFFFFFFE in the little-endian file): in 32 bits,
  // "offset + 2" wrapped to 1 (0), passed the bounds check, and the entry count was read
  // 4 GiB past the segment.
  for (const char* name :
       {"exif-ifd-offset-ffffffff.jpg", "exif-ifd-offset-fffffffe-little-endian.jpg"}) {
    BOOST_TEST_CONTEXT(name)
    {
      const std::string bytes = test::readFile(kRegressions / name);
      BOOST_REQUIRE(blobs::imageKindOf(bytes) == blobs::ImageKind::Jpeg);
      const auto prepared = blobs::preparePicture(bytes, name);
      BOOST_TEST(prepared.picture.width == 32); // not turned: the orientation is unreadable
      BOOST_TEST(prepared.picture.height == 24);
      const auto [width, height] = blobs::jpegSize(prepared.picture.jpeg);
      BOOST_TEST(width == 32);
      BOOST_TEST(height == 24);
      BOOST_TEST(blobs::thumbnailOf(prepared.picture.jpeg).width == 32);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_valid_exif_orientation_is_still_applied)
{
  // The bounds checks must not lose the real thing: orientation 6 (big-endian) and 8
  // (little-endian) turn the 32 x 24 picture upright, 24 x 32.
  const fs::path seeds = fs::path(PUPITRE_FUZZ_REGRESSIONS).parent_path() / "corpus" / "picture";
  for (const char* name : {"exif-orientation-6.jpg", "exif-orientation-8-le.jpg"}) {
    BOOST_TEST_CONTEXT(name)
    {
      const auto prepared = blobs::preparePicture(test::readFile(seeds / name), name);
      BOOST_TEST(prepared.picture.width == 24);
      BOOST_TEST(prepared.picture.height == 32);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
