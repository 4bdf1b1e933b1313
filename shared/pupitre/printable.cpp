#include "pupitre/printable.h"

#include "pupitre/utf8.h"

#include <cstdint>
#include <cstdio>

namespace pupitre {
namespace {

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
    const std::size_t length = utf8Decode(text, i, code);
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
    const std::size_t length = utf8Decode(text, i, code);
    if (length == 0 || isControl(code)) {
      return true;
    }
    i += length;
  }
  return false;
}

} // namespace pupitre
