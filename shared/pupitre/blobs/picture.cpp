#include "pupitre/blobs/picture.h"

#include "pupitre/error.h"

#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

namespace pupitre::blobs {
namespace {

constexpr int kJpegQuality = 85;

struct Rgb
{
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels; // width * height * 3
};

ValidationError unreadable(const std::string& name, const std::string& why)
{
  return ValidationError("Couldn't read the picture '" + name + "' (" + why +
                         "). Use a JPEG or PNG photo.");
}

// --- JPEG -------------------------------------------------------------------------------

struct JpegError
{
  jpeg_error_mgr manager{};
  std::jmp_buf jump{};
  char message[JMSG_LENGTH_MAX] = {};
};

void onJpegError(j_common_ptr info)
{
  auto* error = reinterpret_cast<JpegError*>(info->err);
  (*info->err->format_message)(info, error->message);
  std::longjmp(error->jump, 1);
}

void ignoreJpegMessage(j_common_ptr, int) {}

std::uint16_t read16(const unsigned char* p, bool little)
{
  return little ? static_cast<std::uint16_t>(p[0] | (p[1] << 8))
                : static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

std::uint32_t read32(const unsigned char* p, bool little)
{
  return little ? static_cast<std::uint32_t>(p[0] | (p[1] << 8) | (p[2] << 16) |
                                             (static_cast<std::uint32_t>(p[3]) << 24))
                : static_cast<std::uint32_t>((static_cast<std::uint32_t>(p[0]) << 24) |
                                             (p[1] << 16) | (p[2] << 8) | p[3]);
}

// The EXIF orientation (1..8) of an APP1 segment, 1 when absent or unreadable. Every offset
// comes from the file: each is checked against the segment's length in size_t, without a
// sum that could wrap (an IFD offset of 0xFFFFFFFF must not point before the segment).
int exifOrientation(const unsigned char* data, std::size_t size)
{
  constexpr std::size_t kHeader = 6;     // "Exif\0\0"
  constexpr std::size_t kEntrySize = 12; // tag, type, count, value
  if (size < kHeader + 8 || std::memcmp(data, "Exif\0\0", kHeader) != 0) {
    return 1;
  }
  const unsigned char* tiff = data + kHeader;
  const std::size_t length = size - kHeader; // >= 8: byte order, 42, first IFD offset
  const bool little = tiff[0] == 'I';
  if (!little && tiff[0] != 'M') {
    return 1;
  }
  const std::size_t ifd = read32(tiff + 4, little);
  if (ifd > length || length - ifd < 2) {
    return 1;
  }
  const std::size_t entries = read16(tiff + ifd, little);
  const std::size_t first = ifd + 2;                      // <= length: no wrap
  const std::size_t room = (length - first) / kEntrySize; // whole entries in the segment
  for (std::size_t i = 0; i < std::min(entries, room); ++i) {
    const std::size_t at = first + i * kEntrySize; // at + 12 <= length
    if (read16(tiff + at, little) == 0x0112) {
      const int value = read16(tiff + at + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

// `atLeast` > 0: decode at a reduced scale (1/2, 1/4, 1/8, done in the DCT: fast) as long
// as the longer side stays at least that many pixels.
Rgb decodeJpeg(std::string_view bytes, const std::string& name, int& orientation, int atLeast = 0)
{
  jpeg_decompress_struct info{};
  JpegError error;
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = onJpegError;
  error.manager.emit_message = ignoreJpegMessage;
  Rgb image;
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    throw unreadable(name, error.message);
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header(&info, TRUE);
  orientation = 1;
  for (auto* marker = info.marker_list; marker; marker = marker->next) {
    if (marker->marker == JPEG_APP0 + 1) {
      orientation = exifOrientation(marker->data, marker->data_length);
    }
  }
  if (static_cast<std::int64_t>(info.image_width) * info.image_height > kMaxSourcePixels) {
    jpeg_destroy_decompress(&info);
    throw ValidationError("The picture '" + name + "' is too large (over 100 megapixels); " +
                          "use a smaller photo.");
  }
  if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
    jpeg_destroy_decompress(&info);
    throw unreadable(name, "a CMYK print file");
  }
  info.out_color_space = JCS_RGB;
  if (atLeast > 0) {
    const unsigned longer = std::max(info.image_width, info.image_height);
    for (const unsigned denom : {8u, 4u, 2u}) {
      if (longer / denom >= static_cast<unsigned>(atLeast)) {
        info.scale_num = 1;
        info.scale_denom = denom;
        break;
      }
    }
  }
  jpeg_start_decompress(&info);
  image.width = static_cast<int>(info.output_width);
  image.height = static_cast<int>(info.output_height);
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * 3);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = image.pixels.data() + std::size_t{info.output_scanline} * image.width * 3;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return image;
}

std::string encodeJpeg(const Rgb& image, int quality = kJpegQuality)
{
  jpeg_compress_struct info{};
  JpegError error;
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = onJpegError;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (setjmp(error.jump)) {
    jpeg_destroy_compress(&info);
    std::free(buffer);
    throw Error(std::string("Couldn't encode a picture: ") + error.message);
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(image.width);
  info.image_height = static_cast<JDIMENSION>(image.height);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    auto* row = const_cast<JSAMPLE*>(image.pixels.data() +
                                     std::size_t{info.next_scanline} * image.width * 3);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string jpeg(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return jpeg;
}

// --- PNG --------------------------------------------------------------------------------

Rgb decodePng(std::string_view bytes, const std::string& name)
{
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) {
    throw unreadable(name, png.message);
  }
  if (static_cast<std::int64_t>(png.width) * png.height > kMaxSourcePixels) {
    png_image_free(&png);
    throw ValidationError("The picture '" + name + "' is too large (over 100 megapixels); " +
                          "use a smaller photo.");
  }
  png.format = PNG_FORMAT_RGB; // transparency is composed over white
  Rgb image;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  image.pixels.resize(PNG_IMAGE_SIZE(png));
  png_color white{255, 255, 255};
  if (!png_image_finish_read(&png, &white, image.pixels.data(), 0, nullptr)) {
    const std::string why = png.message;
    png_image_free(&png);
    throw unreadable(name, why);
  }
  return image;
}

// --- pixels -----------------------------------------------------------------------------

// Turns the pixels as EXIF orientation `o` says (2..8), so that they show upright.
Rgb orient(const Rgb& in, int o)
{
  if (o <= 1 || o > 8) {
    return in;
  }
  const bool swap = o >= 5;
  Rgb out;
  out.width = swap ? in.height : in.width;
  out.height = swap ? in.width : in.height;
  out.pixels.resize(in.pixels.size());
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sx = 0;
      int sy = 0;
      switch (o) {
      case 2:
        sx = in.width - 1 - x;
        sy = y;
        break;
      case 3:
        sx = in.width - 1 - x;
        sy = in.height - 1 - y;
        break;
      case 4:
        sx = x;
        sy = in.height - 1 - y;
        break;
      case 5:
        sx = y;
        sy = x;
        break;
      case 6:
        sx = y;
        sy = in.height - 1 - x;
        break;
      case 7:
        sx = in.width - 1 - y;
        sy = in.height - 1 - x;
        break;
      default:
        sx = in.width - 1 - y;
        sy = x;
        break; // 8
      }
      std::memcpy(&out.pixels[(std::size_t{static_cast<unsigned>(y)} * out.width + x) * 3],
                  &in.pixels[(std::size_t{static_cast<unsigned>(sy)} * in.width + sx) * 3], 3);
    }
  }
  return out;
}

// Area-average downscale so that the longer side is at most `side` (never upscales).
Rgb fit(const Rgb& in, int side)
{
  const int longer = std::max(in.width, in.height);
  if (longer <= side) {
    return in;
  }
  const double scale = static_cast<double>(side) / longer;
  Rgb out;
  out.width = std::max(1, static_cast<int>(in.width * scale + 0.5));
  out.height = std::max(1, static_cast<int>(in.height * scale + 0.5));
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height * 3);
  for (int y = 0; y < out.height; ++y) {
    const int y0 = static_cast<int>(static_cast<std::int64_t>(y) * in.height / out.height);
    const int y1 = std::max(
        y0 + 1, static_cast<int>(static_cast<std::int64_t>(y + 1) * in.height / out.height));
    for (int x = 0; x < out.width; ++x) {
      const int x0 = static_cast<int>(static_cast<std::int64_t>(x) * in.width / out.width);
      const int x1 = std::max(
          x0 + 1, static_cast<int>(static_cast<std::int64_t>(x + 1) * in.width / out.width));
      unsigned sum[3] = {0, 0, 0};
      for (int sy = y0; sy < y1; ++sy) {
        const unsigned char* p =
            &in.pixels[(std::size_t{static_cast<unsigned>(sy)} * in.width + x0) * 3];
        for (int sx = x0; sx < x1; ++sx, p += 3) {
          sum[0] += p[0];
          sum[1] += p[1];
          sum[2] += p[2];
        }
      }
      const unsigned count = static_cast<unsigned>((y1 - y0) * (x1 - x0));
      unsigned char* q = &out.pixels[(std::size_t{static_cast<unsigned>(y)} * out.width + x) * 3];
      for (int c = 0; c < 3; ++c) {
        q[c] = static_cast<unsigned char>((sum[c] + count / 2) / count);
      }
    }
  }
  return out;
}

EncodedPicture encode(const Rgb& image)
{
  return {encodeJpeg(image), image.width, image.height};
}

} // namespace

ImageKind imageKindOf(std::string_view bytes)
{
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xD8 &&
      static_cast<unsigned char>(bytes[2]) == 0xFF) {
    return ImageKind::Jpeg;
  }
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    return ImageKind::Png;
  }
  return ImageKind::Unknown;
}

PreparedPicture preparePicture(std::string_view sourceBytes, const std::string& sourceName,
                               int side, int thumbnailSide)
{
  Rgb image;
  switch (imageKindOf(sourceBytes)) {
  case ImageKind::Jpeg: {
    int orientation = 1;
    Rgb decoded = decodeJpeg(sourceBytes, sourceName, orientation, side); // sets `orientation`
    image = orient(decoded, orientation);
    break;
  }
  case ImageKind::Png:
    image = decodePng(sourceBytes, sourceName);
    break;
  default:
    throw ValidationError("'" + sourceName +
                          "' is not a JPEG or PNG picture (whatever its name says). Save the "
                          "photo as JPEG or PNG and try again.");
  }
  const Rgb bounded = fit(image, side);
  return {encode(bounded), encode(fit(bounded, thumbnailSide))};
}

std::string encodeRgbAsJpeg(int width, int height, const std::string& rgb, int quality)
{
  Rgb image{width, height, std::vector<unsigned char>(rgb.begin(), rgb.end())};
  return encodeJpeg(image, quality);
}

std::string encodeRgbAsPng(int width, int height, const std::string& rgb)
{
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(width);
  png.height = static_cast<png_uint_32>(height);
  png.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&png, nullptr, &size, 0, rgb.data(), 0, nullptr)) {
    throw Error(std::string("Couldn't encode a PNG: ") + png.message);
  }
  std::string bytes(size, '\0');
  if (!png_image_write_to_memory(&png, bytes.data(), &size, 0, rgb.data(), 0, nullptr)) {
    throw Error(std::string("Couldn't encode a PNG: ") + png.message);
  }
  bytes.resize(size);
  return bytes;
}

std::pair<int, int> jpegSize(std::string_view jpeg)
{
  try {
    int orientation = 1;
    const Rgb image = decodeJpeg(jpeg, "picture", orientation);
    return {image.width, image.height};
  } catch (const std::exception&) {
    return {0, 0};
  }
}

EncodedPicture thumbnailOf(std::string_view jpeg, int side)
{
  int orientation = 1;
  return encode(fit(decodeJpeg(jpeg, "stored picture", orientation, side), side));
}

} // namespace pupitre::blobs
