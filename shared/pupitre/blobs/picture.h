#pragma once
// Students' pictures as they are stored and synced: a JPEG or PNG (recognised by its bytes,
// not its name) is decoded and encoded again as a JPEG of at most kPictureSide pixels on its
// longer side. Encoding anew keeps only the pixels: EXIF, GPS positions, comments and every
// other piece of metadata of a minor's photo stay on the computer it came from. The EXIF
// orientation is applied to the pixels first, so the picture stays upright. A small
// thumbnail (kThumbnailSide) is made the same way for lists; it is derived, never synced.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace pupitre::blobs {

constexpr int kPictureSide = 1024;
constexpr int kThumbnailSide = 128;
// Larger sources are refused before decoding (a decompression bomb cannot fill the memory).
constexpr std::int64_t kMaxSourcePixels = std::int64_t{100} * 1000 * 1000;

enum class ImageKind { Unknown, Jpeg, Png };

ImageKind imageKindOf(std::string_view bytes);

struct EncodedPicture
{
  std::string jpeg;
  int width = 0;
  int height = 0;
};

struct PreparedPicture
{
  EncodedPicture picture;
  EncodedPicture thumbnail;
};

// Throws ValidationError for anything that is not a readable JPEG or PNG, with a sentence
// that says which file and what to do.
PreparedPicture preparePicture(std::string_view sourceBytes, const std::string& sourceName,
                               int side = kPictureSide, int thumbnailSide = kThumbnailSide);
// Encodes RGB pixels (width * height * 3 bytes) as a JPEG or a PNG: for tests and tools
// that need pictures.
std::string encodeRgbAsJpeg(int width, int height, const std::string& rgb, int quality = 85);
std::string encodeRgbAsPng(int width, int height, const std::string& rgb);
// Width and height of a JPEG (0, 0 when it cannot be read).
std::pair<int, int> jpegSize(std::string_view jpeg);

// A thumbnail of a stored picture (a JPEG made by preparePicture).
EncodedPicture thumbnailOf(std::string_view jpeg, int side = kThumbnailSide);

} // namespace pupitre::blobs
