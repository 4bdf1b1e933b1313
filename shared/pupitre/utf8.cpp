#include "pupitre/utf8.h"

namespace pupitre {

std::size_t utf8Decode(std::string_view text, std::size_t i, std::uint32_t& code)
{
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  if (lead < 0x80) {
    code = lead;
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0u) != 0x80u) {
      return 0;
    }
    code = (code << 6) | (byte(k) & 0x3Fu);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  return overlong || surrogate || code > 0x10FFFF ? 0 : length;
}

std::optional<std::size_t> utf8Length(std::string_view text)
{
  std::size_t count = 0;
  std::uint32_t code = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const std::size_t length = utf8Decode(text, i, code);
    if (length == 0) {
      return std::nullopt;
    }
    i += length;
  }
  return count;
}

} // namespace pupitre
