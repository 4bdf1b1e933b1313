#include "pupitre/reports/language.h"

#include "pupitre/error.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <unordered_map>

#ifdef _WIN32
#include <windows.h>
#endif

namespace pupitre::reports {
namespace {

namespace fs = std::filesystem;

std::string shortCode(const std::string& code)
{
  std::string out;
  for (const char c : code) {
    if (c == '_' || c == '.' || c == '@' || c == ':' || c == '-') {
      break;
    }
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out.empty() || out == "c" || out == "posix" ? "en" : out;
}

// A compiled gettext catalog (.mo): msgid -> msgstr. Plural and context entries are skipped.
std::unordered_map<std::string, std::string> readCatalog(const fs::path& path)
{
  std::unordered_map<std::string, std::string> entries;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return entries;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  if (data.size() < 28) {
    return entries;
  }
  const auto word = [&data](std::size_t at, bool swap) -> std::uint32_t {
    if (at + 4 > data.size()) {
      return 0;
    }
    std::uint32_t v = 0;
    std::memcpy(&v, data.data() + at, 4);
    if (swap) {
      v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
    }
    return v;
  };
  const bool swap = word(0, false) != 0x950412deu;
  if (word(0, swap) != 0x950412deu) {
    return entries;
  }
  const std::uint32_t count = word(8, swap);
  const std::uint32_t originals = word(12, swap);
  const std::uint32_t translations = word(16, swap);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::size_t oLen = word(originals + 8u * i, swap);
    const std::size_t oAt = word(originals + 8u * i + 4, swap);
    const std::size_t tLen = word(translations + 8u * i, swap);
    const std::size_t tAt = word(translations + 8u * i + 4, swap);
    if (oAt + oLen > data.size() || tAt + tLen > data.size() || oLen == 0) {
      continue;
    }
    std::string id = data.substr(oAt, oLen);
    if (id.find('\0') != std::string::npos || id.find('\x04') != std::string::npos) {
      continue;
    }
    std::string str = data.substr(tAt, tLen);
    if (!str.empty()) {
      entries.emplace(std::move(id), std::move(str));
    }
  }
  return entries;
}

bool commaLanguage(const std::string& code)
{
  static const std::array<const char*, 14> kComma{"es", "ca", "gl", "eu", "fr", "de", "it",
                                                  "pt", "nl", "ru", "pl", "tr", "sv", "da"};
  for (const char* c : kComma) {
    if (code == c) {
      return true;
    }
  }
  return false;
}

} // namespace

Language::Language(const std::string& code, const std::vector<std::string>& localeDirs)
    : m_code(shortCode(code)), m_decimalComma(commaLanguage(m_code))
{
  if (m_code == "en") {
    return;
  }
  for (const auto& dir : localeDirs) {
    const fs::path mo = fs::path(dir) / m_code / "LC_MESSAGES" / "pupitre.mo";
    std::error_code ec;
    if (fs::is_regular_file(mo, ec)) {
      auto catalog =
          std::make_shared<const std::unordered_map<std::string, std::string>>(readCatalog(mo));
      m_translate = [catalog](const char* english) {
        const auto it = catalog->find(english);
        return it == catalog->end() ? std::string(english) : it->second;
      };
      return;
    }
  }
}

Language::Language(const std::string& code, std::function<std::string(const char*)> translate)
    : m_code(shortCode(code)), m_decimalComma(commaLanguage(m_code)),
      m_translate(std::move(translate))
{
}

std::string Language::tr(const char* english) const
{
  return m_translate ? m_translate(english) : std::string(english);
}

std::string Language::tr(const char* english, const std::vector<std::string>& args) const
{
  return fillSentence(tr(english), args);
}

std::string Language::number(double value, int decimals) const
{
  if (!std::isfinite(value)) {
    return {};
  }
  // to_chars, not printf: the app runs under the teacher's locale, whose decimal mark must not
  // leak into a report in another language (this language's mark is put in below).
  char buffer[400]; // fixed notation of the largest double, with its decimals
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value,
                                          std::chars_format::fixed, decimals < 0 ? 0 : decimals);
  std::string text(buffer, error == std::errc() ? end : buffer);
  if (text == "-0" || text.rfind("-0.", 0) == 0) {
    // -0.0 after rounding reads oddly on a report: write 0.
    if (text.find_first_not_of("-0.") == std::string::npos) {
      text.erase(0, 1);
    }
  }
  if (m_decimalComma) {
    for (auto& c : text) {
      c = c == '.' ? ',' : c;
    }
  }
  return text;
}

std::string Language::date(const std::string& isoDate) const
{
  if (m_code == "en" || isoDate.size() != 10 || isoDate[4] != '-' || isoDate[7] != '-') {
    return isoDate;
  }
  return isoDate.substr(8, 2) + "/" + isoDate.substr(5, 2) + "/" + isoDate.substr(0, 4);
}

std::string environmentLanguage()
{
  const auto get = [](const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
  };
  // gettext ignores LANGUAGE when the locale is C.
  const std::string locale = !get("LC_ALL").empty()        ? get("LC_ALL")
                             : !get("LC_MESSAGES").empty() ? get("LC_MESSAGES")
                                                           : get("LANG");
  const std::string language = get("LANGUAGE");
  if (!language.empty() && shortCode(locale) != "en") {
    return shortCode(language);
  }
  if (!language.empty() && locale.empty()) {
    return shortCode(language);
  }
  return shortCode(locale);
}

std::vector<std::string> catalogFolders()
{
  std::vector<std::string> dirs;
  if (const char* dir = std::getenv("PUPITRE_LOCALE_DIR"); dir && *dir) {
    dirs.emplace_back(dir);
  }
  std::error_code ec;
#ifdef _WIN32
  std::wstring buffer(32768, L'\0');
  buffer.resize(GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size())));
  const fs::path exe(buffer);
  ec = buffer.empty() ? std::make_error_code(std::errc::no_such_file_or_directory) : ec;
#else
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
#endif
  if (!ec) {
    for (const char* relative : {"locale", "../locale", "../../locale", "../share/locale"}) {
      const fs::path dir = (exe.parent_path() / relative).lexically_normal();
      if (fs::is_directory(dir, ec)) {
        dirs.push_back(dir.string());
      }
    }
  }
  return dirs;
}

} // namespace pupitre::reports
