#include "pupitre/printable.h"

#include <cstdint>
#include <cstdio>

namespace pupitre {
namespace {

// The length of the UTF-8 sequence at `text[i]` and its code point; 0 when it is not valid.
std::size_t decode(std::string_view text, std::size_t i, std::uint32_t& code)
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

// Characters that move the cursor or reorder the text around them.
bool isControl(std::uint32_t code)
{
  return code < 0x20 || code == 0x7F || (code >= 0x80 && code <= 0x9F) || code == 0x2028 ||
         code == 0x2029 || (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

void appendHex(std::string& out, const char* format, unsigned value)
{
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, value);
  out += buffer;
}

} // namespace

std::string printable(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code = 0;
    const std::size_t length = decode(text, i, code);
    if (length == 0) {
      appendHex(out, "\\x%02X", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (code == '\\') {
      out += "\\\\";
    } else if (code == '\t') {
      out += "\\t";
    } else if (code == '\n') {
      out += "\\n";
    } else if (code == '\r') {
      out += "\\r";
    } else if (code < 0x80 && isControl(code)) {
      appendHex(out, "\\x%02X", code);
    } else if (isControl(code)) {
      appendHex(out, "\\u%04X", code);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string printablePath(std::string_view path)
{
#ifdef _WIN32
  std::string out;
  for (std::size_t start = 0;;) {
    const auto end = path.find('\\', start);
    out += printable(path.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) {
      return out;
    }
    out += '\\';
    start = end + 1;
  }
#else
  return printable(path);
#endif
}

bool hasControlCharacters(std::string_view text) noexcept
{
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code = 0;
    const std::size_t length = decode(text, i, code);
    if (length == 0 || isControl(code)) {
      return true;
    }
    i += length;
  }
  return false;
}

} // namespace pupitre
